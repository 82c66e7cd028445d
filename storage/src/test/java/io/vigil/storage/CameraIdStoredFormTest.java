package io.vigil.storage;

import static org.junit.jupiter.api.Assertions.*;

import io.vigil.config.CameraId;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A {@link CameraId} in a stored record is the plain string it was before the type existed,
 * so records written by earlier versions read back and new ones read the same to a person
 * with a RocksDB tool; a stored id that breaks the rule is refused with the record's name.
 */
class CameraIdStoredFormTest {
    record Emptied(CameraId camera, LocalDate day) {}

    record EmptiedAsText(String camera, LocalDate day) {}

    private static final RecordCodec<Emptied> CODEC = RecordCodec.of(Emptied.class, "emptied day");

    @Test
    void encodesAsThePlainStringAndReadsRecordsWrittenWithAString() {
        byte[] typed = CODEC.encode(new Emptied(CameraId.of("cam-01"), LocalDate.of(2026, 11, 20)));
        assertEquals("{\"camera\":\"cam-01\",\"day\":\"2026-11-20\"}", new String(typed, StandardCharsets.UTF_8));
        byte[] older = RecordCodec.of(EmptiedAsText.class, "emptied day").encode(new EmptiedAsText("cam-01", LocalDate.of(2026, 11, 20)));
        assertArrayEquals(older, typed, "byte for byte what the String field wrote");
        assertEquals(new Emptied(CameraId.of("cam-01"), LocalDate.of(2026, 11, 20)), CODEC.decode(older));
    }

    @Test
    void aStoredIdBreakingTheRuleIsRefusedNamingTheRecordAndTheId() {
        StorageException e = assertThrows(StorageException.class,
                () -> CODEC.decode("{\"camera\":\"../cam\",\"day\":\"2026-11-20\"}".getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().startsWith("a emptied day record is unreadable: "), e.getMessage());
        assertTrue(e.getMessage().contains("'../cam' is not a valid camera id"), e.getMessage());
    }

    @Test
    void keysAndDaysSortByCameraAsTheIndexDoes() {
        List<SegmentKey> keys = new java.util.ArrayList<>(List.of(new SegmentKey(CameraId.of("cam-2"), 5, 0),
                new SegmentKey(CameraId.of("cam-10"), 9, 0), new SegmentKey(CameraId.of("cam-10"), 1, 3)));
        java.util.Collections.sort(keys);
        assertEquals(List.of("cam-10@1970-01-01T00:00:00.001Z#3", "cam-10@1970-01-01T00:00:00.009Z#0", "cam-2@1970-01-01T00:00:00.005Z#0"),
                keys.stream().map(SegmentKey::toString).toList(), "\"cam-10\" < \"cam-2\" as bytes");
        CameraDay day = CameraDay.of(CameraId.of("cam-2"), 5);
        assertEquals("day:cam-2/1970-01-01", day.keyId(), "the key id in erase results and ledger entries");
        assertTrue(CameraDay.of(CameraId.of("cam-10"), 5).compareTo(day) < 0);
    }
}
