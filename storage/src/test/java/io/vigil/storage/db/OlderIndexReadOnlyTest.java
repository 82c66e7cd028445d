package io.vigil.storage.db;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.RocksIterator;

/**
 * An index made by an older Vigil lacks the column families added since (here
 * {@code activity}). A read-only command must still open it (RocksDB refuses a named family
 * that does not exist) and read the missing family as empty, without creating it; the
 * next open for writing creates it.
 */
class OlderIndexReadOnlyTest {
    private static final byte[] KEY = "k".getBytes(StandardCharsets.UTF_8);

    @Test
    void aReadOnlyOpenOfAnIndexWithoutANewerFamilyReadsItAsEmpty(@TempDir Path dataDir) throws Exception {
        try (VigilDatabase db = VigilDatabase.open(dataDir)) {
            db.db().put(db.cf(VigilDatabase.SEGMENTS), KEY, "segment".getBytes(StandardCharsets.UTF_8));
            // What an older Vigil left: no activity family.
            db.db().dropColumnFamily(db.cf(VigilDatabase.ACTIVITY));
        }

        try (VigilDatabase ro = VigilDatabase.openReadOnly(dataDir)) {
            assertEquals("segment", new String(ro.db().get(ro.cf(VigilDatabase.SEGMENTS), KEY), StandardCharsets.UTF_8));
            try (RocksIterator it = ro.db().newIterator(ro.cf(VigilDatabase.ACTIVITY))) {
                it.seekToFirst();
                assertFalse(it.isValid(), "the missing family reads as empty");
            }
            assertEquals(VigilDatabase.COLUMN_FAMILIES.size(), ro.allHandles().size(), "the default family and the present ones");
        }

        try (VigilDatabase rw = VigilDatabase.open(dataDir)) {
            rw.db().put(rw.cf(VigilDatabase.ACTIVITY), KEY, new byte[] {1});
            assertArrayEquals(new byte[] {1}, rw.db().get(rw.cf(VigilDatabase.ACTIVITY), KEY), "created by the open for writing");
            assertNull(rw.db().get(KEY), "nothing went to the default family");
        }
    }
}
