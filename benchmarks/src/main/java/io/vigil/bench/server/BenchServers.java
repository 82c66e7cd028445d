package io.vigil.bench.server;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vigil.config.CameraId;
import io.vigil.config.ConfigLoader;
import io.vigil.config.VigilConfig;
import io.vigil.ingest.sim.CameraSimulator;
import io.vigil.ingest.sim.SimSettings;
import io.vigil.server.sim.CameraSimHost;
import io.vigil.storage.keys.Keystore;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/** What the whole-server benches share: 4 Mbit/s replayed cameras and a config that pulls them all. */
final class BenchServers {
    private static final String PASSPHRASE = "bench passphrase 123";

    private BenchServers() {}

    static CameraSimHost cameras(int count) throws InterruptedException {
        return CameraSimHost.start(new InetSocketAddress("127.0.0.1", 0), count, CameraSimulator.Mode.REPLAY,
                SimSettings.BENCH_4MBIT, Clock.systemUTC());
    }

    /** Writes a config pulling every simulated camera (plus {@code extraYaml} settings) and creates its keystore. */
    static VigilConfig config(Path dir, CameraSimHost sim, String extraYaml) throws Exception {
        Files.writeString(dir.resolve("pass"), PASSPHRASE + "\n");
        StringBuilder yaml = new StringBuilder("""
                dataDir: data
                keystore: {path: keystore.vks, passphrase: "file:pass"}
                listen: {https: "127.0.0.1:0"}
                """).append(extraYaml).append("cameras:\n");
        for (CameraId id : sim.cameraIds()) {
            yaml.append("  - {id: ").append(id).append(", name: ").append(id).append(", location: bench, url: \"")
                    .append(sim.url(id)).append("\"}\n");
        }
        VigilConfig config = ConfigLoader.load(Files.writeString(dir.resolve("vigil.yaml"), yaml));
        Keystore.create(config.keystore(), PASSPHRASE.toCharArray());
        return config;
    }

    static double sum(MeterRegistry m, String name) {
        double s = 0;
        for (Counter c : m.find(name).counters()) s += c.count();
        return s;
    }
}
