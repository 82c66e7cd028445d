package io.vigil.storage.segments;

import io.vigil.config.CameraId;
import io.vigil.storage.ActivitySample;
import io.vigil.storage.CameraDay;
import io.vigil.storage.SegmentKey;
import io.vigil.storage.StorageException;
import io.vigil.storage.db.VigilDatabase;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;
import org.rocksdb.WriteBatch;

/**
 * The activity line's samples ({@code activity} column family): one row per stored segment
 * whose starting keyframe was measured, under the segment's own row key ({@link IndexKeys}:
 * camera, start, sequence), so a camera's samples over a time range are one range scan and
 * every erase of segment rows names the same keys and ranges here. The value is the change
 * in thousandths (2 bytes).
 *
 * <p>A sample is written only while its segment's row exists, and erases commit through
 * {@link #commitErase} under the same monitor: a sample measured late (the measure runs
 * behind the recording) can never outlive an erase of its segment.
 */
final class ActivityIndex {
    private final VigilDatabase db;
    private final SegmentIndex segments;
    private final ColumnFamilyHandle cf;

    ActivityIndex(VigilDatabase db, SegmentIndex segments) {
        this.db = db;
        this.segments = segments;
        this.cf = db.cf(VigilDatabase.ACTIVITY);
    }

    /** Stores the sample of {@code key}'s keyframe when the segment is stored; returns whether it was. */
    synchronized boolean record(SegmentKey key, int change) {
        if (change < 0 || change > ActivitySample.MAX) {
            throw new IllegalArgumentException("activity of " + key + " must be 0.." + ActivitySample.MAX + ", got " + change);
        }
        // The measure runs on its own thread behind the recording and may finish after the
        // store closed: the database's monitor excludes its close() (VigilDatabase.isClosed).
        synchronized (db) {
            if (db.isClosed()) return false;
            return write(key, change);
        }
    }

    private boolean write(SegmentKey key, int change) {
        try {
            if (!segments.contains(key)) return false;
            // Not a synced write: a sample lost in a power cut is a dot missing from a line, not footage.
            db.db().put(cf, IndexKeys.segment(key), ByteBuffer.allocate(2).putShort((short) change).array());
            return true;
        } catch (RocksDBException e) {
            throw new StorageException("cannot record the activity of segment " + key + ": " + VigilDatabase.describe(e), e);
        }
    }

    /** Writes an erase's batch (segment rows and these rows together) with a synced write, excluding {@link #record}. */
    synchronized void commitErase(WriteBatch batch) throws RocksDBException {
        db.db().write(db.syncWrite(), batch);
    }

    void delete(WriteBatch batch, SegmentKey key) throws RocksDBException {
        batch.delete(cf, IndexKeys.segment(key));
    }

    void deleteDay(WriteBatch batch, CameraDay day) throws RocksDBException {
        batch.deleteRange(cf, IndexKeys.timeBound(day.cameraId(), day.startMillis()), IndexKeys.timeBound(day.cameraId(), day.endMillis()));
    }

    IndexPurge.Range dayRange(CameraDay day) {
        return new IndexPurge.Range(cf, IndexKeys.timeBound(day.cameraId(), day.startMillis()),
                IndexKeys.timeBound(day.cameraId(), day.endMillis()));
    }

    IndexPurge.Range range(SegmentKey first, SegmentKey last) {
        return new IndexPurge.Range(cf, IndexKeys.segment(first), IndexPurge.successor(IndexKeys.segment(last)));
    }

    /** Samples of a camera whose time lies in [from, to), in time order. */
    List<ActivitySample> samples(CameraId cameraId, Instant from, Instant to) {
        Objects.requireNonNull(cameraId, "cameraId");
        List<ActivitySample> out = new ArrayList<>();
        if (!to.isAfter(from)) return out;
        try (Slice lo = new Slice(IndexKeys.timeBound(cameraId, Math.max(0, from.toEpochMilli())));
             Slice hi = new Slice(IndexKeys.timeBound(cameraId, Math.max(0, to.toEpochMilli())));
             ReadOptions ro = new ReadOptions().setIterateLowerBound(lo).setIterateUpperBound(hi);
             RocksIterator it = db.db().newIterator(cf, ro)) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                SegmentKey key = IndexKeys.parseSegment(cameraId, it.key());
                byte[] v = it.value();
                int change = v.length == 2 ? ByteBuffer.wrap(v).getShort() : -1;
                if (change < 0 || change > ActivitySample.MAX) continue; // not a row this class wrote: no dot rather than a wrong one
                out.add(new ActivitySample(key.start(), change));
            }
            it.status();
        } catch (RocksDBException e) {
            throw new StorageException("cannot read the activity of camera " + cameraId + ": " + VigilDatabase.describe(e), e);
        }
        return out;
    }
}
