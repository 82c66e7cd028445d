package io.vigil.gateway;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The set-up of a test class whose tests share one {@link GatewayFixture}: started in the
 * class's temporary directory before its first test, closed after its last. A subclass adds
 * set-up of its own (footage, an export) in a {@code @BeforeAll} of another name, which JUnit
 * runs after this one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class SharedGatewayTest {
    /** The class's temporary directory: the fixture's data and the tests' own files. */
    protected Path dir;
    protected GatewayFixture f;

    @BeforeAll
    final void startGateway(@TempDir Path classDir) throws Exception {
        dir = classDir;
        f = new GatewayFixture(dir);
    }

    @AfterAll
    final void stopGateway() {
        if (f != null) f.close();
    }
}
