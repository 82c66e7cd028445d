package io.vigil.purge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.storage.SegmentKey;
import io.vigil.storage.SegmentNotFoundException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** start() runs at once and then every interval on its own thread; close() stops it. */
class PurgeSchedulingTest {
    static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

    @TempDir Path dir;

    @Test
    void startRunsAtOnceAndEveryIntervalUntilClosed() {
        try (TestStore t = TestStore.create(dir, T0)) {
            List<SegmentKey> keys = t.record("cam-01", T0, T0.plus(Duration.ofHours(2)), Duration.ofMinutes(20), 256);
            t.clock.set(T0.plus(Duration.ofDays(14)).plus(Duration.ofMinutes(40)));
            PurgeDaemon purge = new PurgeDaemon(TestStore.config(t.dataDir(), 14, Duration.ofMillis(200), 0), t.store, t.meters,
                    t.clock, () -> Long.MAX_VALUE);
            purge.start();
            try {
                assertThrows(IllegalStateException.class, purge::start);
                waitFor(() -> purge.status().lastRunWall() != null, "first run");
                assertThrows(SegmentNotFoundException.class, () -> t.store.segments().read(keys.get(0)));
                assertEquals(256, t.store.segments().read(keys.get(2)).length, "inside the window");
                // Time passes: a later scheduled run erases what has expired since.
                t.clock.advance(Duration.ofMinutes(40));
                waitFor(() -> {
                    try {
                        t.store.segments().read(keys.get(3));
                        return false;
                    } catch (SegmentNotFoundException gone) {
                        return true;
                    }
                }, "a scheduled run after the clock moved");
                waitFor(() -> t.meters.get("vigil.purge.runs").tag("result", "ok").counter().count() >= 3, "three runs");
            } finally {
                purge.close();
            }
            double runs = t.meters.get("vigil.purge.runs").tag("result", "ok").counter().count();
            assertEquals(256, t.store.segments().read(keys.get(5)).length);
            assertTrue(purge.health().check().up(), purge.health().check().reasons().toString());
            assertEquals(runs, t.meters.get("vigil.purge.runs").tag("result", "ok").counter().count(), "no run after close");
        }
    }

    static void waitFor(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for " + what);
            LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
        }
    }
}
