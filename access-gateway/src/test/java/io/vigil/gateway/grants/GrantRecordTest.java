package io.vigil.gateway.grants;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.config.CameraId;
import io.vigil.storage.StorageException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 9: a grant's cameras are {@link CameraId}s, stored as their plain strings: a grant row
 * written while the cameras were strings (pinned here as a literal) reads back and is written
 * again byte for byte; a stored id that breaks the rule is refused naming the record.
 */
class GrantRecordTest {
    private static final String STORED = "{\"id\":\"q2Vb7x9LrM1nP4sT8uW0yA\",\"username\":\"guard.kim\",\"cameras\":[\"cam-01\",\"cam-02\"],"
            + "\"from\":\"2026-11-24T10:00:00Z\",\"to\":\"2026-11-24T11:00:00.250Z\",\"purpose\":\"crime-prevention\","
            + "\"purposeText\":\"theft reported in ward 3\",\"issuedAt\":\"2026-11-24T12:00:00Z\",\"expiresAt\":\"2026-11-24T13:00:00Z\","
            + "\"ledgerEntry\":42}";

    @Test
    void aRowWrittenWithStringCamerasReadsAndIsWrittenAgainByteForByte() {
        ViewingGrant g = GrantService.decode(STORED.getBytes(StandardCharsets.UTF_8));
        assertEquals(new ViewingGrant("q2Vb7x9LrM1nP4sT8uW0yA", "guard.kim", List.of(CameraId.of("cam-01"), CameraId.of("cam-02")),
                Instant.parse("2026-11-24T10:00:00Z"), Instant.parse("2026-11-24T11:00:00.250Z"), Purpose.CRIME_PREVENTION,
                "theft reported in ward 3", Instant.parse("2026-11-24T12:00:00Z"), Instant.parse("2026-11-24T13:00:00Z"), 42), g);
        assertEquals(STORED, new String(GrantService.encode(g), StandardCharsets.UTF_8));
    }

    @Test
    void aStoredCameraBreakingTheRuleIsRefusedNamingTheRecord() {
        StorageException e = assertThrows(StorageException.class,
                () -> GrantService.decode(STORED.replace("\"cam-02\"", "\"../cam\"").getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().startsWith("a viewing grant record is unreadable: "), e.getMessage());
        assertTrue(e.getMessage().contains("'../cam' is not a valid camera id"), e.getMessage());
    }
}
