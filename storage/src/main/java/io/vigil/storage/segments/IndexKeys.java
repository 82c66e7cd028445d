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
    /** Camera ids become directory names and key prefixes: keep them plain. */

    private IndexKeys() {}

    static void checkCameraId(String cameraId) {
        if (!CameraId.isValid(cameraId)) {
            throw new StorageException("invalid camera id '" + cameraId + "': use " + CameraId.RULE);
        }
    }

    static byte[] cameraPrefix(String cameraId) {
        byte[] id = cameraId.getBytes(StandardCharsets.UTF_8);
        byte[] p = Arrays.copyOf(id, id.length + 1);
        p[id.length] = 0;
        return p;
    }

    /** First key after every key of this camera (0x01 after the id instead of 0x00). */
    static byte[] cameraEnd(String cameraId) {
        byte[] p = cameraPrefix(cameraId);
        p[p.length - 1] = 1;
        return p;
    }

    static byte[] segment(SegmentKey key) {
        return segment(key.cameraId(), key.startMillis(), key.sequence());
    }

    static byte[] segment(String cameraId, long startMillis, long sequence) {
        byte[] p = cameraPrefix(cameraId);
        return ByteBuffer.allocate(p.length + 16).put(p).putLong(startMillis).putLong(sequence).array();
    }

    /** Smallest segment key of the camera starting at or after {@code startMillis}. */
    static byte[] timeBound(String cameraId, long startMillis) {
        byte[] p = cameraPrefix(cameraId);
        return ByteBuffer.allocate(p.length + 8).put(p).putLong(startMillis).array();
    }

    static SegmentKey parseSegment(byte[] key) {
        int zero = indexOfZero(key);
        String camera = new String(key, 0, zero, StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.wrap(key, zero + 1, 16);
        return new SegmentKey(camera, b.getLong(), b.getLong());
    }

    /** Parses a segment row key known to belong to {@code cameraId}, reusing that string. */
    static SegmentKey parseSegment(String cameraId, byte[] key) {
        int at = key.length - 16;
        ByteBuffer b = ByteBuffer.wrap(key, at, 16);
        return new SegmentKey(cameraId, b.getLong(), b.getLong());
    }

    /** Key of a camera-day row in the {@code daykeys} column family. */
    static byte[] day(String cameraId, LocalDate day) {
        byte[] p = cameraPrefix(cameraId);
        return ByteBuffer.allocate(p.length + 8).put(p).putLong(day.toEpochDay()).array();
    }

    static CameraDay parseDay(byte[] key) {
        int zero = indexOfZero(key);
        String camera = new String(key, 0, zero, StandardCharsets.UTF_8);
        long epochDay = ByteBuffer.wrap(key, zero + 1, 8).getLong();
        return new CameraDay(camera, LocalDate.ofEpochDay(epochDay));
    }

    /** Key of a recorded gap: camera, 0x00, gap start millis. */
    static byte[] gap(String cameraId, long fromMillis) {
        return timeBound(cameraId, fromMillis);
    }

    static long gapStart(byte[] key) {
        int zero = indexOfZero(key);
        return ByteBuffer.wrap(key, zero + 1, 8).getLong();
    }

    private static int indexOfZero(byte[] key) {
        for (int i = 0; i < key.length; i++) if (key[i] == 0) return i;
        throw new StorageException("corrupt index key without camera separator");
    }
}
