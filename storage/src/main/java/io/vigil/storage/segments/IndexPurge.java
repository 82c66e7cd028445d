package io.vigil.storage.segments;

import io.vigil.storage.db.VigilDatabase;
import java.util.Arrays;
import java.util.List;
import org.rocksdb.ColumnFamilyHandle;

/**
 * Makes deleted index rows leave the disk: one flush, then a compaction of each range, so no
 * copy of an erased wrapped key stays in the index directory (docs/storage.md, "Erase").
 */
final class IndexPurge {
    /** Keys in [begin, end) of one column family. */
    record Range(ColumnFamilyHandle cf, byte[] begin, byte[] end) {}

    private final VigilDatabase db;
    private final StoredBytesScan storedBytesScan;
    /** Serialises the flush+compaction of erases; RocksDB would serialise manual compactions anyway. */
    private final Object lock = new Object();

    IndexPurge(VigilDatabase db, StoredBytesScan storedBytesScan) {
        this.db = db;
        this.storedBytesScan = storedBytesScan;
    }

    /** Flushes once, then compacts each range. */
    void purge(List<Range> ranges) {
        // An open iterator pins the SST files it reads; the start-up scan's must be gone, or
        // the files holding the erased keys would outlive this erase.
        storedBytesScan.await();
        synchronized (lock) {
            for (int i = 0; i < ranges.size(); i++) {
                Range r = ranges.get(i);
                if (i == 0) {
                    db.purgeDeleted(r.cf(), r.begin(), r.end());
                } else {
                    db.compactDeleted(r.cf(), r.begin(), r.end());
                }
            }
        }
    }

    /** The smallest key greater than {@code key} (key + 0x00): the exclusive end of a range ending at key. */
    static byte[] successor(byte[] key) {
        return Arrays.copyOf(key, key.length + 1);
    }
}
