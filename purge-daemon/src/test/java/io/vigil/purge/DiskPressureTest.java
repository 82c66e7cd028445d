package io.vigil.purge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.config.CameraId;
import io.vigil.storage.SegmentInfo;
import io.vigil.storage.SegmentKey;
import io.vigil.storage.SegmentNotFoundException;
import io.vigil.storage.VigilStore;
import io.vigil.storage.holds.HoldRegistry;
import io.vigil.storage.LedgerEntry;
import io.vigil.storage.LedgerRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A simulated small disk: the probe reports a fixed capacity minus the real size of the
 * segment files on disk, so erasing really frees "space". Below the floor the oldest
 * unheld footage goes first, across cameras, recorded as early destruction.
 */
class DiskPressureTest {
    static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    static final Duration SEG = Duration.ofMinutes(30);
    static final long FLOOR = 1_000_000;

    @TempDir Path dir;
    TestStore t;
    List<SegmentKey> all = new ArrayList<>();
    HoldRegistry holds;
    long capacity;

    @BeforeEach
    void record() {
        t = TestStore.create(dir, T0);
        for (String cam : List.of("cam-a", "cam-b", "cam-c")) all.addAll(t.record(cam, T0, T0.plus(Duration.ofDays(1)), SEG, 4096));
        t.clock.set(T0.plus(Duration.ofDays(1)));
        holds = new HoldRegistry(t.store.table(VigilStore.HOLDS), t.store.ledger(), t.clock);
        holds.place(List.of(CameraId.of("cam-b")), T0, T0.plus(Duration.ofHours(2)), "incident in lobby", "INC-7", T0.plus(Duration.ofDays(30)),
                "officer");
    }

    @AfterEach
    void close() {
        t.close();
    }

    /** Bytes of segment files actually on disk. */
    long segmentBytesOnDisk() {
        try (Stream<Path> s = Files.walk(t.dataDir().resolve("segments"))) {
            return s.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    PurgeDaemon daemon() {
        return new PurgeDaemon(TestStore.config(t.dataDir(), 14, TestStore.INTERVAL, FLOOR), t.store, t.meters, t.clock,
                () -> capacity - segmentBytesOnDisk());
    }

    @Test
    void oldestUnheldFootageGoesFirstUntilAboveTheFloor() {
        long segBytes = t.store.segments().list(CameraId.of("cam-a"), T0, T0.plusSeconds(1)).get(0).storedBytes();
        // Short by the size of eight segments.
        capacity = segmentBytesOnDisk() + FLOOR - 8 * segBytes + 1;
        PurgeDaemon purge = daemon();
        assertTrue(purge.plan().belowFloor());
        assertTrue(purge.plan().toText().contains("BELOW the floor"));

        PurgeReport r = purge.runOnce();
        assertEquals(0, r.segmentsErased(), "nothing is past retention");
        assertEquals(8, r.earlySegments());
        assertFalse(r.floorUnreachable());
        Set<SegmentKey> expected = all.stream()
                .filter(k -> !k.cameraId().value().equals("cam-b") && k.start().isBefore(T0.plus(Duration.ofHours(2))))
                .collect(Collectors.toSet());
        assertEquals(8, expected.size());
        for (SegmentKey k : all) {
            if (expected.contains(k)) {
                assertThrows(SegmentNotFoundException.class, () -> t.store.segments().read(k));
            } else {
                assertEquals(4096, t.store.segments().read(k).length, k + " must be intact");
            }
        }
        assertTrue(capacity - segmentBytesOnDisk() >= FLOOR);

        List<LedgerEntry> early = t.store.ledger().search(e -> e.record().type().equals("destruction.early"), 10);
        assertEquals(1, early.size());
        LedgerRecord rec = early.get(0).record();
        assertEquals("cam-a,cam-c", rec.cameraIds());
        assertEquals("8", rec.details().get("segments"));
        assertEquals(Long.toString(FLOOR), rec.details().get("floorBytes"));
        assertTrue(rec.legalBasis().contains("free space below the configured floor"), rec.legalBasis());
        assertTrue(t.store.ledger().search(e -> e.record().type().equals("destruction"), 10).isEmpty(),
                "no retention destruction happened");
        assertEquals(8.0, t.meters.get("vigil.purge.early.segments.erased").counter().count());

        PurgeHealth.Result h = purge.health().check();
        assertEquals(PurgeHealth.DEGRADED, h.status());
        assertTrue(h.reasons().stream().anyMatch(x -> x.contains("disk pressure: 8 segments")), h.reasons().toString());
        // Remembered across restarts for 24 hours.
        assertEquals(PurgeHealth.DEGRADED, daemon().health().check().status());
        t.clock.advance(Duration.ofHours(25));
        assertTrue(daemon().health().check().up(), daemon().health().check().reasons().toString());
    }

    @Test
    void whenNothingErasableIsLeftHealthSaysSoAndRecentAndHeldFootageSurvive() {
        capacity = FLOOR / 2; // can never be reached
        PurgeDaemon purge = daemon();
        PurgeReport r = purge.runOnce();
        assertTrue(r.floorUnreachable());
        Instant guard = t.clock.instant().minus(TestStore.INTERVAL);
        for (SegmentKey k : all) {
            boolean held = k.cameraId().value().equals("cam-b") && k.start().isBefore(T0.plus(Duration.ofHours(2)));
            boolean recent = k.start().plus(SEG).isAfter(guard);
            if (held || recent) {
                assertEquals(4096, t.store.segments().read(k).length, k + " must survive");
            } else {
                assertThrows(SegmentNotFoundException.class, () -> t.store.segments().read(k));
            }
        }
        List<SegmentInfo> left = t.store.segments().list(CameraId.of("cam-a"), T0, T0.plus(Duration.ofDays(2)));
        assertEquals(1, left.size(), "only the segment that ended within the last interval");
        PurgeHealth.Result h = purge.health().check();
        assertEquals(PurgeHealth.DEGRADED, h.status());
        assertTrue(h.reasons().stream().anyMatch(x -> x.contains("no unheld footage old enough")), h.reasons().toString());
    }
}
