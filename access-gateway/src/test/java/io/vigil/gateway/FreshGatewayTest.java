package io.vigil.gateway;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The set-up of a test class that wants a fresh {@link GatewayFixture} for each test: started
 * in the test's own temporary directory before it, closed after it. A subclass adds set-up of
 * its own in a {@code @BeforeEach} of another name, which JUnit runs after this one.
 */
public abstract class FreshGatewayTest {
    /** The test's temporary directory: the fixture's data and the test's own files. */
    @TempDir
    protected Path dir;
    protected GatewayFixture f;

    @BeforeEach
    final void startGateway() throws Exception {
        f = new GatewayFixture(dir);
    }

    @AfterEach
    final void stopGateway() {
        if (f != null) f.close();
    }
}
