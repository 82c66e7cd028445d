package io.vigil.purge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.storage.SegmentKey;
import io.vigil.storage.SegmentNotFoundException;
import io.vigil.storage.LedgerEntry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Wall-clock steps between runs: never erase footage earlier than retention by the clock the
 * purge can trust, never keep it past the bound silently, always log and ledger the step.
 */
class PurgeClockAnomalyTest {
    static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    static final Duration SEG = Duration.ofMinutes(30);
    /** First run: day 15, 12:00; footage that ended by day 1, 12:00 is expired. */
    static final Instant N1 = T0.plus(Duration.ofDays(14)).plus(Duration.ofHours(12));

    @TempDir Path dir;
    TestStore t;
    List<SegmentKey> all;
    PurgeDaemon purge;

    @BeforeEach
    void record() {
        t = TestStore.create(dir, T0);
        all = t.record("cam-01", T0, T0.plus(Duration.ofDays(2)), SEG, 512);
        purge = new PurgeDaemon(t.config(), t.store, t.meters, t.clock, () -> Long.MAX_VALUE);
        t.clock.set(N1);
        PurgeReport first = purge.runOnce();
        assertTrue(first.clock().anomaly().isEmpty(), "first run has nothing to compare with");
        assertErasedExactlyThrough(N1);
    }

    @AfterEach
    void close() {
        t.close();
    }

    @Test
    void backwardsStepKeepsThePurgeClockAndIsLedgeredOnce() {
        t.clock.set(N1.minus(Duration.ofHours(36)));
        PurgeReport r = purge.runOnce();
        assertEquals("backwards", r.clock().anomaly().orElseThrow().kind());
        assertEquals(N1, r.clock().effective(), "purge clock stays at the last run");
        assertEquals(0, r.segmentsErased());
        assertErasedExactlyThrough(N1);
        assertEquals(1, anomalies("backwards"));
        PurgeHealth.Result h = purge.health().check();
        assertEquals(PurgeHealth.DEGRADED, h.status());
        assertTrue(h.reasons().stream().anyMatch(x -> x.contains("behind the purge clock")), h.reasons().toString());

        // Time passes normally after the step: no new anomaly, the purge clock waits.
        t.clock.advance(TestStore.INTERVAL);
        assertTrue(purge.runOnce().clock().anomaly().isEmpty());
        assertEquals(1, anomalies("backwards"));
        assertErasedExactlyThrough(N1);

        // Once the wall clock passes the purge clock again, it follows it.
        t.clock.set(N1.plus(Duration.ofHours(1)));
        PurgeReport caughtUp = purge.runOnce();
        assertEquals(N1.plus(Duration.ofHours(1)), caughtUp.clock().effective());
        assertEquals("forward", caughtUp.clock().anomaly().orElseThrow().kind(), "the correction is itself recorded");
        assertErasedExactlyThrough(N1.plus(Duration.ofHours(1)));
        assertTrue(purge.health().check().up(), purge.health().check().reasons().toString());
    }

    @Test
    void forwardStepWithinOneDayIsAcceptedAndNamedInTheLedger() {
        t.clock.set(N1.plus(Duration.ofHours(6)));
        PurgeReport r = purge.runOnce();
        assertEquals("forward", r.clock().anomaly().orElseThrow().kind());
        assertErasedExactlyThrough(N1.plus(Duration.ofHours(6)));
        assertEquals(1, anomalies("forward"));
        List<LedgerEntry> d = t.store.ledger().search(e -> e.record().type().equals("destruction"), 100);
        assertTrue(d.get(d.size() - 1).record().details().get("clockAnomaly").startsWith("forward step of PT6H"),
                d.get(d.size() - 1).record().details().toString());
        assertTrue(purge.health().check().up());
    }

    @Test
    void wallClockSteppedWhileRunningIsNotFollowedEvenWithinOneDay() {
        java.util.concurrent.atomic.AtomicLong nanos = new java.util.concurrent.atomic.AtomicLong();
        purge.useMonotonicClock(nanos::get);
        t.clock.advance(TestStore.INTERVAL);
        nanos.addAndGet(TestStore.INTERVAL.toNanos());
        PurgeReport normal = purge.runOnce();
        assertTrue(normal.clock().anomaly().isEmpty(), "real time and wall time agree");
        Instant before = normal.clock().effective();

        // Someone sets the wall clock 12 hours ahead while only one interval really passes.
        t.clock.advance(TestStore.INTERVAL.plus(Duration.ofHours(12)));
        nanos.addAndGet(TestStore.INTERVAL.toNanos());
        PurgeReport r = purge.runOnce();
        assertEquals("forward-jump", r.clock().anomaly().orElseThrow().kind());
        assertEquals(before.plus(TestStore.INTERVAL), r.clock().effective(), "the purge clock follows real elapsed time");
        assertErasedExactlyThrough(before.plus(TestStore.INTERVAL));
        assertEquals(1, anomalies("forward-jump"));
        assertEquals(PurgeHealth.DEGRADED, purge.health().check().status(), "kept past the bound, not silently");

        // An operator confirms the clock: from the next run the purge follows it again.
        purge.confirmClock("officer");
        t.clock.advance(TestStore.INTERVAL);
        nanos.addAndGet(TestStore.INTERVAL.toNanos());
        PurgeReport after = purge.runOnce();
        assertEquals(t.clock.instant(), after.clock().effective());
        assertErasedExactlyThrough(t.clock.instant());
    }

