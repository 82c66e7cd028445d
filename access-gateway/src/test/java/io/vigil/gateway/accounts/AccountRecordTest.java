package io.vigil.gateway.accounts;

import io.vigil.config.CameraId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vigil.config.Role;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 9: accounts are stored through the typed RecordCodec; the bytes are exactly those
 * the hand-written encoder wrote before (pinned here as literals), so stored rows read
 * unchanged and a rewritten row is the same row.
 */
class AccountRecordTest {
    private static final String PLAIN = "{\"username\":\"alice\",\"role\":\"security-staff\",\"cameras\":[\"cam-01\",\"cam-02\"],"
            + "\"passwordHash\":\"$argon2id$v=19$m=1024,t=1,p=1$abc$def\",\"createdAt\":\"2026-11-24T10:00:00Z\","
            + "\"disabled\":false,\"mustChangePassword\":true}";
    private static final String FULL = "{\"username\":\"bob\",\"role\":\"privacy-officer\",\"cameras\":[],\"passwordHash\":\"h\","
            + "\"createdAt\":\"2026-11-24T10:00:00.123Z\",\"disabled\":true,\"mustChangePassword\":false,\"language\":\"ko\","
            + "\"proposal\":{\"cameras\":[\"cam-03\"],\"proposedBy\":\"admin\",\"proposedAt\":\"2026-11-25T01:02:03Z\"}}";

    @Test
    void rowsWrittenByTheOldEncoderReadAndAreWrittenAgainByteForByte() {
        Account alice = AccountService.decode(PLAIN.getBytes(StandardCharsets.UTF_8));
        assertEquals(new Account("alice", Role.SECURITY_STAFF, List.of(CameraId.of("cam-01"), CameraId.of("cam-02")), "$argon2id$v=19$m=1024,t=1,p=1$abc$def",
                Instant.parse("2026-11-24T10:00:00Z"), false, true, null, null), alice);
        assertEquals(PLAIN, new String(AccountService.encode(alice), StandardCharsets.UTF_8));

        Account bob = AccountService.decode(FULL.getBytes(StandardCharsets.UTF_8));
        assertEquals("ko", bob.language());
        assertEquals(new Account.CameraProposal(List.of(CameraId.of("cam-03")), "admin", Instant.parse("2026-11-25T01:02:03Z")), bob.proposal());
        assertEquals(Role.PRIVACY_OFFICER, bob.role());
        assertEquals(FULL, new String(AccountService.encode(bob), StandardCharsets.UTF_8));
    }

    @Test
    void aRowWithoutTheLaterFieldsStillReads() {
        Account old = AccountService.decode(("{\"username\":\"carol\",\"role\":\"administrator\",\"cameras\":[],\"passwordHash\":\"h\","
                + "\"createdAt\":\"2026-11-01T00:00:00Z\"}").getBytes(StandardCharsets.UTF_8));
        assertEquals(false, old.disabled());
        assertEquals(false, old.mustChangePassword());
        assertNull(old.language());
        assertNull(old.proposal());
    }
}
