package io.vigil.purge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.config.CameraId;
import io.vigil.storage.SegmentInfo;
import io.vigil.storage.SegmentKey;
import io.vigil.storage.SegmentNotFoundException;
import io.vigil.storage.VigilStore;
import io.vigil.storage.holds.HoldRegistry;
import io.vigil.storage.holds.LegalHold;
import io.vigil.storage.LedgerEntry;
import io.vigil.storage.LedgerRecord;
import io.vigil.storage.segments.StoreInternals;
import io.vigil.testkit.ByteScan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Days pass on an injected clock over a real store: expired footage becomes unreadable,
 * held footage survives until its hold ends, nothing inside the window is touched, and no
 * key material or file of erased footage remains anywhere in the data directory.
 */
class PurgeRetentionTest {
    static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    static final Duration SEG = Duration.ofMinutes(20);
    static final int BYTES = 2048;

    @TempDir Path dir;
    TestStore t;
    List<SegmentKey> all = new ArrayList<>();

    @BeforeEach
    void record() {
        t = TestStore.create(dir, T0);
        for (String cam : List.of("cam-01", "cam-02")) {
            all.addAll(t.record(cam, T0, T0.plus(Duration.ofDays(2)), SEG, BYTES));
        }
    }

    @AfterEach
    void close() {
        t.close();
    }

    @Test
    void daysPassingEraseExactlyTheExpiredUnheldFootage() throws IOException {
        HoldRegistry holds = new HoldRegistry(t.store.table(VigilStore.HOLDS), t.store.ledger(), t.clock);
        t.clock.set(T0.plus(Duration.ofDays(3)));
        LegalHold hold = holds.place(List.of(CameraId.of("cam-02")), T0.plus(Duration.ofHours(10)), T0.plus(Duration.ofHours(12)),
                "police request", "KNPA-1", T0.plus(Duration.ofDays(19)), "officer");
        LegalHold released = holds.place(List.of(CameraId.of("cam-01")), T0.plus(Duration.ofHours(3)), T0.plus(Duration.ofHours(4)),
                "complaint", null, T0.plus(Duration.ofDays(40)), "officer");
        // Days pass between runs here; the clock-step guard has its own tests (PurgeClockAnomalyTest).
        PurgeDaemon purge = new PurgeDaemon(t.config(), t.store, t.meters, t.clock, () -> Long.MAX_VALUE, Duration.ofDays(30));

        // Key material of segments that will be erased by segment key, and of a whole day, captured before.
        SegmentKey firstOfCam1 = all.get(0);
        List<byte[]> segSecrets = StoreInternals.keyMaterial(t.store.segments(), firstOfCam1).all().subList(0, 2);
        Path firstFile = StoreInternals.file(t.store.segments(), firstOfCam1);
        assertTrue(Files.exists(firstFile));

        // Day 15, 06:00: footage that ended by day 1, 06:00 is expired.
        t.clock.set(T0.plus(Duration.ofDays(14)).plus(Duration.ofHours(6)));
        PurgeReport r1 = purge.runOnce();
        assertTrue(r1.complete(), r1.errors().toString());
        assertEquals(0, r1.daysErased(), "day 1 is not wholly expired yet");
        assertEquals(2 * 18 - 3, r1.segmentsErased(), "6 h of 20-min segments of two cameras, less 1 h held");
        assertExactlyExpiredGone(purge, List.of(hold, released));
        assertFalse(Files.exists(firstFile), "file of an erased segment is deleted");
        assertNoneFound(segSecrets, "segment key of an erased segment");

        LedgerRecord d1 = lastOfType("destruction");
        assertEquals("cam-01,cam-02", d1.cameraIds());
        assertEquals(T0, d1.footageFrom());
        assertEquals(T0.plus(Duration.ofHours(6)), d1.footageTo());
        assertEquals("cryptographic erase", d1.form());
        assertEquals("retention 14 days (policy Art. 4)", d1.legalBasis());
        assertEquals("33", d1.details().get("segments"));
        assertEquals(Long.toString(r1.bytesErased()), d1.details().get("bytes"));
        assertTrue(d1.details().get("keyIds").contains("segment:" + firstOfCam1), d1.details().get("keyIds"));
        assertEquals("completed", d1.details().get("result"));

        // Capture cam-01 day-1 key material (the day key of a day about to be erased whole).
        SegmentKey lateDay1 = find("cam-01", T0.plus(Duration.ofHours(20)));
        List<byte[]> daySecrets = StoreInternals.keyMaterial(t.store.segments(), lateDay1).all();

        // The officer releases one hold: its footage goes at the next run.
        holds.release(released.id(), "case closed", "officer");
        // Day 16, 00:30: day 1 of cam-01 wholly expired (day key); cam-02 day 1 is partly held.
        t.clock.set(T0.plus(Duration.ofDays(15)).plus(Duration.ofMinutes(30)));
        PurgeReport r2 = purge.runOnce();
        assertTrue(r2.complete(), r2.errors().toString());
        assertEquals(1, r2.daysErased(), "cam-01 day 1 by its day key");
        assertTrue(r2.keyIdsDestroyed().contains("day:cam-01/2026-11-01"), r2.keyIdsDestroyed().toString());
        assertExactlyExpiredGone(purge, List.of(hold));
        assertNoneFound(daySecrets, "keys of the erased camera-day");
        assertFalse(Files.exists(StoreInternals.file(t.store.segments(), lateDay1).getParent()), "day directory removed");
        assertTrue(r2.heldBytes() > 0);
        List<SegmentInfo> heldSegs = t.store.segments().list(CameraId.of("cam-02"), T0.plus(Duration.ofHours(10)), T0.plus(Duration.ofHours(12)));
        assertEquals(6, heldSegs.size());
        assertEquals(heldSegs.stream().mapToLong(SegmentInfo::storedBytes).sum(), r2.heldBytes());
        String plan = purge.plan().toText();
        assertTrue(plan.contains(hold.id()) && plan.contains("cam-02"), plan);
        assertEquals((double) r2.heldBytes(), t.meters.get("vigil.purge.held.bytes").gauge().value());

        // The hold expires on day 20: its footage goes at the next run, nothing inside the window.
        t.clock.set(T0.plus(Duration.ofDays(19)).plus(Duration.ofMinutes(1)));
        PurgeReport r3 = purge.runOnce();
        assertTrue(r3.complete());
        assertExactlyExpiredGone(purge, List.of());
        assertEquals(0, r3.heldBytes());
        assertTrue(t.store.segments().cameras().isEmpty() || t.store.segments().list(CameraId.of("cam-02"), T0, T0.plus(Duration.ofDays(5))).isEmpty());

        assertTrue(t.store.ledger().verify().ok());
        assertTrue(t.store.fsck(false).clean(), t.store.fsck(false).problems().toString());
        assertEquals(3.0, t.meters.get("vigil.purge.runs").tag("result", "ok").counter().count());
        assertEquals((double) all.size(), t.meters.get("vigil.purge.segments.erased").counter().count(), "every segment recorded was erased once");
    }

