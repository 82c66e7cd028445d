package io.vigil.storage.engine;

import io.vigil.storage.EraseResult;
import io.vigil.storage.FsckReport;
import io.vigil.storage.Ledger;
import io.vigil.storage.LedgerEventType;
import io.vigil.storage.LedgerRecord;
import io.vigil.storage.RecordTable;
import io.vigil.storage.SegmentKey;
import io.vigil.storage.SegmentStore;
import io.vigil.storage.StoreMaintenance;
import io.vigil.storage.StoreOptions;
import io.vigil.storage.VigilStore;
import io.vigil.storage.db.VigilDatabase;
import io.vigil.storage.keys.Keystore;
import io.vigil.storage.ledger.RocksLedger;
import io.vigil.storage.records.RocksRecordTable;
import io.vigil.storage.records.SealedRecordTable;
import io.vigil.storage.segments.EncryptedSegmentStore;
import io.vigil.storage.segments.MasterKeys;
import io.vigil.storage.segments.SegmentFsck;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link VigilStore} over one data directory: assembles the RocksDB index, the segment
 * store, the ledger and the record tables, runs the start-up reconcile, and writes the
 * ledger entries of erases and fsck repairs. Obtain with {@code VigilStores.open}.
 */
public final class RocksVigilStore implements VigilStore, StoreMaintenance {
    private static final Logger log = LoggerFactory.getLogger(RocksVigilStore.class);
    private static final List<String> TABLES = List.of(ACCOUNTS, SESSIONS, GRANTS, HOLDS, REQUESTS, META);

    private final StoreOptions options;
    private final VigilDatabase db;
    private final EncryptedSegmentStore segments;
    private final Ledger ledger;
    private final Map<String, RecordTable> tables = new LinkedHashMap<>();
    private final FsckReport startupReconcile;

    private final KeyPair ledgerKey;

    private RocksVigilStore(StoreOptions options, VigilDatabase db, MasterKeys masterKeys, KeyPair ledgerKey) {
        this.options = options;
        this.db = db;
        this.segments = new EncryptedSegmentStore(db, options.dataDir(), masterKeys, options.clock(), options.meters());
        segments.checkMasterKeyMatches();
        this.ledger = new RocksLedger(db.db(), db.cf(VigilDatabase.LEDGER), db.cf(VigilDatabase.LEDGER_HEADS),
                ledgerKey, options.clock(), RocksLedger.HeadPolicy.DEFAULT, headCopyFile(options.keystorePath()),
                options.readOnly());
        this.ledgerKey = ledgerKey;
        // Rows carry a MAC keyed from the keystore: a row inserted or edited in the data
        // directory (a grant never issued, an account never created) is refused and ledgered.
        javax.crypto.SecretKey recordKey = SealedRecordTable.deriveKey(ledgerKey.getPrivate().getEncoded());
        for (String t : TABLES) tables.put(t, new SealedRecordTable(new RocksRecordTable(db, t), recordKey, this::recordRefused));
        segments.setEraseListener(this::recordErase);
        // A read-only open (ledger verify, fsck without --repair, purge --dry-run) repairs nothing.
        this.startupReconcile = options.readOnly() ? new FsckReport(0, List.of(), false)
                : newFsck().run(true, false, SegmentFsck.Scope.RECENT);
        if (!options.readOnly()) {
            io.vigil.storage.db.DataDirModes.report(options.dataDir());
        }
    }

    /** Opens the keystore of {@code options}, then the index of its data directory and the store over it. */
    public static RocksVigilStore open(StoreOptions options) {
        Keystore keystore = Keystore.open(options.keystorePath(), options.passphrase());
        MasterKeys masterKeys = new MasterKeys(keystore.masterKeyId(), keystore.masterKey(), keystore::masterKey);
        return open(options, masterKeys, keystore.ledgerKeyPair());
    }

