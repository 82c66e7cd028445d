package io.vigil.purge;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vigil.storage.VigilStore;
import io.vigil.storage.StoreOptions;
import io.vigil.storage.VigilStores;
import io.vigil.testkit.MutableClock;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Child JVM for {@link PurgeKillTest}: opens a prepared store, says READY, runs one purge
 * with the wall clock given, says DONE. The parent kills it with SIGKILL at a random moment.
 */
public final class PurgeChild {
    private PurgeChild() {}

    public static void main(String[] args) {
        // Ends itself if the test that started it is gone (a stopped run), instead of writing until the disk is full.
        io.vigil.testkit.OrphanGuard.start(300, java.util.concurrent.TimeUnit.SECONDS);
        Path root = Path.of(args[0]);
        MutableClock clock = new MutableClock(Instant.parse(args[1]));
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (VigilStore store = VigilStores.open(new StoreOptions(root.resolve("data"), root.resolve("vigil.keystore"),
                TestStore.PASS.clone(), clock, meters))) {
            PurgeDaemon purge = new PurgeDaemon(TestStore.config(root.resolve("data"), 14, TestStore.INTERVAL, 0), store, meters,
                    clock, () -> Long.MAX_VALUE);
            System.out.println("READY");
            System.out.flush();
            PurgeReport r = purge.runOnce();
            System.out.println("DONE " + r.segmentsErased());
            System.out.flush();
        }
    }
}
