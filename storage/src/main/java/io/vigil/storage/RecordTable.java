package io.vigil.storage;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A durable key-value table (one RocksDB column family) for the small records of other
 * modules: accounts, viewing grants, legal holds, subject requests. Keys are strings
 * and sort bytewise, so a common prefix groups related records. Writes are synced.
 */
public interface RecordTable {
    void put(String key, byte[] value);

    Optional<byte[]> get(String key);

    void delete(String key);

    /** All records whose key starts with {@code prefix}, in key order. */
    List<Map.Entry<String, byte[]>> scan(String prefix);
}
