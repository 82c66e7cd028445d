package io.vigil.storage.segments;

import io.vigil.config.CameraId;
import io.vigil.storage.CameraDay;
import io.vigil.storage.SegmentKey;
import io.vigil.storage.SegmentStore;
import io.vigil.storage.db.VigilDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Random;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * Fills the index quickly for the benchmark: index rows written directly (unsynced batches,
 * no WAL), with a random 60-byte stand-in for the wrapped segment key, optionally with small
 * segment files. A real day key is created through the store so day erases destroy a real row.
 * Benchmarks only: it reaches below the {@link SegmentStore} API on purpose, so it takes the
 * store every caller has and looks inside the implementation here, in test code.
 */
public final class BenchSupport {
    private BenchSupport() {}

    /** Writes rows for one camera-day of back-to-back segments; returns the number written. */
    public static int fillDay(SegmentStore segments, CameraId camera, LocalDate day, long segmentMillis,
                              Random random, int fileBytes) throws RocksDBException, IOException {
        EncryptedSegmentStore store = (EncryptedSegmentStore) segments;
        VigilDatabase db = store.database();
        CameraDay d = new CameraDay(camera, day);
        store.dayKeys().getOrCreate(d);
        int n = 0;
        byte[] wrapped = new byte[SegmentCrypto.WRAPPED_KEY_BYTES];
        byte[] file = fileBytes > 0 ? new byte[fileBytes] : null;
        if (file != null) Files.createDirectories(store.layout().dayDir(d));
        try (WriteOptions noWal = new WriteOptions().setDisableWAL(true)) {
            WriteBatch batch = new WriteBatch();
            long seq = day.toEpochDay() * 100_000L;
            for (long t = d.startMillis(); t < d.endMillis(); t += segmentMillis, seq++) {
                random.nextBytes(wrapped);
                long stored = fileBytes > 0 ? fileBytes : 1_000_000;
                SegmentRow row = new SegmentRow(t + segmentMillis, stored - 33, stored, wrapped.clone());
                SegmentKey key = new SegmentKey(camera, t, seq);
                batch.put(db.cf(VigilDatabase.SEGMENTS), IndexKeys.segment(key), row.encode());
                if (file != null) Files.write(store.layout().file(key), file);
                n++;
                if (batch.count() >= 10_000) {
                    db.db().write(noWal, batch);
                    batch.close();
                    batch = new WriteBatch();
                }
            }
            db.db().write(noWal, batch);
            batch.close();
        }
        return n;
    }

    /**
     * Runs the store's own streaming segment encryption (discarding the output) until the
     * JIT has compiled it: about 750 MiB in 1 MiB segments on Java 17. Returns the last
     * measured rate in MB per CPU-second.
     */
    public static double warmUpSegmentCipher(byte[] segment, long maxMillis) throws Exception {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        SegmentCrypto crypto = new SegmentCrypto();
        byte[] key = new byte[SegmentCrypto.KEY_BYTES];
        byte[] aad = SegmentCrypto.segmentAad(CameraId.of("warm-up"), 0, 0);
        long deadline = System.nanoTime() + maxMillis * 1_000_000;
        double rate = 0;
        while (System.nanoTime() < deadline && rate < 1000) {
            long cpu0 = mx.getCurrentThreadCpuTime();
            long bytes = 0;
            for (int i = 0; i < 64; i++) bytes += crypto.encryptSegmentTo(key, aad, java.util.List.of(java.nio.ByteBuffer.wrap(segment)), chunk -> chunk.position(chunk.limit()));
            rate = bytes / ((mx.getCurrentThreadCpuTime() - cpu0) / 1e9) / 1e6;
        }
        return rate;
    }

    /** The store's own index purge (flush + forced bottommost compaction of a range). */
    public static void flushAll(SegmentStore segments) throws RocksDBException {
        EncryptedSegmentStore store = (EncryptedSegmentStore) segments;
        try (org.rocksdb.FlushOptions fo = new org.rocksdb.FlushOptions().setWaitForFlush(true)) {
            store.database().db().flush(fo, store.database().allHandles());
        }
    }
}