    @Test
    void aClockSteppedWhileVigilRestartedWithinOneBootIsCaughtToo() {
        java.util.concurrent.atomic.AtomicLong nanos = new java.util.concurrent.atomic.AtomicLong(5_000_000_000L);
        purge.useMonotonicClock(nanos::get, "boot-a");
        t.clock.advance(TestStore.INTERVAL);
        nanos.addAndGet(TestStore.INTERVAL.toNanos());
        PurgeReport normal = purge.runOnce();
        assertTrue(normal.clock().anomaly().isEmpty());
        Instant before = normal.clock().effective();

        // Vigil is restarted; while it was down for one interval the clock was set 12 hours ahead.
        PurgeDaemon restarted = new PurgeDaemon(t.config(), t.store, t.meters, t.clock, () -> Long.MAX_VALUE);
        restarted.useMonotonicClock(nanos::get, "boot-a");
        t.clock.advance(TestStore.INTERVAL.plus(Duration.ofHours(12)));
        nanos.addAndGet(TestStore.INTERVAL.toNanos());
        PurgeReport r = restarted.runOnce();
        assertEquals("forward-jump", r.clock().anomaly().orElseThrow().kind(), "the boot's monotonic clock saw one interval pass");
        assertErasedExactlyThrough(before.plus(TestStore.INTERVAL));
    }

    @Test
    void forwardStepBeyondOneDayIsNotFollowedUntilAnOperatorConfirms() {
        t.clock.set(N1.plus(Duration.ofDays(20)));
        PurgeReport r = purge.runOnce();
        assertEquals("forward-untrusted", r.clock().anomaly().orElseThrow().kind());
        assertEquals(N1.plus(TestStore.INTERVAL), r.clock().effective(), "purge clock advances one interval only");
        assertErasedExactlyThrough(N1.plus(TestStore.INTERVAL));
        assertEquals(1, anomalies("forward-untrusted"));
        PurgeHealth.Result h = purge.health().check();
        assertEquals(PurgeHealth.DEGRADED, h.status());
        assertTrue(h.reasons().stream().anyMatch(x -> x.contains("confirms")), h.reasons().toString());
        assertTrue(t.meters.get("vigil.purge.clock.lag.seconds").gauge().value() > Duration.ofDays(19).toSeconds());
        assertTrue(purge.plan().toText().contains("held"), purge.plan().toText());

        // The lag persists across runs and restarts (meta table) until confirmed.
        t.reopen();
        purge = new PurgeDaemon(t.config(), t.store, t.meters, t.clock, () -> Long.MAX_VALUE);
        t.clock.advance(TestStore.INTERVAL);
        PurgeReport later = purge.runOnce();
        assertTrue(later.clock().anomaly().isEmpty());
        assertErasedExactlyThrough(N1.plus(TestStore.INTERVAL.multipliedBy(2)));

        Duration cancelled = purge.confirmClock("admin.park");
        assertTrue(cancelled.compareTo(Duration.ofDays(19)) > 0, cancelled.toString());
        assertEquals(1, t.store.ledger().search(e -> e.record().type().equals("clock.confirm"), 10).size());
        PurgeReport confirmed = purge.runOnce();
        assertEquals(t.clock.instant(), confirmed.clock().effective());
        assertErasedExactlyThrough(t.clock.instant());
        assertTrue(purge.health().check().up(), purge.health().check().reasons().toString());
    }

    @Test
    void wrongForwardStepCorrectedBackwardsCancelsTheLagAndErasesNothingEarly() {
        t.clock.set(N1.plus(Duration.ofDays(300)));
        purge.runOnce();
        t.clock.set(N1.plus(Duration.ofMinutes(20)));
        PurgeReport r = purge.runOnce();
        assertEquals("backwards", r.clock().anomaly().orElseThrow().kind());
        assertEquals(Duration.ZERO, r.clock().lag(), "the correction cancels the lag");
        assertEquals(N1.plus(Duration.ofMinutes(20)), r.clock().effective());
        assertErasedExactlyThrough(N1.plus(Duration.ofMinutes(20)));
        assertTrue(purge.health().check().up(), purge.health().check().reasons().toString());
    }

    /** Segments that ended at or before {@code clock - 14 days} are gone, every other one reads. */
    private void assertErasedExactlyThrough(Instant purgeClock) {
        Instant cutoff = purgeClock.minus(Duration.ofDays(14));
        for (SegmentKey k : all) {
            if (!k.start().plus(SEG).isAfter(cutoff)) {
                assertThrows(SegmentNotFoundException.class, () -> t.store.segments().read(k), k + " should be erased");
            } else {
                assertEquals(512, t.store.segments().read(k).length, k + " must be intact");
            }
        }
    }

    private long anomalies(String kind) {
        return t.store.ledger().search(e -> e.record().type().equals("clock.anomaly")
                && kind.equals(e.record().details().get("kind")), 100).size();
    }
}
