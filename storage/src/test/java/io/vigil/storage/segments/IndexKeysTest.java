package io.vigil.storage.segments;

import static org.junit.jupiter.api.Assertions.*;

import io.vigil.config.CameraId;
import io.vigil.storage.CameraDay;
import io.vigil.storage.SegmentKey;
import io.vigil.storage.StorageException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/**
 * The index key bytes with the camera as a {@link CameraId}: exactly the layout of
 * docs/storage.md (camera id UTF-8, 0x00, big-endian numbers), as written before the API
 * took the type, so existing data directories read back; a key read back names its camera
 * again by the type, and one whose camera breaks the rule is a corrupt key.
 */
class IndexKeysTest {
    private static final CameraId CAM = CameraId.of("cam-01");

    @Test
    void segmentKeyBytesAreTheDocumentedLayout() {
        byte[] expected = ByteBuffer.allocate(7 + 16).put("cam-01".getBytes(StandardCharsets.UTF_8)).put((byte) 0)
                .putLong(1_764_000_000_000L).putLong(42).array();
        SegmentKey key = new SegmentKey(CAM, 1_764_000_000_000L, 42);
        assertArrayEquals(expected, IndexKeys.segment(key));
        assertEquals(key, IndexKeys.parseSegment(expected));
        assertEquals(key, IndexKeys.parseSegment(CAM, expected));
    }

    @Test
    void dayKeyBytesAreTheDocumentedLayout() {
        LocalDate day = LocalDate.of(2026, 11, 20);
        byte[] expected = ByteBuffer.allocate(7 + 8).put("cam-01".getBytes(StandardCharsets.UTF_8)).put((byte) 0)
                .putLong(day.toEpochDay()).array();
        assertArrayEquals(expected, IndexKeys.day(CAM, day));
        assertEquals(new CameraDay(CAM, day), IndexKeys.parseDay(expected));
    }

    @Test
    void aKeyWhoseCameraBreaksTheRuleIsReportedAsCorrupt() {
        byte[] bad = ByteBuffer.allocate(7 + 16).put("CAM/01".getBytes(StandardCharsets.UTF_8)).put((byte) 0)
                .putLong(1).putLong(2).array();
        StorageException e = assertThrows(StorageException.class, () -> IndexKeys.parseSegment(bad));
        assertEquals("corrupt index key: 'CAM/01' is not a camera id (" + CameraId.RULE + ")", e.getMessage());
    }
}
