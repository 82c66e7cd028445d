package io.vigil.storage.db;

import io.vigil.storage.StorageException;
import io.vigil.storage.Reason;
import io.vigil.storage.VigilStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompactRangeOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.FlushOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one RocksDB instance of a data directory ({@code <dataDir>/index}), with a column
 * family per kind of record. Options are chosen so that a cryptographic erase can
 * remove every copy of a deleted value from the directory: no WAL archive or TTL, no
 * WAL recycling (a recycled log would keep old bytes), and obsolete files purged on
 * every flush and compaction rather than every six hours.
 */
public final class VigilDatabase implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(VigilDatabase.class);

    public static final String SEGMENTS = "segments";
    public static final String GAPS = "gaps";
    public static final String DAYKEYS = "daykeys";
    public static final String LEDGER = "ledger";
    public static final String LEDGER_HEADS = "ledger_heads";
    /** The activity line's samples (issue 12), keyed like the segment rows they belong to. */
    public static final String ACTIVITY = "activity";

    /** Every column family, in creation order. */
    public static final List<String> COLUMN_FAMILIES = List.of(
            SEGMENTS, GAPS, DAYKEYS, LEDGER, LEDGER_HEADS,
            VigilStore.ACCOUNTS, VigilStore.SESSIONS, VigilStore.GRANTS,
            VigilStore.HOLDS, VigilStore.REQUESTS, VigilStore.META, ACTIVITY);

    static {
        RocksDB.loadLibrary();
    }

    /** Directories of the data directory are created owner-only: footage index, accounts and purposes. */
    public static final java.nio.file.attribute.FileAttribute<?> OWNER_ONLY_DIR =
            java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));

    /** RocksDB's info log through SLF4J (debug), so a read-only open leaves no LOG file behind. */
    private static final class QuietLogger extends org.rocksdb.Logger {
        QuietLogger() {
            super(org.rocksdb.InfoLogLevel.WARN_LEVEL);
        }

        @Override
        protected void log(org.rocksdb.InfoLogLevel level, String message) {
            log.debug("rocksdb: {}", message);
        }
    }

    private final Path directory;
    private final DBOptions dbOptions;
    private final ColumnFamilyOptions cfOptions;
    private final RocksDB db;
    private final Map<String, ColumnFamilyHandle> handles = new LinkedHashMap<>();
    private final ColumnFamilyHandle defaultHandle;
    private final WriteOptions syncWrite;
    private volatile boolean closed;
    private final boolean readOnly;
    private final List<Runnable> beforeClose = new java.util.concurrent.CopyOnWriteArrayList<>();

    private VigilDatabase(Path directory, DBOptions dbOptions, ColumnFamilyOptions cfOptions, RocksDB db,
                          List<String> present, List<ColumnFamilyHandle> opened, boolean readOnly) {
        this.directory = directory;
        this.readOnly = readOnly;
        this.dbOptions = dbOptions;
        this.cfOptions = cfOptions;
        this.db = db;
        this.defaultHandle = opened.get(0);
        // opened holds the default family, then the present ones; a read-only open of an older
        // index lacks the families added since (existingFamilies): those read as empty.
        for (int i = 0; i < present.size(); i++) {
            handles.put(present.get(i), opened.get(i + 1));
        }
        for (String missing : COLUMN_FAMILIES) handles.putIfAbsent(missing, defaultHandle);
        this.syncWrite = new WriteOptions().setSync(true);
    }

    /** Opens (creating when missing) the index under {@code <dataDir>/index}. */
    public static VigilDatabase open(Path dataDir) {
        return open(dataDir, false);
    }

    /**
     * Opens the index read-only, for the commands that must never write (`ledger verify`,
     * `fsck` without --repair, `purge --dry-run`): RocksDB's read-only mode, and its info log
     * sent to our logger instead of a LOG file in the directory.
     */
    public static VigilDatabase openReadOnly(Path dataDir) {
        return open(dataDir, true);
    }

    private static VigilDatabase open(Path dataDir, boolean readOnly) {
        Path dir = dataDir.resolve("index");
        if (readOnly) {
            if (!Files.isDirectory(dir)) {
                throw new StorageException(Reason.of("store.noIndex", "dataDir", dataDir, "dir", dir), null);
            }
        } else {
            try {
                Files.createDirectories(dir, OWNER_ONLY_DIR);
            } catch (IOException e) {
                throw new StorageException(Reason.of("store.cannotCreateIndex", "dir", dir, "detail", String.valueOf(e.getMessage())), e);
            }
        }
        DBOptions dbOptions = IndexOptions.database();
        ColumnFamilyOptions cfOptions = IndexOptions.columnFamily();
        List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
        descriptors.add(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, cfOptions));
        List<String> present = readOnly ? existingFamilies(dir) : COLUMN_FAMILIES;
        for (String name : present) {
            descriptors.add(new ColumnFamilyDescriptor(name.getBytes(StandardCharsets.UTF_8), cfOptions));
        }
        List<ColumnFamilyHandle> opened = new ArrayList<>();
        try {
            RocksDB db;
            if (readOnly) {
                dbOptions.setCreateIfMissing(false).setCreateMissingColumnFamilies(false).setLogger(new QuietLogger());
                db = RocksDB.openReadOnly(dbOptions, dir.toString(), descriptors, opened);
            } else {
                db = RocksDB.open(dbOptions, dir.toString(), descriptors, opened);
            }
            log.info("opened index {}{} with column families {}", dir, readOnly ? " read-only" : "", COLUMN_FAMILIES);
            if (!readOnly) {
                DataDirModes.narrowIndexFiles(dir);
            }
            return new VigilDatabase(dir, dbOptions, cfOptions, db, present, opened, readOnly);
        } catch (RocksDBException e) {
            dbOptions.close();
            cfOptions.close();
            if (String.valueOf(e.getMessage()).contains("LOCK")) {
                // RocksDB allows one process per directory; say so in the operator's words.
                throw new StorageException(Reason.of("store.inUse", "dir", dir.getParent()), e);
            }
            throw new StorageException(Reason.of("store.cannotOpenIndex", "dir", dir, "detail", describe(e)), e);
        }
    }

    /**
     * The column families of {@link #COLUMN_FAMILIES} an existing index has, in that order.
     * Why: a family added by a newer Vigil (e.g. {@code activity}) is created by the first
     * open for writing; until then a read-only command (`ledger verify`, `fsck`, `purge
     * --dry-run`) must still open the index, which RocksDB refuses when a named family is
     * missing. Such a family is read as empty: its handle is the default family's, where
     * Vigil never writes, and a read-only index takes no writes.
     */
    private static List<String> existingFamilies(Path dir) {
        try (org.rocksdb.Options options = new org.rocksdb.Options()) {
            java.util.Set<String> names = new java.util.HashSet<>();
            for (byte[] n : RocksDB.listColumnFamilies(options, dir.toString())) names.add(new String(n, StandardCharsets.UTF_8));
            return COLUMN_FAMILIES.stream().filter(names::contains).toList();
        } catch (RocksDBException e) {
            throw new StorageException("cannot read the column families of index " + dir + ": " + describe(e), e);
        }
    }

    /**
     * True once {@link #close()} has begun. Why a caller needs it: a RocksDB handle used
     * after close crashes the JVM (native use-after-free), not an exception. {@code close()}
     * is synchronized on this instance, so a caller on a thread that may outlive the store
     * (the activity measure) checks this while holding the same monitor, then uses the index.
     */
    public boolean isClosed() {
        return closed;
    }

    /** True when opened with {@link #openReadOnly}: every write fails. */
    public boolean readOnly() {
        return readOnly;
    }

    public RocksDB db() {
        return db;
    }

    /** The handle of a column family named in {@link #COLUMN_FAMILIES}. */
    public ColumnFamilyHandle cf(String name) {
        ColumnFamilyHandle h = handles.get(name);
        if (h == null) throw new IllegalArgumentException("no column family '" + name + "'; known: " + COLUMN_FAMILIES);
        return h;
    }

    /** Write options with {@code sync=true}: the write is on disk when the call returns. */
    public WriteOptions syncWrite() {
        return syncWrite;
    }

    public Path directory() {
        return directory;
    }

    /**
     * Makes deleted values unrecoverable from the index directory: flushes every column
     * family (so the WAL holding the original put becomes obsolete and is deleted), then
     * compacts {@code [begin, end)} of {@code cf} down through the bottommost level with
     * the bottommost compaction forced, so tombstones meet and drop the old values and the
     * SST files that held them become obsolete and are deleted.
     */
    public void purgeDeleted(ColumnFamilyHandle cf, byte[] begin, byte[] end) {
        long t0 = System.nanoTime();
        try (FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
            // Flushing every column family makes every WAL written so far obsolete, and with
            // the options above an obsolete WAL is deleted at the end of the flush.
            db.flush(flush, allHandles());
        } catch (RocksDBException e) {
            throw new StorageException("cannot flush index " + directory + ": " + describe(e), e);
        }
        long t1 = System.nanoTime();
        compactDeleted(cf, begin, end);
        log.debug("purge of deleted keys: flush {} ms, compaction {} ms", (t1 - t0) / 1_000_000, (System.nanoTime() - t1) / 1_000_000);
    }

    /** The compaction half of {@link #purgeDeleted}, for further ranges after one flush. */
    public void compactDeleted(ColumnFamilyHandle cf, byte[] begin, byte[] end) {
        try (CompactRangeOptions compact = new CompactRangeOptions()
                .setBottommostLevelCompaction(CompactRangeOptions.BottommostLevelCompaction.kForce)
                .setExclusiveManualCompaction(false)) {
            db.compactRange(cf, begin, end, compact);
        } catch (RocksDBException e) {
            throw new StorageException("cannot compact deleted keys out of index " + directory + ": " + describe(e), e);
        }
    }

    /** Every column family handle including the default one. */
    public List<ColumnFamilyHandle> allHandles() {
        List<ColumnFamilyHandle> all = new ArrayList<>(handles.size() + 1);
        all.add(defaultHandle);
        for (ColumnFamilyHandle h : handles.values()) {
            if (h != defaultHandle) all.add(h);
        }
        return Collections.unmodifiableList(all);
    }

    public static String describe(RocksDBException e) {
        String m = e.getMessage();
        if (m == null && e.getStatus() != null) m = e.getStatus().getCodeString();
        return m == null ? "RocksDB error" : m;
    }

    /** Runs {@code action} at the start of {@link #close()}, e.g. to stop a background scan. */
    public void beforeClose(Runnable action) {
        beforeClose.add(action);
    }

    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        for (Runnable r : beforeClose) {
            try {
                r.run();
            } catch (RuntimeException e) {
                log.warn("a close hook of {} failed: {}", directory, e.getMessage());
            }
        }
        try {
            if (!readOnly) db.flushWal(true);
        } catch (RocksDBException e) {
            log.warn("flushing WAL of {} at close failed: {}", directory, describe(e));
        }
        for (ColumnFamilyHandle h : handles.values()) {
            if (h != defaultHandle) h.close(); // a family missing from a read-only open is the default one
        }
        defaultHandle.close();
        try {
            db.closeE();
        } catch (RocksDBException e) {
            log.warn("closing index {} failed: {}", directory, describe(e));
        }
        syncWrite.close();
        dbOptions.close();
        cfOptions.close();
        if (!readOnly) {
            DataDirModes.narrowIndexFiles(directory);
        }
    }
}
