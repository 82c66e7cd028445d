package io.vigil.storage.segments;

import io.vigil.config.CameraId;
import io.vigil.storage.CameraDay;
import io.vigil.storage.SegmentKey;
import io.vigil.storage.StorageException;
import io.vigil.storage.db.VigilDatabase;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import javax.crypto.SecretKey;
import org.rocksdb.RocksDBException;

/**
 * Appends segments: encrypts under a fresh segment key into a temporary file, fsyncs,
 * renames, fsyncs the directory, then commits the index row with a synced write
 * (docs/storage.md, "Write order"). A failure at any step leaves nothing already stored changed.
 */
final class SegmentWriter {
    private final SegmentIndex index;
    private final SegmentFiles files;
    private final DayKeys dayKeys;
    private final SegmentCrypto crypto;
    private final DayLocks locks;
    private final StorageMetrics metrics;
    private final SecureRandom tempNames = new SecureRandom();
    private final Set<SegmentKey> inFlight = ConcurrentHashMap.newKeySet();

    SegmentWriter(SegmentIndex index, SegmentFiles files, DayKeys dayKeys, SegmentCrypto crypto, DayLocks locks,
                  StorageMetrics metrics) {
        this.index = index;
        this.files = files;
        this.dayKeys = dayKeys;
        this.crypto = crypto;
        this.locks = locks;
        this.metrics = metrics;
    }

    SegmentKey append(CameraId cameraId, Instant start, Instant end, long sequence, List<ByteBuffer> fmp4) {
        Objects.requireNonNull(cameraId, "cameraId");
        if (start == null || end == null || fmp4 == null || fmp4.stream().anyMatch(Objects::isNull)) {
            throw new IllegalArgumentException("start, end and bytes are required");
        }
        if (end.isBefore(start)) {
            throw new StorageException("segment of camera " + cameraId + " at " + start + " ends before it starts (" + end + ")");
        }
        if (start.toEpochMilli() < 0 || sequence < 0) {
            throw new StorageException("segment of camera " + cameraId + " has a negative start time or sequence");
        }
        SegmentKey key = new SegmentKey(cameraId, start.toEpochMilli(), sequence);
        CameraDay day = CameraDay.of(key);
        long t0 = System.nanoTime();
        ReentrantReadWriteLock.ReadLock lock = locks.of(day).readLock();
        lock.lock();
        try {
            if (!inFlight.add(key)) throw new StorageException("segment " + key + " is already being stored");
            try {
                if (index.contains(key)) {
                    throw new StorageException("segment " + key + " is already stored; sequence numbers must not repeat");
                }
                long stored = write(key, day, end.toEpochMilli(), fmp4);
                metrics.written(cameraId, stored, Duration.ofNanos(System.nanoTime() - t0));
                return key;
            } finally {
                inFlight.remove(key);
            }
        } catch (RocksDBException e) {
            throw new StorageException("cannot store segment " + key + ": index error: " + VigilDatabase.describe(e), e);
        } finally {
            lock.unlock();
        }
    }

    /** Writes the file, then the index row; returns the stored (encrypted) size. */
    private long write(SegmentKey key, CameraDay day, long endMillis, List<ByteBuffer> plaintext) {
        SecretKey dayKey = dayKeys.getOrCreate(day);
        byte[] segmentKey = crypto.randomKeyBytes();
        byte[] wrapped;
        long stored;
        try {
            wrapped = crypto.wrap(dayKey, segmentKey,
                    SegmentCrypto.segmentKeyAad(key.cameraId(), key.startMillis(), key.sequence()));
            stored = writeFile(key, day, segmentKey, plaintext);
        } catch (GeneralSecurityException e) {
            throw new StorageException("cannot encrypt segment " + key + ": " + e.getMessage(), e);
        } finally {
            Arrays.fill(segmentKey, (byte) 0);
        }
        SegmentRow row = new SegmentRow(endMillis, SegmentCrypto.totalLength(plaintext), stored, wrapped);
        try {
            index.put(key, row);
        } catch (RocksDBException e) {
            files.cleanUpFailedWrite(key, null, files.layout().file(key));
            throw new StorageException("cannot index segment " + key + ": " + VigilDatabase.describe(e)
                    + "; its file was removed, nothing already stored was changed", e);
        }
        return stored;
    }

    /** Encrypts into a temporary file, fsyncs, renames into place, fsyncs the directory. */
    private long writeFile(SegmentKey key, CameraDay day, byte[] segmentKey, List<ByteBuffer> plaintext)
            throws GeneralSecurityException {
        FileSystemOps fs = files.fs();
        Path dir = files.layout().dayDir(day);
        Path target = files.layout().file(key);
        Path temp = files.layout().tempFile(key, tempNames.nextLong());
        boolean renamed = false;
        try {
            files.ensureDirectory(dir);
            long stored;
            try (FileChannel ch = fs.createNew(temp)) {
                stored = crypto.encryptSegmentTo(segmentKey,
                        SegmentCrypto.segmentAad(key.cameraId(), key.startMillis(), key.sequence()), plaintext,
                        chunk -> fs.writeFully(ch, chunk));
                fs.force(ch);
            }
            fs.moveAtomically(temp, target);
            renamed = true;
            fs.syncDirectory(dir);
            return stored;
        } catch (GeneralSecurityException e) {
            files.cleanUpFailedWrite(key, temp, null);
            throw e;
        } catch (IOException e) {
            files.forget(dir); // if it was deleted under us, the next append recreates it
            files.cleanUpFailedWrite(key, temp, renamed ? target : null);
            throw new StorageException("cannot store segment " + key + " in " + dir + ": " + IoErrors.reason(e)
                    + "; nothing already stored was changed", e);
        }
    }
}
