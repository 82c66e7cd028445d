package io.vigil.gateway.masking;

import io.vigil.gateway.GatewayFixture;
import io.vigil.gateway.GatewayFixture.Login;
import io.vigil.storage.SegmentStore;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A masking API test class over one gateway for all its tests: the {@link MaskingFixture}
 * (its footage and the class's own, {@link #record}) made before the first test, closed
 * after the last.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class MaskingApiTestBase {
    MaskingFixture m;
    GatewayFixture f;
    Login manager;

    /** @param dir the class's data directory (JUnit's, deleted after the last test) */
    @BeforeAll
    void start(@TempDir Path dir) throws Exception {
        m = new MaskingFixture(dir);
        f = m.f;
        manager = m.manager;
        record(f.store.segments());
    }

    /** Stores the footage the class's tests need beside the fixture's. */
    abstract void record(SegmentStore segments) throws Exception;

    @AfterAll
    void stop() {
        if (m != null) m.close();
    }
}
