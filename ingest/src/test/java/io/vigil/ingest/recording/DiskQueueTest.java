package io.vigil.ingest.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

class DiskQueueTest {
    /** An executor that runs nothing until told: a disk that has stalled. */
    private static final class StalledDisk implements Executor {
        final ArrayDeque<Runnable> waiting = new ArrayDeque<>();

        @Override
        public void execute(Runnable r) {
            waiting.add(r);
        }

        void catchUp() {
            Runnable r;
            while ((r = waiting.poll()) != null) r.run();
        }
    }

    @Test
    void boundedByBytesAsWellAsByTasksAndFreedWhenWritten() {
        StalledDisk disk = new StalledDisk();
        DiskQueue q = new DiskQueue(16, 64L << 20, disk);
        List<String> ran = new ArrayList<>();
        assertTrue(q.offer(() -> ran.add("a"), 50L << 20));
        assertFalse(q.offer(() -> ran.add("b"), 20L << 20), "70 MiB would exceed the 64 MiB bound");
        assertTrue(q.offer(() -> ran.add("gap")), "a task holding no data still fits");
        assertTrue(q.offer(() -> ran.add("c"), 14L << 20), "exactly up to the bound");
        assertEquals(64L << 20, q.bytes());
        disk.catchUp();
        assertEquals(List.of("a", "gap", "c"), ran, "in order, the refused one never");
        assertEquals(0, q.bytes(), "bytes are given back once written");
        assertTrue(q.offer(() -> ran.add("huge"), 100L << 20), "an empty queue takes a segment larger than the bound");
        assertFalse(q.offer(() -> ran.add("next"), 1), "but nothing more until it is written");
        disk.catchUp();
        assertEquals("huge", ran.get(ran.size() - 1));
        assertEquals(0, q.bytes());
    }

    @Test
    void bytesAreGivenBackWhenATaskFails() {
        StalledDisk disk = new StalledDisk();
        DiskQueue q = new DiskQueue(4, 10, disk);
        assertTrue(q.offer(() -> { throw new IllegalStateException("disk error"); }, 8));
        try {
            disk.catchUp();
        } catch (IllegalStateException expected) {
            // the recorder's tasks catch their own errors; the queue must not leak bytes either way
        }
        assertEquals(0, q.bytes());
    }
}
