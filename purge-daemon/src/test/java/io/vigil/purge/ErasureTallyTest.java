package io.vigil.purge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.config.CameraId;
import io.vigil.storage.LedgerEventType;
import io.vigil.storage.LedgerRecord;
import io.vigil.storage.RecordCodec;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The destruction row: contiguous ranges merge, long key-id lists become a digest, the journal round-trips. */
class ErasureTallyTest {
    static final Instant T = Instant.parse("2026-11-01T00:00:00Z");

    @Test
    void rangesMergeAndLongKeyListsAreDigested() throws Exception {
        ErasureTally t = new ErasureTally();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < ErasureTally.MAX_LISTED_KEY_IDS + 1; i++) {
            Instant s = T.plusSeconds(2L * i);
            ids.add("segment:cam-01@" + s);
            t.add(CameraId.of("cam-01"), s, s.plusSeconds(2), 1, 100, List.of(ids.get(i)));
        }
        t.add(CameraId.of("cam-02"), T.plusSeconds(100), T.plusSeconds(102), 1, 50, List.of("segment:x"));
        t.add(CameraId.of("cam-02"), T.plusSeconds(200), T.plusSeconds(202), 1, 50, List.of("segment:y"));
        LedgerRecord r = t.toLedgerRecord(LedgerEventType.DESTRUCTION, T, 14, "completed", Map.of("runId", "P-1"));
        assertEquals("cam-01,cam-02", r.cameraIds());
        assertEquals(T, r.footageFrom());
        assertEquals("5003", r.details().get("segments"));
        assertTrue(r.details().get("ranges").startsWith("cam-01: 5001 segments, 500100 bytes, [" + T + " .. "),
                r.details().get("ranges"));
        assertTrue(r.details().get("ranges").contains("cam-02: 2 segments, 100 bytes, [") , "two separate ranges");
        assertEquals(64, r.details().get("keyIdsSha256").length());
        assertTrue(r.details().get("keyIds").endsWith("(5003 ids; all listed in keyIdsSha256)"));
        assertEquals("retention 14 days (policy Art. 4)", r.legalBasis());

        RecordCodec<ErasureTally.Snapshot> codec = RecordCodec.of(ErasureTally.Snapshot.class, "tally");
        ErasureTally back = ErasureTally.from(codec.decode(codec.encode(t.snapshot())));
        assertEquals(r, back.toLedgerRecord(LedgerEventType.DESTRUCTION, T, 14, "completed", Map.of("runId", "P-1")));
    }

    @Test
    void emptyTallyWritesNothingAndUnknownKeysAreSaid() {
        ErasureTally t = new ErasureTally();
        assertTrue(t.isEmpty());
        t.add(CameraId.of("cam-01"), T, T.plusSeconds(2), 1, 10, null);
        assertFalse(t.isEmpty());
        assertTrue(t.toLedgerRecord(LedgerEventType.DESTRUCTION, T, 14, "interrupted", Map.of()).details().get("keyIdsUnknownFor")
                .startsWith("1 segments"));
    }

    @Test
    void realFreeSpaceProbeReadsTheFileSystem(@TempDir Path dir) {
        long free = FreeSpaceProbe.of(dir).usableBytes();
        assertTrue(free > 0, "usable bytes " + free);
    }
}
