package io.vigil.storage.segments;

import io.vigil.config.CameraId;
import io.vigil.storage.CameraDay;
import io.vigil.storage.EraseResult;
import io.vigil.storage.SegmentKey;
import io.vigil.storage.StorageException;
import io.vigil.storage.db.VigilDatabase;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cryptographic erase, the three ways: segments (one, or a batch with one index purge) and a
 * whole camera-day. Each destroys the keys in the index with a synced write, purges the
 * index so no copy of them stays on disk, then deletes the files (docs/storage.md, "Erase").
 * The activity samples of the erased segments go in the same batch and the same purge.
 * Tells the {@link EraseListener} about each completed erase.
 */
final class SegmentEraser {
    private static final Logger log = LoggerFactory.getLogger(SegmentEraser.class);

    private final SegmentIndex index;
    private final ActivityIndex activity;
    private final SegmentFiles files;
    private final DayKeys dayKeys;
    private final DayLocks locks;
    private final IndexPurge purge;
    private final StorageMetrics metrics;
    private volatile EraseListener listener = (what, result) -> { };

    SegmentEraser(SegmentIndex index, ActivityIndex activity, SegmentFiles files, DayKeys dayKeys, DayLocks locks,
                  IndexPurge purge, StorageMetrics metrics) {
        this.index = index;
        this.activity = activity;
        this.files = files;
        this.dayKeys = dayKeys;
        this.locks = locks;
        this.purge = purge;
        this.metrics = metrics;
    }

    void setListener(EraseListener listener) {
        this.listener = listener;
    }

    EraseResult eraseSegments(Collection<SegmentKey> keys) {
        List<SegmentKey> sorted = keys.stream().distinct().sorted().toList();
        // Days in a fixed order, so two batch erases never wait for each other's locks.
        List<ReentrantReadWriteLock.ReadLock> dayLocks = sorted.stream().map(CameraDay::of).distinct()
                .sorted(Comparator.comparing(CameraDay::toString))
                .map(d -> locks.of(d).readLock()).toList();
        dayLocks.forEach(ReentrantReadWriteLock.ReadLock::lock);
        try {
            EraseResult result = deleteRows(sorted);
            if (result.segments().isEmpty()) return result;
            List<SegmentKey> erased = result.segments();
            for (SegmentKey key : erased) files.deleteErased(files.layout().file(key));
            purge.purge(rangesPerDay(erased));
            log.info("erased {} segment(s), {} bytes, first {}", erased.size(), result.bytes(), erased.get(0));
            notifyErased("segments", result);
            return result;
        } finally {
            dayLocks.forEach(ReentrantReadWriteLock.ReadLock::unlock);
        }
    }

    /** Deletes the rows (and with them the wrapped segment keys) of those of {@code sorted} that are stored. */
    private EraseResult deleteRows(List<SegmentKey> sorted) {
        List<SegmentKey> erased = new ArrayList<>();
        List<String> keyIds = new ArrayList<>();
        long bytes = 0;
        Map<CameraId, Long> perCamera = new HashMap<>();
        try (WriteBatch batch = new WriteBatch()) {
            for (SegmentKey key : sorted) {
                Optional<SegmentRow> row = index.row(key);
                if (row.isEmpty()) continue;
                index.delete(batch, key);
                activity.delete(batch, key);
                erased.add(key);
                keyIds.add("segment:" + key);
                bytes += row.get().storedBytes();
                perCamera.merge(key.cameraId(), row.get().storedBytes(), Long::sum);
            }
            if (erased.isEmpty()) return EraseResult.empty();
            activity.commitErase(batch);
        } catch (RocksDBException e) {
            throw new StorageException("cannot erase segments " + sorted + ": " + VigilDatabase.describe(e), e);
        }
        perCamera.forEach(metrics::removed);
        return new EraseResult(List.copyOf(erased), bytes, List.copyOf(keyIds));
    }

    /**
     * One compaction range per camera-day touched ({@code erased} is sorted), so a batch that
     * spans cameras or days never makes the compaction rewrite everything in between.
     */
    private List<IndexPurge.Range> rangesPerDay(List<SegmentKey> erased) {
        List<IndexPurge.Range> ranges = new ArrayList<>();
        SegmentKey first = erased.get(0);
        for (int i = 1; i <= erased.size(); i++) {
            if (i == erased.size() || !CameraDay.of(erased.get(i)).equals(CameraDay.of(first))) {
                ranges.add(index.range(first, erased.get(i - 1)));
                ranges.add(activity.range(first, erased.get(i - 1)));
                if (i < erased.size()) first = erased.get(i);
            }
        }
        return ranges;
    }

    EraseResult eraseCameraDay(CameraDay day) {
        ReentrantReadWriteLock.WriteLock lock = locks.of(day).writeLock();
        lock.lock();
        try {
            List<SegmentKey> erased = new ArrayList<>();
            long[] bytes = {0};
            long t0 = System.nanoTime();
            index.scanDay(day, (k, v) -> {
                erased.add(IndexKeys.parseSegment(k));
                bytes[0] += SegmentRow.storedBytesOf(v);
            });
            boolean hadDayKey = dayKeys.wrapped(day).isPresent();
            try (WriteBatch batch = new WriteBatch()) {
                // One range tombstone for the whole day instead of 43,200 point deletes; reported
                // gaps starting that day go too: nothing of an expired day is kept.
                index.deleteDay(batch, day);
                activity.deleteDay(batch, day);
                dayKeys.destroy(day, batch);
                activity.commitErase(batch);
            } catch (RocksDBException e) {
                throw new StorageException("cannot erase camera-day " + day + ": " + VigilDatabase.describe(e), e);
            } finally {
                dayKeys.forget(day);
            }
            long t1 = System.nanoTime();
            metrics.removed(day.cameraId(), bytes[0]);
            purge.purge(List.of(index.dayRange(day), dayKeys.rowRange(day), activity.dayRange(day)));
            long t2 = System.nanoTime();
            files.deleteDayDirectory(day);
            long t3 = System.nanoTime();
            List<String> keyIds = hadDayKey ? List.of(day.keyId()) : List.of();
            log.info("erased camera-day {}: {} segments, {} bytes, day key destroyed: {} (index delete {} ms, "
                    + "index purge {} ms, file deletion {} ms)", day, erased.size(), bytes[0], hadDayKey,
                    (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000);
            EraseResult result = new EraseResult(List.copyOf(erased), bytes[0], keyIds);
            notifyErased("camera-day " + day, result);
            return result;
        } finally {
            lock.unlock();
        }
    }

    private void notifyErased(String what, EraseResult result) {
        try {
            listener.erased(what, result);
        } catch (RuntimeException e) {
            log.error("erase of {} completed but its listener failed: {}", what, e.getMessage());
        }
    }
}
