package io.vigil.storage.ledger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vigil.storage.Ledger;
import io.vigil.storage.LedgerRecord;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LedgerCodecTest {
    private static final Instant T = Instant.parse("2026-11-24T09:00:00.123456789Z");

    private static LedgerRecord full(Map<String, String> details) {
        return new LedgerRecord("view.start", T, "김민수", "cam-01,cam-02", T.minusSeconds(60), T, "incident, \"theft\"",
                "police", "PIPA Art. 18(2)", "viewing", "1 day", details);
    }

    @Test
    void recordRoundTripsExactly() throws Exception {
        LedgerRecord record = full(Map.of("b", "2", "a", "1", "é", "x", "z", ""));
        byte[] bytes = LedgerCodec.encodeRecord(record);
        assertEquals(record, LedgerCodec.decodeRecord(bytes, 0, bytes.length));
        LedgerRecord sparse = LedgerRecord.of("keys.init", T, "admin", Map.of());
        byte[] sparseBytes = LedgerCodec.encodeRecord(sparse);
        assertEquals(sparse, LedgerCodec.decodeRecord(sparseBytes, 0, sparseBytes.length));
    }

    @Test
    void encodingIsIndependentOfDetailsInsertionOrder() {
        Map<String, String> forward = new LinkedHashMap<>();
        Map<String, String> backward = new LinkedHashMap<>();
        for (int i = 0; i < 20; i++) {
            forward.put("k" + i, "v" + i);
            backward.put("k" + (19 - i), "v" + (19 - i));
        }
        assertArrayEquals(LedgerCodec.encodeRecord(full(forward)), LedgerCodec.encodeRecord(full(backward)));
    }

    @Test
    void knownVectorPinsTheFormat() {
        // If this changes, every stored hash changes: bump the record version instead.
        LedgerRecord record = LedgerRecord.of("t", Instant.ofEpochSecond(1, 2), "a", Map.of("k", "v"));
        assertEquals("01" + "00000001" + "74" + "0000000000000001" + "00000002" + "00000001" + "61"
                        + "00" + "00" + "00" + "00" + "00" + "00" + "00" + "00"
                        + "00000001" + "00000001" + "6b" + "00000001" + "76",
                HexFormat.of().formatHex(LedgerCodec.encodeRecord(record)));
    }

    @Test
    void fieldBoundariesAreUnambiguous() {
        LedgerRecord a = new LedgerRecord("ab", T, "c", null, null, null, null, null, null, null, null, Map.of());
        LedgerRecord b = new LedgerRecord("a", T, "bc", null, null, null, null, null, null, null, null, Map.of());
        LedgerRecord nullPurpose = new LedgerRecord("a", T, "b", null, null, null, null, null, null, null, null, Map.of());
        LedgerRecord emptyPurpose = new LedgerRecord("a", T, "b", null, null, null, "", null, null, null, null, Map.of());
        assertFalse(Arrays.equals(LedgerCodec.encodeRecord(a), LedgerCodec.encodeRecord(b)));
        assertFalse(Arrays.equals(LedgerCodec.encodeRecord(nullPurpose), LedgerCodec.encodeRecord(emptyPurpose)));
        LedgerRecord detailKey = LedgerRecord.of("t", T, "a", Map.of("k=v", ""));
        LedgerRecord detailValue = LedgerRecord.of("t", T, "a", Map.of("k", "=v"));
        assertFalse(Arrays.equals(LedgerCodec.encodeRecord(detailKey), LedgerCodec.encodeRecord(detailValue)));
    }

    @Test
    void malformedBytesAreRejected() {
        byte[] good = LedgerCodec.encodeRecord(full(Map.of("a", "1", "b", "2")));
        assertThrows(LedgerCodec.MalformedException.class, () -> LedgerCodec.decodeRecord(good, 0, good.length - 1));
        byte[] trailing = Arrays.copyOf(good, good.length + 1);
        assertThrows(LedgerCodec.MalformedException.class, () -> LedgerCodec.decodeRecord(trailing, 0, trailing.length));
        byte[] version = good.clone();
        version[0] = 2;
        assertThrows(LedgerCodec.MalformedException.class, () -> LedgerCodec.decodeRecord(version, 0, version.length));
    }

    @Test
    void unencodableTextIsRefused() {
        LedgerRecord lone = LedgerRecord.of("t", T, "bad \uD800 surrogate", Map.of());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LedgerCodec.encodeRecord(lone));
        assertEquals("ledger field actor is not valid Unicode text", e.getMessage());
    }

    @Test
    void hashCoversNumberPreviousHashAndRecord() {
        byte[] record = LedgerCodec.encodeRecord(full(Map.of()));
        byte[] previous = new byte[32];
        byte[] base = LedgerCodec.entryHash(5, previous, record);
        assertFalse(Arrays.equals(base, LedgerCodec.entryHash(6, previous, record)));
        byte[] otherPrevious = previous.clone();
        otherPrevious[31] = 1;
        assertFalse(Arrays.equals(base, LedgerCodec.entryHash(5, otherPrevious, record)));
        byte[] otherRecord = record.clone();
        otherRecord[otherRecord.length - 1] ^= 1;
        assertFalse(Arrays.equals(base, LedgerCodec.entryHash(5, previous, otherRecord)));
    }

    @Test
    void headRowRoundTrips() throws Exception {
        Ledger.SignedHead head = new Ledger.SignedHead(42, new byte[32], T, new byte[64], new byte[32]);
        Ledger.SignedHead back = LedgerCodec.decodeHeadRow(LedgerCodec.encodeHeadRow(head));
        assertEquals(42, back.size());
        assertEquals(T, back.time());
        assertArrayEquals(head.signature(), back.signature());
    }
}
