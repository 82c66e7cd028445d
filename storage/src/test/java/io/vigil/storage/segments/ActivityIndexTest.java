package io.vigil.storage.segments;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.config.CameraId;
import io.vigil.storage.ActivitySample;
import io.vigil.storage.CameraDay;
import io.vigil.storage.SegmentKey;
import io.vigil.storage.db.VigilDatabase;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rocksdb.RocksIterator;

/**
 * The activity line's samples in the index: readable by camera and time range, kept only
 * beside a stored segment, and gone (from the column family itself, not only from the
 * query) after every erase that takes their footage: the purge's camera-day erase and the
 * segment erase of a subject's deletion request.
 */
class ActivityIndexTest extends FreshStoreTest {
    static final Instant DAY1 = Instant.parse("2026-11-20T00:00:00Z");
    static final Instant DAY2 = Instant.parse("2026-11-21T00:00:00Z");


    /** {@code count} segments of 2 s from {@code at}, each with a sample of change 10 * i. */
    private List<SegmentKey> record(String camera, Instant at, int count, int firstSeq) {
        List<SegmentKey> keys = f.appendRun(camera, at, count, firstSeq, 500);
        for (int i = 0; i < count; i++) f.store.recordActivity(keys.get(i), 10 * i);
        return keys;
    }

    @Test
    void samplesAreReadByCameraAndTimeRangeInOrder() {
        record("cam-01", DAY1.plusSeconds(3600), 10, 0);
        record("cam-02", DAY1.plusSeconds(3600), 10, 0);
        List<ActivitySample> got = f.store.activity(CameraId.of("cam-01"), DAY1.plusSeconds(3604), DAY1.plusSeconds(3610));
        assertEquals(List.of(new ActivitySample(DAY1.plusSeconds(3604), 20), new ActivitySample(DAY1.plusSeconds(3606), 30),
                new ActivitySample(DAY1.plusSeconds(3608), 40)), got, "[from, to) of one camera, in time order");
        assertEquals(10, f.store.activity(CameraId.of("cam-02"), DAY1, DAY2).size());
        assertEquals(List.of(), f.store.activity(CameraId.of("cam-01"), DAY1.plusSeconds(3610), DAY1.plusSeconds(3610)), "empty range");
    }

    @Test
    void aSampleMeasuredAfterTheStoreClosedIsDroppedWithoutTouchingTheIndex() {
        SegmentKey k = record("cam-01", DAY1, 1, 0).get(0);
        f.close();
        // Before: a RocksDB get on the closed index, a SIGSEGV that took the whole JVM down.
        assertDoesNotThrow(() -> f.store.recordActivity(k, 900));
        f = new StoreFixture(dir);
        assertEquals(List.of(new ActivitySample(DAY1, 0)), f.store.activity(CameraId.of("cam-01"), DAY1, DAY2), "the sample of before the close only");
    }

    @Test
    void aSampleWithoutItsStoredSegmentIsNotKept() {
        f.store.recordActivity(new SegmentKey(CameraId.of("cam-01"), DAY1.toEpochMilli(), 1), 500);
        assertEquals(List.of(), f.store.activity(CameraId.of("cam-01"), DAY1.minusSeconds(1), DAY2));
        assertEquals(0, rows(), "nothing written for a segment that is not stored");
        SegmentKey k = record("cam-01", DAY1, 1, 0).get(0);
        assertThrows(IllegalArgumentException.class, () -> f.store.recordActivity(k, 1001));
        assertThrows(IllegalArgumentException.class, () -> f.store.recordActivity(k, -1));
    }

    @Test
    void thePurgesCameraDayEraseTakesTheDaysSamplesAndNothingElse() throws Exception {
        record("cam-01", DAY1.plusSeconds(3600), 20, 0);
        record("cam-01", DAY2.plusSeconds(3600), 5, 100);
        record("cam-02", DAY1.plusSeconds(3600), 5, 0);
        assertEquals(30, rows());
        f.store.eraseCameraDay(new CameraDay(CameraId.of("cam-01"), LocalDate.of(2026, 11, 20)));
        assertEquals(List.of(), f.store.activity(CameraId.of("cam-01"), DAY1, DAY2), "the erased day has no activity left");
        assertEquals(5, f.store.activity(CameraId.of("cam-01"), DAY2, DAY2.plusSeconds(86400)).size(), "the next day is kept");
        assertEquals(5, f.store.activity(CameraId.of("cam-02"), DAY1, DAY2).size(), "another camera's day is kept");
        assertEquals(10, rows(), "the rows are gone from the column family, not only from the query");
        f.reopen();
        assertEquals(10, rows(), "and stay gone after a restart");
    }

    @Test
    void aSubjectRequestsSegmentEraseTakesThoseSamplesOnly() {
        List<SegmentKey> keys = record("cam-01", DAY1.plusSeconds(3600), 10, 0);
        f.store.eraseSegments(keys.subList(2, 5));
        List<ActivitySample> left = f.store.activity(CameraId.of("cam-01"), DAY1, DAY2);
        assertEquals(7, left.size());
        for (SegmentKey erased : keys.subList(2, 5)) {
            assertTrue(left.stream().noneMatch(s -> s.time().equals(erased.start())), "no sample of erased " + erased);
        }
        f.store.recordActivity(keys.get(3), 700);
        assertEquals(7, f.store.activity(CameraId.of("cam-01"), DAY1, DAY2).size(), "a late measure of an erased segment is not stored");
        assertEquals(7, rows());
    }

    /** Every row of the activity column family, read from RocksDB directly. */
    private int rows() {
        int n = 0;
        try (RocksIterator it = f.db.db().newIterator(f.db.cf(VigilDatabase.ACTIVITY))) {
            for (it.seekToFirst(); it.isValid(); it.next()) n++;
        }
        return n;
    }
}
