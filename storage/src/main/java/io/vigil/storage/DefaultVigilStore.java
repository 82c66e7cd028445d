package io.vigil.storage;

import io.vigil.storage.db.VigilDatabase;
import io.vigil.storage.ledger.Ledger;
import io.vigil.storage.ledger.LedgerRecord;
import io.vigil.storage.records.RocksRecordTable;
import io.vigil.storage.segments.EncryptedSegmentStore;
import io.vigil.storage.segments.MasterKeys;
import io.vigil.storage.segments.SegmentFsck;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@link VigilStore} over one data directory. Obtain with {@link VigilStores#open}. */
public final class DefaultVigilStore implements VigilStore {
    private static final Logger log = LoggerFactory.getLogger(DefaultVigilStore.class);
    private static final List<String> TABLES = List.of(ACCOUNTS, SESSIONS, GRANTS, HOLDS, REQUESTS, META);

    private final StoreOptions options;
    private final VigilDatabase db;
    private final EncryptedSegmentStore segments;
    private final Ledger ledger;
    private final Map<String, RecordTable> tables = new LinkedHashMap<>();
    private final FsckReport startupReconcile;

    private DefaultVigilStore(StoreOptions options, VigilDatabase db, MasterKeys masterKeys, KeyPair ledgerKey) {
        this.options = options;
        this.db = db;
        this.segments = new EncryptedSegmentStore(db, options.dataDir(), masterKeys, options.clock(), options.meters());
        this.ledger = LedgerFactory.create(db, ledgerKey, options.clock());
        for (String t : TABLES) tables.put(t, new RocksRecordTable(db, t));
        this.startupReconcile = newFsck().run(true, false, SegmentFsck.Scope.RECENT);
    }

    static DefaultVigilStore open(StoreOptions options, MasterKeys masterKeys, KeyPair ledgerKey) {
        VigilDatabase db = VigilDatabase.open(options.dataDir());
        try {
            return new DefaultVigilStore(options, db, masterKeys, ledgerKey);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    @Override
    public EncryptedSegmentStore segments() {
        return segments;
    }

    @Override
    public Ledger ledger() {
        return ledger;
    }

    @Override
    public RecordTable table(String name) {
        RecordTable t = tables.get(name);
        if (t == null) throw new IllegalArgumentException("no record table '" + name + "'; known: " + TABLES);
        return t;
    }

    /** Full check of every camera-day, decrypting every file ({@code vigil fsck}). */
    @Override
    public FsckReport fsck(boolean repair) {
        return fsck(repair, true);
    }

    /** Full check; {@code deep=false} skips decrypting files (sizes, rows, keys and debris only). */
    public FsckReport fsck(boolean repair, boolean deep) {
        return newFsck().run(repair, deep, SegmentFsck.Scope.FULL);
    }

    /** What the reconcile at open found and repaired. */
    public FsckReport startupReconcile() {
        return startupReconcile;
    }

    private SegmentFsck newFsck() {
        return new SegmentFsck(segments, problem -> {
            try {
                ledger.append(LedgerRecord.of("fsck.repair", options.clock().instant(), "fsck", Map.of(
                        "kind", problem.kind(), "where", problem.where(),
                        "detail", problem.detail(), "action", problem.action())));
            } catch (RuntimeException e) {
                log.error("fsck repaired {} at {} but could not write the ledger entry: {}",
                        problem.kind(), problem.where(), e.getMessage());
            }
        });
    }

    public VigilDatabase database() {
        return db;
    }

    @Override
    public Path dataDir() {
        return options.dataDir();
    }

    @Override
    public void close() {
        if (ledger instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                log.warn("closing the ledger failed: {}", e.getMessage());
            }
        }
        db.close();
    }
}
