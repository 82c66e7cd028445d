package io.vigil.storage.segments;

import io.vigil.config.CameraId;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sums the stored bytes per camera for the gauge in the background: over a full index
 * (9.7 M rows) it takes seconds, which opening the store should not wait for. The
 * iterator is created in {@link #start}, before any append can run, so its implicit
 * snapshot holds exactly the rows that appends and erases from then on have not counted;
 * the sums are then added to (not set over) what those appends and erases recorded meanwhile.
 */
final class StoredBytesScan {
    private static final Logger log = LoggerFactory.getLogger(StoredBytesScan.class);

    private final SegmentIndex index;
    private final StorageMetrics metrics;
    private volatile Thread thread;
    private volatile boolean closing;

    StoredBytesScan(SegmentIndex index, StorageMetrics metrics) {
        this.index = index;
        this.metrics = metrics;
    }

    void start() {
        ReadOptions ro = new ReadOptions().setFillCache(false);
        RocksIterator it = index.newSegmentIterator(ro);
        Thread t = new Thread(() -> {
            try {
                sum(it);
            } catch (RuntimeException e) {
                log.warn("summing stored bytes for the metrics failed: {}", e.getMessage());
            } finally {
                it.close();
                ro.close();
            }
        }, "vigil-storage-stored-bytes");
        t.setDaemon(true);
        // The scan must end before RocksDB closes, or it would read freed native memory.
        index.database().beforeClose(() -> {
            closing = true;
            await();
        });
        thread = t;
        t.start();
    }

    private void sum(RocksIterator it) {
        Map<String, Long> perCamera = new HashMap<>();
        long n = 0;
        for (it.seekToFirst(); it.isValid() && !closing; it.next()) {
            byte[] k = it.key();
            int zero = 0;
            while (k[zero] != 0) zero++;
            perCamera.merge(new String(k, 0, zero, StandardCharsets.UTF_8), SegmentRow.storedBytesOf(it.value()), Long::sum);
            n++;
        }
        if (!closing) {
            perCamera.forEach((camera, bytes) -> {
                if (CameraId.isValid(camera)) metrics.addStored(new CameraId(camera), bytes); // fsck reports a corrupt key
            });
            log.debug("stored bytes summed over {} index rows", n);
        }
    }

    /** Waits until the sum is done (an erase's purge must not run while the scan pins old files). */
    void await() {
        Thread t = thread;
        if (t == null) return;
        boolean interrupted = false;
        while (t.isAlive()) {
            try {
                t.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
    }
}