    @Test
    void theDayKeyOfADayErasedSegmentBySegmentIsDestroyedOnceTheDayIsPast() throws IOException {
        // cam-03 recorded only the morning of day 3; those segments expire one by one before day 3 is over.
        Instant day3 = T0.plus(Duration.ofDays(2));
        List<SegmentKey> morning = t.record("cam-03", day3, day3.plus(Duration.ofHours(2)), SEG, BYTES);
        List<byte[]> dayKey = StoreInternals.keyMaterial(t.store.segments(), morning.get(0)).all().subList(2, 4);
        PurgeDaemon purge = new PurgeDaemon(t.config(), t.store, t.meters, t.clock, () -> Long.MAX_VALUE, Duration.ofDays(30));
        t.clock.set(day3.plus(Duration.ofDays(14)).plus(Duration.ofHours(6)));
        PurgeReport r1 = purge.runOnce();
        assertTrue(r1.keyIdsDestroyed().stream().noneMatch(k -> k.startsWith("day:cam-03")), "day 3 is not over yet");
        for (SegmentKey k : morning) assertThrows(SegmentNotFoundException.class, () -> t.store.segments().read(k));

        t.clock.set(day3.plus(Duration.ofDays(15)).plus(Duration.ofMinutes(10)));
        assertTrue(purge.plan().toText().contains("day key of 2026-11-03"), purge.plan().toText());
        PurgeReport r2 = purge.runOnce();
        assertTrue(r2.keyIdsDestroyed().contains("day:cam-03/2026-11-03"), r2.keyIdsDestroyed().toString());
        assertNoneFound(dayKey, "day key of an emptied day");
        LedgerRecord d = lastOfType("destruction");
        assertTrue(d.details().get("dayKeysOfEmptiedDays").startsWith("cam-03/2026-11-03"), d.details().toString());
        assertTrue(d.cameraIds().contains("cam-03"));
        assertTrue(purge.runOnce().keyIdsDestroyed().isEmpty(), "destroyed once");
    }

