package io.vigil.storage.segments;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.config.CameraId;
import io.vigil.storage.EraseResult;
import io.vigil.storage.SegmentKey;
import io.vigil.storage.SegmentNotFoundException;
import io.vigil.testkit.ByteScan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rocksdb.FlushOptions;

/**
 * The erase guarantee, proved on the bytes: after an erase no file anywhere under the data
 * directory (RocksDB WAL, SST files, MANIFEST, logs, segment files) contains the destroyed
 * key material, wrapped or not.
 */
class CryptographicEraseTest extends FreshStoreTest {
    static final Instant DAY1 = Instant.parse("2026-11-20T00:00:00Z");
    static final Instant DAY2 = Instant.parse("2026-11-21T00:00:00Z");

    /** {@code count} segments of 3,000 bytes from an hour into the day. */
    private List<SegmentKey> record(String camera, Instant dayStart, int count, int firstSeq) {
        return f.appendRun(camera, dayStart.plusSeconds(3600), count, firstSeq, 3000);
    }

    /** Puts part of the data in SST files (several levels) and part only in memtable and WAL. */
    private void flushAndCompactHalf() throws Exception {
        try (FlushOptions fo = new FlushOptions().setWaitForFlush(true)) {
            f.db.db().flush(fo, f.db.allHandles());
        }
        f.db.db().compactRange(f.db.cf("segments"));
    }

    @Test
    void erasingOneSegmentLeavesNoCopyOfItsKeyAndKeepsTheRest() throws Exception {
        List<SegmentKey> day1 = record("cam-01", DAY1, 10, 0);
        flushAndCompactHalf();
        List<SegmentKey> more = record("cam-01", DAY1.plusSeconds(600), 5, 100);
        SegmentKey victimInSst = day1.get(3);
        SegmentKey victimInWal = more.get(2);
        Map<String, byte[]> needles = new LinkedHashMap<>();
        for (SegmentKey v : List.of(victimInSst, victimInWal)) {
            StoreInternals.KeyMaterial m = StoreInternals.keyMaterial(f.store, v);
            needles.put(v + " segment key", m.segmentKey());
            needles.put(v + " wrapped segment key", m.wrappedSegmentKey());
        }
        assertFoundSomewhere(needles, "wrapped segment key"); // the scan can see them before the erase

        EraseResult r1 = f.store.eraseSegment(victimInSst);
        EraseResult r2 = f.store.eraseSegment(victimInWal);
        assertEquals(List.of(victimInSst), r1.segments());
        assertEquals(List.of("segment:" + victimInWal), r2.destroyedKeyIds());
        assertTrue(r1.bytes() > 3000);

        assertNoCopyUnder(dir, needles);
        assertThrows(SegmentNotFoundException.class, () -> f.store.read(victimInSst));
        assertFalse(Files.exists(f.store.layout().file(victimInWal)));
        for (SegmentKey k : day1) {
            if (!k.equals(victimInSst)) assertArrayEquals(StoreFixture.contentFor(k, 3000), f.store.read(k));
        }
        assertEquals(EraseResult.empty(), f.store.eraseSegment(victimInSst), "erasing again is a no-op");

        f.reopen();
        assertNoCopyUnder(dir, needles);
        assertThrows(SegmentNotFoundException.class, () -> f.store.read(victimInWal));
    }

