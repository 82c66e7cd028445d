package io.vigil.server;

import io.vigil.config.CameraId;
import io.vigil.config.ConfigLoader;
import io.vigil.config.VigilConfig;
import io.vigil.server.sim.CameraSimHost;
import io.vigil.storage.keys.Keystore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A whole server's configuration pulling every camera of a camera simulator over RTSP, with
 * its keystore: what the live wall's tests and the whole-server benchmarks start a server on.
 * Written as a user would write it ({@code vigil.yaml} and a passphrase file in {@code dir}),
 * then loaded by the real loader.
 */
public final class SimulatedSiteConfig {
    private static final String PASSPHRASE = "simulated site passphrase";

    private SimulatedSiteConfig() {}

    /**
     * Writes a config pulling every camera of {@code sim} (named "Ward ID", location A; a camera
     * named in {@code liveUrls} also gets that second stream for the live wall), then
     * {@code moreCameras} (YAML list items), with {@code settings} (YAML lines) before the camera
     * list, and creates its keystore.
     */
    public static VigilConfig write(Path dir, CameraSimHost sim, String settings, Map<CameraId, String> liveUrls, String moreCameras)
            throws Exception {
        Files.writeString(dir.resolve("pass"), PASSPHRASE + "\n");
        StringBuilder yaml = new StringBuilder("""
                dataDir: data
                keystore: {path: keystore.vks, passphrase: "file:pass"}
                listen: {https: "127.0.0.1:0"}
                """).append(settings).append("cameras:\n");
        for (CameraId id : sim.cameraIds()) {
            yaml.append("  - {id: ").append(id).append(", name: Ward ").append(id).append(", location: A, url: \"").append(sim.url(id)).append('"');
            if (liveUrls.containsKey(id)) yaml.append(", liveUrl: \"").append(liveUrls.get(id)).append('"');
            yaml.append("}\n");
        }
        yaml.append(moreCameras);
        VigilConfig config = ConfigLoader.load(Files.writeString(dir.resolve("vigil.yaml"), yaml));
        Keystore.create(config.keystore(), PASSPHRASE.toCharArray());
        return config;
    }

    /** The same without a second stream or other cameras. */
    public static VigilConfig write(Path dir, CameraSimHost sim, String settings) throws Exception {
        return write(dir, sim, settings, Map.of(), "");
    }
}
