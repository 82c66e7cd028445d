package io.vigil.ingest.recording;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vigil.storage.StoreOptions;
import io.vigil.storage.VigilStore;
import io.vigil.storage.VigilStores;
import io.vigil.storage.keys.KdfParameters;
import io.vigil.storage.keys.Keystore;
import io.vigil.testkit.MutableClock;
import java.nio.file.Path;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/** A real encrypted store (RocksDB, AES-GCM files) in a temporary directory, with a cheap KDF. */
final class StoreFixture implements AutoCloseable {
    final MutableClock clock;
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final VigilStore store;

    StoreFixture(Path dir, Instant now) {
        this.clock = new MutableClock(now);
        char[] pass = "ingest test passphrase".toCharArray();
        Path keystore = dir.resolve("keystore");
        Keystore.create(keystore, pass.clone(), new KdfParameters(1024, 1, 1), clock);
        this.store = VigilStores.open(new StoreOptions(dir.resolve("data"), keystore, pass, clock, meters));
    }

    @Override
    public void close() {
        store.close();
    }

    /** Polls {@code condition} until it holds or 30 s pass. */
    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for " + what);
            Thread.onSpinWait();
            Thread.yield();
        }
    }
}