    @Test
    void aHoldPlacedWhileARunIsUnderWayProtectsFromTheNextBatchOn() {
        HoldRegistry holds = new HoldRegistry(t.store.table(VigilStore.HOLDS), t.store.ledger(), t.clock);
        t.clock.set(T0.plus(Duration.ofDays(16)).plus(Duration.ofHours(1)));
        java.util.concurrent.atomic.AtomicBoolean placed = new java.util.concurrent.atomic.AtomicBoolean();
        // The run reads the holds, then the free space: an officer's hold lands in between,
        // after the plan's view of the holds and before any erasure.
        PurgeDaemon purge = new PurgeDaemon(t.config(), t.store, t.meters, t.clock, () -> {
            if (placed.compareAndSet(false, true)) {
                holds.place(List.of(CameraId.of("cam-02")), T0.plus(Duration.ofHours(30)), T0.plus(Duration.ofHours(31)), "late request",
                        null, t.clock.instant().plus(Duration.ofDays(1)), "officer");
            }
            return Long.MAX_VALUE;
        }, Duration.ofDays(30));
        PurgeReport r = purge.runOnce();
        assertTrue(placed.get());
        assertTrue(r.complete(), r.errors().toString());
        for (SegmentKey k : all) {
            boolean held = k.cameraId().value().equals("cam-02") && !k.start().plus(SEG).isBefore(T0.plus(Duration.ofHours(30)).plusSeconds(1))
                    && k.start().isBefore(T0.plus(Duration.ofHours(31)));
            if (held) {
                assertEquals(BYTES, t.store.segments().read(k).length, k + " came under the hold during the run");
            } else {
                assertThrows(SegmentNotFoundException.class, () -> t.store.segments().read(k));
            }
        }
    }

    @Test
    void oldestFootageAgeAndHealthFollowTheRuns() {
        PurgeDaemon purge = new PurgeDaemon(t.config(), t.store, t.meters, t.clock, () -> Long.MAX_VALUE);
        t.clock.set(T0.plus(Duration.ofDays(15)).plus(Duration.ofHours(12)));
        purge.runOnce();
        double age = t.meters.get("vigil.purge.oldest.footage.age.seconds").tag("camera", "cam-01").gauge().value();
        // The oldest remaining segment ended after the cutoff (day 2, 12:00), so it started less than one segment before.
        assertTrue(age >= Duration.ofDays(14).toSeconds() && age <= Duration.ofDays(14).plus(SEG).toSeconds(), "age " + age);
        assertTrue(purge.health().check().up(), purge.health().check().reasons().toString());
        @SuppressWarnings("unchecked")
        Map<String, Long> ages = (Map<String, Long>) purge.health().check().toMap().get("oldestFootageAgeSeconds");
        assertEquals((long) age, ages.get("cam-01"));
        assertEquals(2, ages.size());
        // No run for two intervals: the bound is at risk.
        t.clock.advance(Duration.ofMinutes(25));
        PurgeHealth.Result h = purge.health().check();
        assertEquals(PurgeHealth.DEGRADED, h.status());
        assertTrue(h.reasons().get(0).contains("bound at risk"), h.reasons().toString());
        purge.runOnce();
        assertTrue(purge.health().check().up());
    }

    /** Every unheld segment that ended at or before the cutoff is unreadable; everything else reads back intact. */
    private void assertExactlyExpiredGone(PurgeDaemon purge, List<LegalHold> activeHolds) {
        Instant cutoff = t.clock.instant().minus(Duration.ofDays(14));
        for (SegmentKey k : all) {
            Instant end = k.start().plus(SEG);
            boolean held = activeHolds.stream().anyMatch(h -> h.coversFootage(k.cameraId(), k.start(), end));
            if (!end.isAfter(cutoff) && !held) {
                assertThrows(SegmentNotFoundException.class, () -> t.store.segments().read(k), k + " should be erased");
            } else {
                assertArrayEquals(TestStore.content(k.cameraId(), k.start(), BYTES), t.store.segments().read(k),
                        k + " must be intact");
            }
        }
        assertTrue(purge.status().lastRunOk());
    }

    private SegmentKey find(String cam, Instant start) {
        return all.stream().filter(k -> k.cameraId().value().equals(cam) && k.start().equals(start)).findFirst().orElseThrow();
    }

    private LedgerRecord lastOfType(String type) {
        List<LedgerEntry> e = t.store.ledger().search(x -> x.record().type().equals(type), 10_000);
        assertFalse(e.isEmpty(), "no " + type + " entry");
        return e.get(e.size() - 1).record();
    }

    /** Scans every byte of every file under the data directory for each needle. */
    private void assertNoneFound(List<byte[]> needles, String what) throws IOException {
        Map<Path, byte[]> files = ByteScan.readTree(t.dataDir());
        assertTrue(files.size() > 3, "scanned " + files.size() + " files");
        for (byte[] needle : needles) {
            assertNotNull(needle);
            assertTrue(needle.length >= 16);
            for (Map.Entry<Path, byte[]> f : files.entrySet()) {
                assertEquals(-1, ByteScan.indexOf(f.getValue(), needle), what + " found in " + f.getKey());
            }
        }
    }
}
