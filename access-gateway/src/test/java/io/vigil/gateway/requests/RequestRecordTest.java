package io.vigil.gateway.requests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.config.CameraId;
import io.vigil.storage.StorageException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 9: a subject request's cameras are {@link CameraId}s, stored as their plain strings.
 * A record written while they were strings (pinned here as a literal: the ledger holds the
 * SHA-256 of exactly these bytes) reads back and is written again byte for byte, so the hash
 * still matches; a stored id that breaks the rule is refused naming the record.
 */
class RequestRecordTest {
    private static final String STORED = "{\"number\":\"SR-2026-0007\",\"state\":\"approved\",\"kinds\":[\"view\",\"delete\"],"
            + "\"requesterName\":\"Yoon Seojin\",\"requesterContact\":\"010-3333-4444\","
            + "\"identity\":{\"documentType\":\"passport\",\"checkedBy\":\"front-desk\",\"checkedAt\":\"2026-11-24T09:00:00Z\"},"
            + "\"childUnder14\":false,\"representative\":null,\"cameras\":[\"cam-01\",\"cam-03\"],"
            + "\"from\":\"2026-11-23T10:00:00Z\",\"to\":\"2026-11-23T10:30:00Z\",\"description\":\"grey coat, blue bag\","
            + "\"reason\":\"my bag was taken\",\"urgent\":false,\"receivedAt\":\"2026-11-24T09:05:00Z\","
            + "\"deadline\":\"2026-12-04T14:59:59Z\",\"registeredBy\":\"manager\",\"holdId\":\"H-20261124-0a1b2c\","
            + "\"decision\":null,\"history\":[{\"to\":\"received\",\"at\":\"2026-11-24T09:05:00Z\",\"by\":\"manager\",\"reason\":null}],"
            + "\"fulfilments\":[],\"kiosk\":null,\"closedAt\":null,\"personalDataErasedAt\":null,\"notices\":[]}";

    @Test
    void aRecordWrittenWithStringCamerasReadsAndIsWrittenAgainByteForByte() {
        byte[] stored = STORED.getBytes(StandardCharsets.UTF_8);
        SubjectRequest r = RequestCodec.decode(stored);
        assertEquals(List.of(CameraId.of("cam-01"), CameraId.of("cam-03")), r.cameras());
        assertEquals(STORED, new String(RequestCodec.encode(r), StandardCharsets.UTF_8));
        assertEquals(RequestCodec.sha256(stored), RequestCodec.sha256(RequestCodec.encode(r)), "the ledger's hash of the record still holds");
    }

    @Test
    void aStoredCameraBreakingTheRuleIsRefusedNamingTheRecord() {
        StorageException e = assertThrows(StorageException.class,
                () -> RequestCodec.decode(STORED.replace("\"cam-03\"", "\"Cam 3\"").getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().startsWith("a subject request record in the requests table is unreadable: "), e.getMessage());
        assertTrue(e.getMessage().contains("'Cam 3' is not a valid camera id"), e.getMessage());
    }
}
