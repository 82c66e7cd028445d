package io.vigil.storage.segments;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vigil.config.CameraId;
import io.vigil.storage.SegmentKey;
import io.vigil.storage.StorageException;
import io.vigil.storage.db.VigilDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MasterKeyRotationTest {
    static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");
    static final SecretKey K1 = new SecretKeySpec(new byte[32], "AES");
    static final SecretKey K2 = new SecretKeySpec(filled(9), "AES");

    @TempDir Path dir;

    static byte[] filled(int v) {
        byte[] b = new byte[32];
        java.util.Arrays.fill(b, (byte) v);
        return b;
    }

    private EncryptedSegmentStore open(VigilDatabase db, int current, Map<Integer, SecretKey> keys) {
        return new EncryptedSegmentStore(db, dir, new MasterKeys(current, keys.get(current),
                id -> Optional.ofNullable(keys.get(id))), Clock.systemUTC(), new SimpleMeterRegistry());
    }

    @Test
    void oldDayKeysStayReadableAfterRotationAndAfterRewrapTheOldMasterKeyCanBeRetired() {
        byte[] content = {1, 2, 3};
        SegmentKey k;
        try (VigilDatabase db = VigilDatabase.open(dir)) {
            k = open(db, 1, Map.of(1, K1)).append(CameraId.of("cam-01"), T0, T0.plusSeconds(2), 1, content);
        }
        try (VigilDatabase db = VigilDatabase.open(dir)) {
            StorageException e = assertThrows(StorageException.class, () -> open(db, 2, Map.of(2, K2)).read(k));
            assertTrue(e.getMessage().contains("master key 1"), e.getMessage());
        }
        try (VigilDatabase db = VigilDatabase.open(dir)) {
            EncryptedSegmentStore s = open(db, 2, Map.of(1, K1, 2, K2));
            assertArrayEquals(content, s.read(k));
            assertEquals(1, s.rewrapDayKeys());
            assertEquals(0, s.rewrapDayKeys());
        }
        try (VigilDatabase db = VigilDatabase.open(dir)) {
            assertArrayEquals(content, open(db, 2, Map.of(2, K2)).read(k), "readable with the new master key alone");
        }
    }
}
