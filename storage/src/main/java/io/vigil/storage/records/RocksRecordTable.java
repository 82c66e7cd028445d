package io.vigil.storage.records;

import io.vigil.storage.RecordTable;
import io.vigil.storage.StorageException;
import io.vigil.storage.db.VigilDatabase;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;

/** A {@link RecordTable} over one column family; every write is synced before it returns. */
public final class RocksRecordTable implements RecordTable {
    private final VigilDatabase db;
    private final String name;
    private final ColumnFamilyHandle cf;

    public RocksRecordTable(VigilDatabase db, String name) {
        this.db = db;
        this.name = name;
        this.cf = db.cf(name);
    }

    @Override
    public void put(String key, byte[] value) {
        Objects.requireNonNull(value, "value");
        try {
            db.db().put(cf, db.syncWrite(), bytes(key), value);
        } catch (RocksDBException e) {
            throw new StorageException("cannot write record '" + key + "' to table " + name + ": " + VigilDatabase.describe(e), e);
        }
    }

    @Override
    public Optional<byte[]> get(String key) {
        try {
            return Optional.ofNullable(db.db().get(cf, bytes(key)));
        } catch (RocksDBException e) {
            throw new StorageException("cannot read record '" + key + "' from table " + name + ": " + VigilDatabase.describe(e), e);
        }
    }

    @Override
    public void delete(String key) {
        try {
            db.db().delete(cf, db.syncWrite(), bytes(key));
        } catch (RocksDBException e) {
            throw new StorageException("cannot delete record '" + key + "' from table " + name + ": " + VigilDatabase.describe(e), e);
        }
    }

    @Override
    public List<Map.Entry<String, byte[]>> scan(String prefix) {
        byte[] p = bytes(prefix);
        List<Map.Entry<String, byte[]>> out = new ArrayList<>();
        byte[] upper = prefixEnd(p);
        try (Slice lo = new Slice(p);
             Slice hi = upper == null ? null : new Slice(upper);
             ReadOptions ro = new ReadOptions().setIterateLowerBound(lo)) {
            if (hi != null) ro.setIterateUpperBound(hi);
            try (RocksIterator it = db.db().newIterator(cf, ro)) {
                for (it.seek(p); it.isValid(); it.next()) {
                    out.add(new AbstractMap.SimpleImmutableEntry<>(new String(it.key(), StandardCharsets.UTF_8), it.value()));
                }
                it.status();
            }
        } catch (RocksDBException e) {
            throw new StorageException("cannot scan table " + name + " for prefix '" + prefix + "': " + VigilDatabase.describe(e), e);
        }
        return out;
    }

    public String name() {
        return name;
    }

    private static byte[] bytes(String key) {
        return Objects.requireNonNull(key, "key").getBytes(StandardCharsets.UTF_8);
    }

    /** Smallest byte string greater than every string starting with {@code prefix}; null if none. */
    static byte[] prefixEnd(byte[] prefix) {
        byte[] end = Arrays.copyOf(prefix, prefix.length);
        for (int i = end.length - 1; i >= 0; i--) {
            if (end[i] != (byte) 0xff) {
                end[i]++;
                return Arrays.copyOf(end, i + 1);
            }
        }
        return null;
    }
}
