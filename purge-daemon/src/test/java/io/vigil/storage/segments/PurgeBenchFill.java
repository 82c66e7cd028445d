package io.vigil.storage.segments;

import io.vigil.storage.CameraDay;
import io.vigil.storage.SegmentKey;
import io.vigil.storage.SegmentStore;
import io.vigil.storage.db.VigilDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.Random;
import org.rocksdb.FlushOptions;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

/**
 * Benchmark only: fills whole camera-days of 2-second segments in seconds instead of hours,
 * by writing index rows in large unsynced batches (with a random stand-in for each wrapped
 * segment key) and, if {@code fileBytes > 0}, small segment files, under a real day key
 * created through the store.
 * The purge then erases them through the ordinary store API, which is what is measured.
 */
public final class PurgeBenchFill {
    private PurgeBenchFill() {}

    /** Writes one camera-day; returns the number of segments. */
    public static int fillDay(SegmentStore segments, String camera, LocalDate day, long segmentMillis, int fileBytes,
                              Random random) throws RocksDBException, IOException {
        EncryptedSegmentStore store = (EncryptedSegmentStore) segments;
        VigilDatabase db = store.database();
        CameraDay d = new CameraDay(camera, day);
        store.dayKeys().getOrCreate(d);
        byte[] file = fileBytes > 0 ? new byte[fileBytes] : null;
        if (file != null) Files.createDirectories(store.layout().dayDir(d));
        byte[] wrapped = new byte[SegmentCrypto.WRAPPED_KEY_BYTES];
        int n = 0;
        try (WriteOptions noWal = new WriteOptions().setDisableWAL(true)) {
            WriteBatch batch = new WriteBatch();
            long seq = day.toEpochDay() * 100_000L;
            for (long t = d.startMillis(); t < d.endMillis(); t += segmentMillis, seq++) {
                random.nextBytes(wrapped);
                SegmentKey key = new SegmentKey(camera, t, seq);
                batch.put(db.cf(VigilDatabase.SEGMENTS), IndexKeys.segment(key),
                        new SegmentRow(t + segmentMillis, Math.max(0, fileBytes - 33), fileBytes, wrapped.clone()).encode());
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
        try (FlushOptions fo = new FlushOptions().setWaitForFlush(true)) {
            db.db().flush(fo, db.allHandles());
        }
        return n;
    }
}
