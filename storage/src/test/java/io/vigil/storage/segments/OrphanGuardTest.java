package io.vigil.storage.segments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.testkit.OrphanGuard;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The crash tests' writer children ({@link CrashWriterMain} and the ledger's and purge's) end
 * themselves when the test process is gone or their time is up, so a stopped test run cannot
 * leave one writing until the disk is full.
 */
class OrphanGuardTest {
    /** A child that would otherwise live forever. Arguments: its time limit in seconds. */
    public static final class EndlessChild {
        public static void main(String[] args) throws Exception {
            OrphanGuard.start(Long.parseLong(args[0]), TimeUnit.SECONDS);
            System.out.println("started");
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    @Test
    void aChildWhoseParentIsGoneStops() throws Exception {
        Process child = start(600);
        assertFalse(child.waitFor(500, TimeUnit.MILLISECONDS), "alive while its parent holds the pipe");
        child.getOutputStream().close(); // what the operating system does when the test process dies
        assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the child stopped");
        assertEquals(3, child.exitValue());
    }

    @Test
    void aChildPastItsTimeLimitStops() throws Exception {
        Process child = start(1);
        assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the child stopped at its limit");
        assertEquals(4, child.exitValue());
        child.getOutputStream().close();
    }

    private static Process start(long limitSeconds) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), EndlessChild.class.getName(),
                Long.toString(limitSeconds)).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] line = child.getInputStream().readNBytes("started".length());
        assertEquals("started", new String(line), "the child is running");
        return child;
    }
}
