package io.vigil.storage.ledger;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;

/** A real RocksDB in a directory with the two column families the ledger uses. */
final class LedgerTestDb implements AutoCloseable {
    static {
        RocksDB.loadLibrary();
    }

    final RocksDB db;
    final ColumnFamilyHandle entries;
    final ColumnFamilyHandle heads;
    private final List<ColumnFamilyHandle> handles = new ArrayList<>();
    private final DBOptions options;
    private final ColumnFamilyOptions cfOptions;

    LedgerTestDb(Path dir) throws RocksDBException {
        this(dir, false);
    }

    /** @param readOnly open read-only, so every write fails: an injected write failure */
    LedgerTestDb(Path dir, boolean readOnly) throws RocksDBException {
        options = new DBOptions().setCreateIfMissing(!readOnly).setCreateMissingColumnFamilies(!readOnly);
        cfOptions = new ColumnFamilyOptions();
        List<ColumnFamilyDescriptor> descriptors = List.of(
                new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, cfOptions),
                new ColumnFamilyDescriptor("ledger".getBytes(StandardCharsets.UTF_8), cfOptions),
                new ColumnFamilyDescriptor("ledger_heads".getBytes(StandardCharsets.UTF_8), cfOptions));
        db = readOnly ? RocksDB.openReadOnly(options, dir.toString(), descriptors, handles)
                : RocksDB.open(options, dir.toString(), descriptors, handles);
        entries = handles.get(1);
        heads = handles.get(2);
    }

    static KeyPair newSigningKey() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        for (ColumnFamilyHandle handle : handles) {
            handle.close();
        }
        db.close();
        options.close();
        cfOptions.close();
    }
}
