package io.vigil.storage.segments;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The set-up of a test class that wants a fresh {@link StoreFixture} for each test: opened in
 * the test's own temporary directory before it, closed after it (a test may reopen it as
 * {@code f}; the one {@code f} holds at the end is closed).
 */
abstract class FreshStoreTest {
    @TempDir
    Path dir;
    StoreFixture f;

    @BeforeEach
    final void openStore() {
        f = new StoreFixture(dir);
    }

    @AfterEach
    final void closeStore() {
        if (f != null) f.close();
    }
}
