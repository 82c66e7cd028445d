package io.vigil.storage.segments;

import io.vigil.config.CameraId;
import io.vigil.storage.CameraDay;
import io.vigil.storage.SegmentInfo;
import io.vigil.storage.SegmentKey;
import io.vigil.storage.StorageException;
import io.vigil.storage.db.VigilDatabase;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;
import org.rocksdb.WriteBatch;

/**
 * The segment rows and reported-gap rows of the index ({@code segments} and {@code gaps}
 * column families): the only class that reads or writes them. Keys are laid out by
 * {@link IndexKeys}, values by {@link SegmentRow}. Day keys are {@link DayKeys}'s.
 */
final class SegmentIndex {
    private final VigilDatabase db;
    private final ColumnFamilyHandle segmentsCf;
    private final ColumnFamilyHandle gapsCf;

    SegmentIndex(VigilDatabase db) {
        this.db = db;
        this.segmentsCf = db.cf(VigilDatabase.SEGMENTS);
        this.gapsCf = db.cf(VigilDatabase.GAPS);
    }

    VigilDatabase database() {
        return db;
    }

    // ---------------------------------------------------------------- single rows

    boolean contains(SegmentKey key) throws RocksDBException {
        return db.db().get(segmentsCf, IndexKeys.segment(key)) != null;
    }

    Optional<SegmentRow> row(SegmentKey key) {
        try {
            byte[] v = db.db().get(segmentsCf, IndexKeys.segment(key));
            return v == null ? Optional.empty() : Optional.of(SegmentRow.decode(v));
        } catch (RocksDBException e) {
            throw new StorageException("cannot read index row of segment " + key + ": " + VigilDatabase.describe(e), e);
        }
    }

    /** Writes a segment's row with a synced write. */
    void put(SegmentKey key, SegmentRow row) throws RocksDBException {
        try (WriteBatch batch = new WriteBatch()) {
            batch.put(segmentsCf, IndexKeys.segment(key), row.encode());
            db.db().write(db.syncWrite(), batch);
        }
    }

    /** Writes {@code batch} with a synced write. */
    void write(WriteBatch batch) throws RocksDBException {
        db.db().write(db.syncWrite(), batch);
    }

    void delete(WriteBatch batch, SegmentKey key) throws RocksDBException {
        batch.delete(segmentsCf, IndexKeys.segment(key));
    }

    /** Deletes every segment row and every reported gap starting in {@code day}: one range tombstone each. */
    void deleteDay(WriteBatch batch, CameraDay day) throws RocksDBException {
        batch.deleteRange(segmentsCf, IndexKeys.timeBound(day.cameraId(), day.startMillis()),
                IndexKeys.timeBound(day.cameraId(), day.endMillis()));
        batch.deleteRange(gapsCf, IndexKeys.gap(day.cameraId(), day.startMillis()), IndexKeys.gap(day.cameraId(), day.endMillis()));
    }

    /** The segment rows of one day, as a range to purge. */
    IndexPurge.Range dayRange(CameraDay day) {
        return new IndexPurge.Range(segmentsCf, IndexKeys.timeBound(day.cameraId(), day.startMillis()),
                IndexKeys.timeBound(day.cameraId(), day.endMillis()));
    }

    /** The segment rows from {@code first} to {@code last} inclusive, as a range to purge. */
    IndexPurge.Range range(SegmentKey first, SegmentKey last) {
        return new IndexPurge.Range(segmentsCf, IndexKeys.segment(first), IndexPurge.successor(IndexKeys.segment(last)));
    }

    // ---------------------------------------------------------------- queries

    /** Calls {@code visitor} for each segment row of {@code day}, in order. */
    void scanDay(CameraDay day, RowVisitor visitor) {
        scan(segmentsCf, IndexKeys.timeBound(day.cameraId(), day.startMillis()),
                IndexKeys.timeBound(day.cameraId(), day.endMillis()), visitor);
    }

    List<SegmentInfo> list(CameraId cameraId, Instant from, Instant to) {
        List<SegmentInfo> out = new ArrayList<>();
        if (!to.isAfter(from)) return out;
        long fromMillis = Math.max(0, from.toEpochMilli());
        // The segment that started before `from` may still run into the window: segments of
        // one camera do not overlap each other, so only the last one before `from` can.
        previousSegment(cameraId, fromMillis).filter(s -> s.end().toEpochMilli() > fromMillis).ifPresent(out::add);
        scan(segmentsCf, IndexKeys.timeBound(cameraId, fromMillis), IndexKeys.timeBound(cameraId, Math.max(0, to.toEpochMilli())),
                (k, v) -> out.add(info(IndexKeys.parseSegment(cameraId, k), v)));
        return out;
    }

