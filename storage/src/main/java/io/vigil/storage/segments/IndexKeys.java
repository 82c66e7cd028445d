package io.vigil.storage.segments;

import io.vigil.config.CameraId;
import io.vigil.storage.CameraDay;
import io.vigil.storage.SegmentKey;
import io.vigil.storage.StorageException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;

/**
 * Byte layout of index keys. A segment row key is {@code camera id (UTF-8), 0x00,
 * start millis (8 bytes big-endian), sequence (8 bytes big-endian)}: RocksDB's bytewise
 * order then sorts by camera, then time, so "camera X between t1 and t2" is one range
 * scan. Times before 1970 are not expected (big-endian signed longs sort wrongly below 0).
 */
final class IndexKeys {
    private IndexKeys() {}

    /** The id's string, exactly as it was written before the API took {@link CameraId}: the key bytes never change. */
    static byte[] cameraPrefix(CameraId cameraId) {
        byte[] id = cameraId.value().getBytes(StandardCharsets.UTF_8);
        byte[] p = Arrays.copyOf(id, id.length + 1);
        p[id.length] = 0;
        return p;
    }

    /** First key after every key of this camera (0x01 after the id instead of 0x00). */
    static byte[] cameraEnd(CameraId cameraId) {
        byte[] p = cameraPrefix(cameraId);
        p[p.length - 1] = 1;
        return p;
    }

    static byte[] segment(SegmentKey key) {
        return segment(key.cameraId(), key.startMillis(), key.sequence());
    }

    static byte[] segment(CameraId cameraId, long startMillis, long sequence) {
        byte[] p = cameraPrefix(cameraId);
        return ByteBuffer.allocate(p.length + 16).put(p).putLong(startMillis).putLong(sequence).array();
    }

    /** Smallest segment key of the camera starting at or after {@code startMillis}. */
    static byte[] timeBound(CameraId cameraId, long startMillis) {
        byte[] p = cameraPrefix(cameraId);
        return ByteBuffer.allocate(p.length + 8).put(p).putLong(startMillis).array();
    }

    static SegmentKey parseSegment(byte[] key) {
        int zero = indexOfZero(key);
        ByteBuffer b = ByteBuffer.wrap(key, zero + 1, 16);
        return new SegmentKey(camera(key, zero), b.getLong(), b.getLong());
    }

    /** Parses a segment row key known to belong to {@code cameraId}, reusing that string. */
    static SegmentKey parseSegment(CameraId cameraId, byte[] key) {
        int at = key.length - 16;
        ByteBuffer b = ByteBuffer.wrap(key, at, 16);
        return new SegmentKey(cameraId, b.getLong(), b.getLong());
    }

    /** Key of a camera-day row in the {@code daykeys} column family. */
    static byte[] day(CameraId cameraId, LocalDate day) {
        byte[] p = cameraPrefix(cameraId);
        return ByteBuffer.allocate(p.length + 8).put(p).putLong(day.toEpochDay()).array();
    }

    static CameraDay parseDay(byte[] key) {
        int zero = indexOfZero(key);
        long epochDay = ByteBuffer.wrap(key, zero + 1, 8).getLong();
        return new CameraDay(camera(key, zero), LocalDate.ofEpochDay(epochDay));
    }

    /** Key of a recorded gap: camera, 0x00, gap start millis. */
    static byte[] gap(CameraId cameraId, long fromMillis) {
        return timeBound(cameraId, fromMillis);
    }

    static long gapStart(byte[] key) {
        int zero = indexOfZero(key);
        return ByteBuffer.wrap(key, zero + 1, 8).getLong();
    }

    /** The camera id before the 0x00 separator; every stored id passed the rule when it was written. */
    private static CameraId camera(byte[] key, int zero) {
        String camera = new String(key, 0, zero, StandardCharsets.UTF_8);
        if (!CameraId.isValid(camera)) {
            throw new StorageException("corrupt index key: '" + camera + "' is not a camera id (" + CameraId.RULE + ")");
        }
        return new CameraId(camera);
    }

    private static int indexOfZero(byte[] key) {
        for (int i = 0; i < key.length; i++) if (key[i] == 0) return i;
        throw new StorageException("corrupt index key without camera separator");
    }
}