    @Test
    void erasingACameraDayDestroysTheDayKeyAndEveryRowAndFileOfThatDayOnly() throws Exception {
        List<SegmentKey> day1 = record("cam-01", DAY1, 20, 0);
        List<SegmentKey> otherCamera = record("cam-02", DAY1, 5, 0);
        flushAndCompactHalf();
        List<SegmentKey> day1Late = record("cam-01", DAY1.plusSeconds(7200), 10, 1000);
        List<SegmentKey> day2 = record("cam-01", DAY2, 5, 2000);
        List<SegmentKey> erasedDay = new ArrayList<>(day1);
        erasedDay.addAll(day1Late);

        Map<String, byte[]> needles = new LinkedHashMap<>();
        for (SegmentKey k : erasedDay) {
            StoreInternals.KeyMaterial m = StoreInternals.keyMaterial(f.store, k);
            needles.put(k + " segment key", m.segmentKey());
            needles.put(k + " wrapped segment key", m.wrappedSegmentKey());
            needles.putIfAbsent("day key", m.dayKey());
            needles.putIfAbsent("wrapped day key", m.wrappedDayKey());
        }
        assertFoundSomewhere(needles, "wrapped day key");

        f.store.recordGap(CameraId.of("cam-01"), DAY1.plusSeconds(10), DAY1.plusSeconds(20), "camera unreachable");
        f.store.recordGap(CameraId.of("cam-01"), DAY2.plusSeconds(10), DAY2.plusSeconds(20), "camera unreachable");
        EraseResult r = f.store.eraseCameraDay(CameraId.of("cam-01"), LocalDate.parse("2026-11-20"));
        assertEquals(1, f.store.timeline(CameraId.of("cam-01"), DAY1, DAY2.plusSeconds(60)).stream()
                .filter(s -> "camera unreachable".equals(s.gapReason())).count(), "the erased day's gap record is gone");
        assertEquals(erasedDay.stream().sorted().toList(), r.segments());
        assertEquals(List.of("day:cam-01/2026-11-20"), r.destroyedKeyIds());

        assertNoCopyUnder(dir, needles);
        assertFalse(Files.exists(dir.resolve("segments/cam-01/2026-11-20")), "day directory deleted");
        for (SegmentKey k : erasedDay) assertThrows(SegmentNotFoundException.class, () -> f.store.read(k));
        assertTrue(f.store.list(CameraId.of("cam-01"), DAY1, DAY2).isEmpty());
        for (SegmentKey k : otherCamera) assertArrayEquals(StoreFixture.contentFor(k, 3000), f.store.read(k));
        for (SegmentKey k : day2) assertArrayEquals(StoreFixture.contentFor(k, 3000), f.store.read(k));

        f.reopen();
        assertNoCopyUnder(dir, needles);
        for (SegmentKey k : day2) assertArrayEquals(StoreFixture.contentFor(k, 3000), f.store.read(k));
        // A late segment of the erased day gets a fresh day key and is readable.
        SegmentKey late = record("cam-01", DAY1.plusSeconds(40000), 1, 5000).get(0);
        assertArrayEquals(StoreFixture.contentFor(late, 3000), f.store.read(late));
        assertFalse(java.util.Arrays.equals(needles.get("day key"), StoreInternals.keyMaterial(f.store, late).dayKey()));
    }

    @Test
    void erasingABatchAcrossCamerasAndDaysLeavesNoCopyOfAnyKey() throws Exception {
        List<SegmentKey> a = record("cam-01", DAY1, 6, 0);
        List<SegmentKey> b = record("cam-02", DAY2, 6, 0);
        flushAndCompactHalf();
        List<SegmentKey> c = record("cam-01", DAY2, 6, 100);
        List<SegmentKey> victims = List.of(a.get(1), a.get(4), b.get(0), b.get(5), c.get(2));
        Map<String, byte[]> needles = new LinkedHashMap<>();
        for (SegmentKey v : victims) {
            StoreInternals.KeyMaterial m = StoreInternals.keyMaterial(f.store, v);
            needles.put(v + " segment key", m.segmentKey());
            needles.put(v + " wrapped segment key", m.wrappedSegmentKey());
        }
        EraseResult r = f.store.eraseSegments(victims);
        assertEquals(victims.stream().sorted().toList(), r.segments());
        assertNoCopyUnder(dir, needles);
        for (SegmentKey k : List.of(a.get(0), a.get(5), b.get(1), c.get(0), c.get(5))) {
            assertArrayEquals(StoreFixture.contentFor(k, 3000), f.store.read(k));
        }
    }

    private void assertFoundSomewhere(Map<String, byte[]> needles, String kind) throws IOException {
        boolean any = false;
        for (Map.Entry<String, byte[]> e : needles.entrySet()) {
            if (e.getKey().endsWith(kind) && !ByteScan.filesContaining(dir, e.getValue()).isEmpty()) any = true;
        }
        assertTrue(any, "sanity: before the erase the " + kind + " must be found by the scan");
    }

    static void assertNoCopyUnder(Path root, Map<String, byte[]> needles) throws IOException {
        List<String> found = new ArrayList<>();
        for (Map.Entry<String, byte[]> n : needles.entrySet()) {
            for (Path p : ByteScan.filesContaining(root, n.getValue())) {
                found.add(n.getKey() + " (" + HexFormat.of().formatHex(n.getValue(), 0, 4) + "...) in " + root.relativize(p));
            }
        }
        assertTrue(found.isEmpty(), "destroyed key material still on disk:\n" + String.join("\n", found));
    }
}
