package io.vigil.storage.segments;

import io.vigil.storage.CameraDay;
import io.vigil.storage.SegmentAuthenticationException;
import io.vigil.storage.SegmentKey;
import io.vigil.storage.SegmentNotFoundException;
import io.vigil.storage.StorageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import javax.crypto.SecretKey;

/**
 * Reads segments back: index row, day key, segment key unwrapped, file authenticated and
 * decrypted. Tells "not stored (or erased)" apart from "stored but damaged".
 */
final class SegmentReader {
    private final SegmentIndex index;
    private final SegmentLayout layout;
    private final DayKeys dayKeys;
    private final SegmentCrypto crypto;
    private final DayLocks locks;

    SegmentReader(SegmentIndex index, SegmentLayout layout, DayKeys dayKeys, SegmentCrypto crypto, DayLocks locks) {
        this.index = index;
        this.layout = layout;
        this.dayKeys = dayKeys;
        this.crypto = crypto;
        this.locks = locks;
    }

    byte[] read(SegmentKey key) {
        ReentrantReadWriteLock.ReadLock lock = locks.of(CameraDay.of(key)).readLock();
        lock.lock();
        try {
            SegmentRow row = index.row(key).orElseThrow(() -> new SegmentNotFoundException(key));
            byte[] segmentKey = unwrapSegmentKey(key, row);
            try {
                return decrypt(key, segmentKey, readFile(key));
            } finally {
                Arrays.fill(segmentKey, (byte) 0);
            }
        } finally {
            lock.unlock();
        }
    }

    private byte[] readFile(SegmentKey key) {
        Path file = layout.file(key);
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            // Erased between reading the row and opening the file: report it as gone, not as damage.
            if (index.row(key).isEmpty()) throw new SegmentNotFoundException(key);
            throw new StorageException("segment " + key + ": its file " + file
                    + " is missing although it is indexed; run 'vigil fsck'");
        } catch (IOException e) {
            throw new StorageException("cannot read segment " + key + " from " + file + ": " + IoErrors.reason(e), e);
        }
    }

    private byte[] decrypt(SegmentKey key, byte[] segmentKey, byte[] bytes) {
        try {
            return crypto.decryptSegment(segmentKey,
                    SegmentCrypto.segmentAad(key.cameraId(), key.startMillis(), key.sequence()), bytes);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new SegmentAuthenticationException(key, "file " + layout.file(key)
                    + " was altered, truncated, or belongs to another segment ("
                    + (e instanceof IllegalArgumentException ? e.getMessage() : "GCM tag mismatch") + ")");
        }
    }

    /** The raw segment key (the caller wipes it) from the row's wrapped key and the day key. */
    byte[] unwrapSegmentKey(SegmentKey key, SegmentRow row) {
        CameraDay day = CameraDay.of(key);
        SecretKey dayKey = dayKeys.get(day).orElseThrow(() -> new StorageException("segment " + key
                + ": the key of camera-day " + day + " is missing (erased, or the index is damaged); run 'vigil fsck'"));
        try {
            return crypto.unwrap(dayKey, row.wrappedKey(),
                    SegmentCrypto.segmentKeyAad(key.cameraId(), key.startMillis(), key.sequence()));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new SegmentAuthenticationException(key,
                    "its wrapped key in the index does not authenticate (index row altered or copied from another segment)");
        }
    }
}