    /**
     * The latest signed ledger head is also kept beside the keystore ({@code <keystore>.ledger-head}):
     * outside the data directory, where someone who can only rewrite the data directory cannot
     * roll it back.
     */
    public static Path headCopyFile(Path keystorePath) {
        Path absolute = keystorePath.toAbsolutePath();
        return absolute.resolveSibling(absolute.getFileName() + ".ledger-head");
    }

    /** Opens the index of {@code options.dataDir()} and the store over it, with keys from the keystore already opened. */
    public static RocksVigilStore open(StoreOptions options, MasterKeys masterKeys, KeyPair ledgerKey) {
        VigilDatabase db = options.readOnly() ? VigilDatabase.openReadOnly(options.dataDir())
                : VigilDatabase.open(options.dataDir());
        try {
            return new RocksVigilStore(options, db, masterKeys, ledgerKey);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    @Override
    public SegmentStore segments() {
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

    @Override
    public StoreMaintenance maintenance() {
        return this;
    }

    /** Full check; {@code deep=false} skips decrypting files (sizes, rows, keys and debris only). */
    @Override
    public FsckReport fsck(boolean repair, boolean deep) {
        if (repair && options.readOnly()) {
            throw new IllegalStateException("fsck --repair needs the data directory opened for writing");
        }
        return newFsck().run(repair, deep, SegmentFsck.Scope.FULL);
    }

    @Override
    public FsckReport startupReconcile() {
        return startupReconcile;
    }

    @Override
    public int rewrapDayKeys() {
        return segments.rewrapDayKeys();
    }

    private SegmentFsck newFsck() {
        return new SegmentFsck(segments, problem -> {
            try {
                ledger.append(LedgerRecord.of(LedgerEventType.FSCK_REPAIR, options.clock().instant(), "fsck", Map.of(
                        "kind", problem.kind(), "where", problem.where(),
                        "detail", problem.detail(), "action", problem.action())));
            } catch (RuntimeException e) {
                log.error("fsck repaired {} at {} but could not write the ledger entry: {}",
                        problem.kind(), problem.where(), e.getMessage());
            }
        });
    }

    /** Ledger entry "record.refused" for a row of a record table that Vigil did not write. */
    private void recordRefused(String table, String key, String reason) {
        ledger.append(LedgerRecord.of(io.vigil.storage.LedgerEventType.RECORD_REFUSED, options.clock().instant(), "storage",
                Map.of("table", table, "key", key, "reason", reason)));
    }

    /** Ledger entry "key.destroyed" for every erase: which keys, which footage, how much. */
    private void recordErase(String what, EraseResult r) {
        if (r.segments().isEmpty() && r.destroyedKeyIds().isEmpty()) return;
        Map<String, String> details = new TreeMap<>();
        details.put("scope", what);
        details.put("segments", Integer.toString(r.segmentCount()));
        details.put("bytes", Long.toString(r.bytes()));
        List<String> ids = r.destroyedKeyIds();
        details.put("keys", ids.size() <= 20 ? String.join(",", ids)
                : String.join(",", ids.subList(0, 10)) + ",... (" + ids.size() + " keys) ...," + ids.get(ids.size() - 1));
        String cameras = r.segments().stream().map(k -> k.cameraId().value()).distinct().sorted().collect(Collectors.joining(","));
        Instant from = r.segments().stream().map(SegmentKey::start).min(Comparator.naturalOrder()).orElse(null);
        Instant to = r.segments().stream().map(SegmentKey::start).max(Comparator.naturalOrder()).orElse(null);
        ledger.append(LedgerRecord.builder(LedgerEventType.KEY_DESTROYED, options.clock().instant(), "storage")
                .cameras(cameras.isEmpty() ? null : cameras).footage(from, to).form("cryptographic erase")
                .details(details).build());
    }

    /** The server's Ed25519 key from the keystore: signs ledger heads and export manifests. */
    @Override
    public java.util.Optional<KeyPair> ledgerKeyPair() {
        return java.util.Optional.ofNullable(ledgerKey);
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
