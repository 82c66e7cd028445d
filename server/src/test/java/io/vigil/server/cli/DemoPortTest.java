package io.vigil.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operator's first minutes: a bad port is a bad option, a busy port is named with what wanted it and how to change it. */
class DemoPortTest {

    @Test
    void aPortOutOfRangeIsRefusedBeforeAnythingStarts(@TempDir Path dir) {
        Path root = dir.resolve("demo");
        CliRun r = CliRun.of("demo", "--port", "99999", "--dir", root.toString());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("--port") && r.err().contains("99999") && r.err().contains("0..65535"), r.err());
        assertFalse(r.err().contains("vigil-demo.yaml"), "the error points at the option, not a generated file: " + r.err());
        assertFalse(Files.exists(root), "nothing was started or written");
    }

    @Test
    void aBusyPortNamesThePortWhatWantedItAndTheOption(@TempDir Path dir) throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = busy.getLocalPort();
            CliRun r = CliRun.of("--lang", "en", "demo", "--port", Integer.toString(port), "--camera-port", "0", "--cameras", "1",
                    "--dir", dir.resolve("demo").toString());
            assertEquals(1, r.exit(), r.err());
            assertTrue(r.err().contains("port " + port + " is already in use"), r.err());
            assertTrue(r.err().contains("web viewer") && r.err().contains("--port"), r.err());
            assertFalse(r.err().contains("BindException"), r.err());
        }
    }
}
