package io.vigil.server;

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
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * A real Vigil in its own JVM for {@link StartStopLedgerTest}: a simulated camera, the
 * config written beside it (args[0] is the directory), the server recording it. Prints
 * "ready" once the camera has stored two segments, then runs until it is killed.
 */
public final class RunningServerChild {
    static final String PASSPHRASE = "start stop passphrase";

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        CameraSimHost sim = CameraSimHost.start(new InetSocketAddress("127.0.0.1", 0), 1, CameraSimulator.Mode.LIVE,
                new SimSettings(320, 240, 10, 10, 300_000), Clock.systemUTC());
        Files.writeString(dir.resolve("pass"), PASSPHRASE + "\n");
        Path cfgFile = Files.writeString(dir.resolve("vigil.yaml"), """
                dataDir: data
                keystore: {path: keystore.vks, passphrase: "file:pass"}
                segmentDuration: 1s
                listen: {https: "127.0.0.1:0"}
                cameras:
                  - {id: cam01, name: Entrance, location: Lobby, url: "%s"}
                """.formatted(sim.url(sim.cameraIds().get(0))));
        VigilConfig config = ConfigLoader.load(cfgFile);
        if (!Files.exists(config.keystore())) Keystore.create(config.keystore(), PASSPHRASE.toCharArray());
        VigilServer server = VigilServer.start(config);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (server.store().segments().list(CameraId.of("cam01"), Instant.EPOCH, Instant.now().plusSeconds(60)).size() < 2) {
            if (System.nanoTime() > deadline) {
                System.out.println("no footage within 90 s");
                System.exit(2);
            }
            TimeUnit.MILLISECONDS.sleep(100); // polling for real recording time to pass, bounded by the deadline
        }
        System.out.println("ready");
        System.out.flush();
        server.awaitShutdown();
    }
}
