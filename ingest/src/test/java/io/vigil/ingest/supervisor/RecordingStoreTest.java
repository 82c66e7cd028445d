package io.vigil.ingest.supervisor;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vigil.storage.StoreOptions;
import io.vigil.storage.VigilStore;
import io.vigil.storage.VigilStores;
import io.vigil.storage.keys.KdfParameters;
import io.vigil.storage.keys.Keystore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The set-up of a supervisor test that records into a real encrypted store on the system
 * clock: for each test a fresh store (cheap KDF) in its temporary directory, the recorders'
 * disk thread and their meters; all closed after it.
 */
abstract class RecordingStoreTest {
    @TempDir
    Path dir;
    VigilStore store;
    ExecutorService disk;
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @BeforeEach
    final void openStore() {
        char[] pass = "recording test passphrase".toCharArray();
        Keystore.create(dir.resolve("keystore"), pass.clone(), new KdfParameters(1024, 1, 1), Clock.systemUTC());
        store = VigilStores.open(new StoreOptions(dir.resolve("data"), dir.resolve("keystore"), pass, Clock.systemUTC(), meters));
        disk = Executors.newSingleThreadExecutor();
    }

    @AfterEach
    final void closeStore() throws InterruptedException {
        disk.shutdown();
        disk.awaitTermination(30, TimeUnit.SECONDS);
        store.close();
    }
}
