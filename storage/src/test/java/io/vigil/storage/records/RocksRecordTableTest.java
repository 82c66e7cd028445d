package io.vigil.storage.records;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.storage.VigilStore;
import io.vigil.storage.db.VigilDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RocksRecordTableTest {
    @TempDir Path dir;

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void putGetDeleteScanSurviveReopenAndTablesAreSeparate() {
        try (VigilDatabase db = VigilDatabase.open(dir)) {
            RocksRecordTable grants = new RocksRecordTable(db, VigilStore.GRANTS);
            RocksRecordTable holds = new RocksRecordTable(db, VigilStore.HOLDS);
            grants.put("user/alice/1", b("a1"));
            grants.put("user/alice/2", b("a2"));
            grants.put("user/bob/1", b("b1"));
            grants.put("user/alicea", b("x"));
            holds.put("user/alice/1", b("hold"));
            grants.delete("user/alice/2");
        }
        try (VigilDatabase db = VigilDatabase.open(dir)) {
            RocksRecordTable grants = new RocksRecordTable(db, VigilStore.GRANTS);
            assertArrayEquals(b("a1"), grants.get("user/alice/1").orElseThrow());
            assertTrue(grants.get("user/alice/2").isEmpty());
            List<Map.Entry<String, byte[]>> alice = grants.scan("user/alice/");
            assertEquals(List.of("user/alice/1"), alice.stream().map(Map.Entry::getKey).toList());
            assertEquals(List.of("user/alice/1", "user/alicea", "user/bob/1"),
                    grants.scan("").stream().map(Map.Entry::getKey).toList());
            assertArrayEquals(b("hold"), new RocksRecordTable(db, VigilStore.HOLDS).get("user/alice/1").orElseThrow());
        }
    }

    @Test
    void prefixEndHandlesFfBytes() {
        assertArrayEquals(new byte[] {1, 3}, RocksRecordTable.prefixEnd(new byte[] {1, 2}));
        assertArrayEquals(new byte[] {2}, RocksRecordTable.prefixEnd(new byte[] {1, (byte) 0xff}));
        assertEquals(null, RocksRecordTable.prefixEnd(new byte[] {(byte) 0xff}));
    }
}