    private Optional<SegmentInfo> previousSegment(CameraId cameraId, long beforeMillis) {
        try (Slice lower = new Slice(IndexKeys.cameraPrefix(cameraId));
             ReadOptions ro = new ReadOptions().setIterateLowerBound(lower);
             RocksIterator it = db.db().newIterator(segmentsCf, ro)) {
            it.seekForPrev(IndexKeys.timeBound(cameraId, beforeMillis));
            // seekForPrev lands on the last key <= bound; the bound itself is never a full key.
            if (!it.isValid()) return Optional.empty();
            return Optional.of(info(IndexKeys.parseSegment(it.key()), it.value()));
        }
    }

    /** Index row to SegmentInfo without copying the wrapped key (range queries read many rows). */
    private static SegmentInfo info(SegmentKey key, byte[] value) {
        ByteBuffer b = ByteBuffer.wrap(value, 1, 24);
        long end = b.getLong();
        long plain = b.getLong();
        long stored = b.getLong();
        return new SegmentInfo(key, key.start(), Instant.ofEpochMilli(end), plain, stored);
    }

    Set<CameraId> cameras() {
        Set<CameraId> out = new TreeSet<>();
        try (RocksIterator it = db.db().newIterator(segmentsCf)) {
            // Skip-scan: one seek per camera, not one step per row.
            for (it.seekToFirst(); it.isValid(); ) {
                CameraId camera = IndexKeys.parseSegment(it.key()).cameraId();
                out.add(camera);
                it.seek(IndexKeys.cameraEnd(camera));
            }
        }
        return out;
    }

    Optional<Instant> oldestStart(CameraId cameraId) {
        try (Slice lower = new Slice(IndexKeys.cameraPrefix(cameraId));
             Slice upper = new Slice(IndexKeys.cameraEnd(cameraId));
             ReadOptions ro = new ReadOptions().setIterateLowerBound(lower).setIterateUpperBound(upper);
             RocksIterator it = db.db().newIterator(segmentsCf, ro)) {
            it.seekToFirst();
            return it.isValid() ? Optional.of(IndexKeys.parseSegment(it.key()).start()) : Optional.empty();
        }
    }

    /** Every camera-day with at least one segment row, in index order; one seek per day. */
    void forEachCameraDay(Consumer<CameraDay> consumer) {
        try (RocksIterator it = db.db().newIterator(segmentsCf)) {
            for (it.seekToFirst(); it.isValid(); ) {
                CameraDay d = CameraDay.of(IndexKeys.parseSegment(it.key()));
                consumer.accept(d);
                it.seek(IndexKeys.timeBound(d.cameraId(), d.endMillis()));
            }
        }
    }

    /** An iterator over all segment rows (the caller closes it). */
    RocksIterator newSegmentIterator(ReadOptions ro) {
        return db.db().newIterator(segmentsCf, ro);
    }

    // ---------------------------------------------------------------- reported gaps

    /** Reported gaps of a camera that start before {@code toMillis} and end after {@code fromMillis}. */
    List<TimelineBuilder.ReportedGap> gaps(CameraId cameraId, long fromMillis, long toMillis) {
        List<TimelineBuilder.ReportedGap> gaps = new ArrayList<>();
        scan(gapsCf, IndexKeys.cameraPrefix(cameraId), IndexKeys.gap(cameraId, Math.max(0, toMillis)), (k, v) -> {
            ByteBuffer b = ByteBuffer.wrap(v);
            long gapTo = b.getLong();
            if (gapTo <= fromMillis) return;
            String reason = new String(v, 8, v.length - 8, StandardCharsets.UTF_8);
            gaps.add(new TimelineBuilder.ReportedGap(IndexKeys.gapStart(k), gapTo, reason));
        });
        return gaps;
    }

    void recordGap(CameraId cameraId, Instant from, Instant to, String reason) {
        byte[] r = (reason == null ? "" : reason).getBytes(StandardCharsets.UTF_8);
        byte[] value = ByteBuffer.allocate(8 + r.length).putLong(to.toEpochMilli()).put(r).array();
        try {
            db.db().put(gapsCf, db.syncWrite(), IndexKeys.gap(cameraId, Math.max(0, from.toEpochMilli())), value);
        } catch (RocksDBException e) {
            throw new StorageException("cannot record gap of camera " + cameraId + " at " + from + ": "
                    + VigilDatabase.describe(e), e);
        }
    }

    // ---------------------------------------------------------------- scanning

    interface RowVisitor {
        void visit(byte[] key, byte[] value);
    }

    /** Calls {@code visitor} for each row with key in [lower, upper), in order. */
    private void scan(ColumnFamilyHandle cf, byte[] lower, byte[] upper, RowVisitor visitor) {
        try (Slice lo = new Slice(lower);
             Slice hi = new Slice(upper);
             ReadOptions ro = new ReadOptions().setIterateLowerBound(lo).setIterateUpperBound(hi);
             RocksIterator it = db.db().newIterator(cf, ro)) {
            for (it.seekToFirst(); it.isValid(); it.next()) visitor.visit(it.key(), it.value());
            try {
                it.status();
            } catch (RocksDBException e) {
                throw new StorageException("index scan failed: " + VigilDatabase.describe(e), e);
            }
        }
    }
}
