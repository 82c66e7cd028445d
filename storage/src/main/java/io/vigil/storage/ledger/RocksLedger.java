package io.vigil.storage.ledger;

import io.vigil.storage.Ledger;
import io.vigil.storage.LedgerEntry;
import io.vigil.storage.LedgerRecord;
import io.vigil.storage.LedgerVerification;
import io.vigil.storage.StorageException;
import java.nio.ByteBuffer;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ledger in two RocksDB column families: {@code entries} (key: entry number, 8 bytes
 * big-endian) and {@code heads} (key: size covered, 8 bytes big-endian). Encoding in
 * {@link LedgerCodec}; verification in {@link LedgerVerifier}.
 *
 * <p>Appends are durable when they return. To afford a synced write per append at
 * thousands of appends per second, appenders use group commit: each appender numbers and
 * hashes its entry under a short lock and queues it; whichever appender finds no write in
 * progress becomes the leader, takes everything queued, writes it as one synced
 * {@link WriteBatch} and wakes the others. While the leader waits for the disk, the next
 * group gathers. No background thread is needed, so the ledger owns nothing to shut down.
 *
 * <p>A head is signed and stored in the same batch whenever {@link HeadPolicy} says one is
 * due (every N entries or T time), and on demand by {@link #signHead()}.
 *
 * <p>Create one instance per database: two instances appending to the same column family
 * would number entries independently and overwrite each other.
 */
public final class RocksLedger implements Ledger {
    private static final Logger log = LoggerFactory.getLogger(RocksLedger.class);

    /** When to sign a head during appends: after {@code everyEntries} new entries or {@code every} time. */
    public record HeadPolicy(long everyEntries, Duration every) {
        public static final HeadPolicy DEFAULT = new HeadPolicy(1000, Duration.ofMinutes(1));

        public HeadPolicy {
            if (everyEntries < 1) {
                throw new IllegalArgumentException("everyEntries must be at least 1");
            }
            Objects.requireNonNull(every, "every");
        }
    }

    /** Entries number and chain position: the last entry's number and hash. */
    private record Tip(long size, byte[] hash) {}

    /** One queued append. Fields after construction are guarded by {@link #lock}. */
    private static final class Pending {
        final LedgerEntry entry;
        final byte[] row;
        boolean done;
        RuntimeException failure;

        Pending(LedgerEntry entry, byte[] row) {
            this.entry = entry;
            this.row = row;
        }
    }

    private final RocksDB db;
    private final ColumnFamilyHandle entries;
    private final ColumnFamilyHandle heads;
    private final HeadSigner signer;
    private final Clock clock;
    private final HeadPolicy headPolicy;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition progress = lock.newCondition();
    // Guarded by lock:
    private Tip assigned;
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private boolean writing;
    private SignedHead lastHead;
    /** Why appends are refused (the chain's end cannot be read), or null. */
    private String appendBlocked;
    // Written under lock, read without it:
    private volatile Tip committed;

    public RocksLedger(RocksDB db, ColumnFamilyHandle entries, ColumnFamilyHandle heads, KeyPair signingKey, Clock clock) {
        this(db, entries, heads, signingKey, clock, HeadPolicy.DEFAULT);
    }

    public RocksLedger(RocksDB db, ColumnFamilyHandle entries, ColumnFamilyHandle heads, KeyPair signingKey, Clock clock,
                       HeadPolicy headPolicy) {
        this.db = Objects.requireNonNull(db, "db");
        this.entries = Objects.requireNonNull(entries, "entries");
        this.heads = Objects.requireNonNull(heads, "heads");
        this.signer = new HeadSigner(Objects.requireNonNull(signingKey, "signingKey"));
        this.clock = Objects.requireNonNull(clock, "clock");
        this.headPolicy = Objects.requireNonNull(headPolicy, "headPolicy");
        this.committed = readTip();
        this.assigned = committed;
        this.lastHead = readLatestHead().orElse(null);
    }

    // ---- appending ----

    @Override
    public LedgerEntry append(LedgerRecord record) {
        Objects.requireNonNull(record, "record");
        byte[] recordBytes = LedgerCodec.encodeRecord(record);
        Pending pending;
        lock.lock();
        try {
            if (appendBlocked != null) {
                throw new StorageException("cannot append to the ledger: " + appendBlocked
                        + "; run 'vigil ledger verify' and restore the ledger from a backup");
            }
            long number = assigned.size() + 1;
            byte[] hash = LedgerCodec.entryHash(number, assigned.hash(), recordBytes);
            LedgerEntry entry = new LedgerEntry(number, record, assigned.hash(), hash);
            pending = new Pending(entry, LedgerCodec.encodeEntryRow(number, assigned.hash(), hash, recordBytes));
            assigned = new Tip(number, hash);
            queue.add(pending);
            while (!pending.done) {
                if (!writing) {
                    writing = true;
                    writeQueuedGroup();
                } else {
                    progress.awaitUninterruptibly();
                }
            }
        } finally {
            lock.unlock();
        }
        if (pending.failure != null) {
            // A fresh exception per caller, so each stack trace shows its own call site.
            throw new StorageException(pending.failure.getMessage(), pending.failure);
        }
        return pending.entry;
    }

    /** Leader: called with the lock held and {@code writing} set; returns with the lock held. */
    private void writeQueuedGroup() {
        List<Pending> group = new ArrayList<>(queue);
        queue.clear();
        Pending last = group.get(group.size() - 1);
        SignedHead dueHead = null;
        boolean headDue = last.entry.number() - lastHeadSize() >= headPolicy.everyEntries()
                || lastHead == null
                || !clock.instant().isBefore(lastHead.time().plus(headPolicy.every()));
        RuntimeException failure = null;
        lock.unlock();
        try {
            try (WriteBatch batch = new WriteBatch(); WriteOptions sync = new WriteOptions().setSync(true)) {
                for (Pending p : group) {
                    batch.put(entries, LedgerCodec.numberKey(p.entry.number()), p.row);
                }
                if (headDue) {
                    dueHead = signer.sign(last.entry.number(), last.entry.hash(), clock.instant());
                    batch.put(heads, LedgerCodec.numberKey(dueHead.size()), LedgerCodec.encodeHeadRow(dueHead));
                }
                db.write(sync, batch);
            }
        } catch (RocksDBException e) {
            failure = new StorageException("ledger append failed, entries " + group.get(0).entry.number() + ".."
                    + last.entry.number() + " were not recorded: " + e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            // Whatever went wrong, the waiting appenders must be released, never left hanging.
            failure = new StorageException("ledger append failed, entries " + group.get(0).entry.number() + ".."
                    + last.entry.number() + " were not recorded: " + e, e);
        } finally {
            lock.lock();
        }
        if (failure == null) {
            committed = new Tip(last.entry.number(), last.entry.hash());
            if (dueHead != null) {
                lastHead = dueHead;
            }
        } else {
            log.error("{}", failure.getMessage());
            // Entries queued meanwhile chain onto the lost ones: fail them too and rewind.
            for (Pending p : queue) {
                p.failure = new StorageException("ledger append failed: an earlier entry in the chain was not recorded",
                        failure);
            }
            group.addAll(queue);
            queue.clear();
            for (Pending p : group) {
                if (p.failure == null) {
                    p.failure = failure;
                }
            }
            assigned = committed;
        }
        for (Pending p : group) {
            p.done = true;
        }
        writing = false;
        progress.signalAll();
    }

    private long lastHeadSize() {
        return lastHead == null ? 0 : lastHead.size();
    }

    @Override
    public SignedHead signHead() {
        Tip tip = committed;
        SignedHead head = signer.sign(tip.size(), tip.hash(), clock.instant());
        try (WriteOptions sync = new WriteOptions().setSync(true)) {
            db.put(heads, sync, LedgerCodec.numberKey(head.size()), LedgerCodec.encodeHeadRow(head));
        } catch (RocksDBException e) {
            throw new StorageException("could not store the signed ledger head over " + tip.size() + " entries: "
                    + e.getMessage(), e);
        }
        lock.lock();
        try {
            if (lastHead == null || head.size() >= lastHead.size()) {
                lastHead = head;
            }
        } finally {
            lock.unlock();
        }
        return head;
    }

    // ---- reading ----

    @Override
    public long size() {
        return committed.size();
    }

    @Override
    public List<LedgerEntry> range(long fromNumber, long toNumber) {
        List<LedgerEntry> result = new ArrayList<>();
        scan(Math.max(1, fromNumber), toNumber, entry -> {
            result.add(entry);
            return true;
        });
        return result;
    }

    @Override
    public List<LedgerEntry> search(Predicate<LedgerEntry> filter, int limit) {
        List<LedgerEntry> result = new ArrayList<>();
        if (limit <= 0) {
            return result;
        }
        scan(1, Long.MAX_VALUE, entry -> {
            if (filter.test(entry)) {
                result.add(entry);
            }
            return result.size() < limit;
        });
        return result;
    }

    /**
     * Visits committed entries numbered {@code fromNumber..toNumber} in order while the visitor
     * returns true. Entries still being written by a group commit are not visible yet.
     */
    private void scan(long fromNumber, long toNumber, Predicate<LedgerEntry> visitor) {
        long last = Math.min(committed.size(), toNumber);
        try (ReadOptions options = new ReadOptions(); RocksIterator it = db.newIterator(entries, options)) {
            for (it.seek(LedgerCodec.numberKey(fromNumber)); it.isValid(); it.next()) {
                byte[] key = it.key();
                if (key.length == 8 && ByteBuffer.wrap(key).getLong() > last) {
                    return;
                }
                LedgerEntry entry;
                try {
                    entry = LedgerCodec.splitEntryRow(it.value()).toEntry();
                } catch (LedgerCodec.MalformedException e) {
                    throw new StorageException("ledger entry row " + describeKey(key) + " is corrupted ("
                            + e.getMessage() + "); run 'vigil ledger verify'");
                }
                if (!visitor.test(entry)) {
                    return;
                }
            }
        }
    }

    @Override
    public Optional<SignedHead> latestSignedHead() {
        lock.lock();
        try {
            return Optional.ofNullable(lastHead);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public LedgerVerification verify() {
        long knownHeadSize = latestSignedHead().map(SignedHead::size).orElse(0L);
        return new LedgerVerifier(db, entries, heads, signer.publicKey(), knownHeadSize).verify();
    }

    /** The raw 32-byte Ed25519 public key that signs this ledger's heads. */
    public byte[] publicKey() {
        return signer.publicKey();
    }

    /**
     * The last row decides where appends continue. A damaged ledger must still open, so that
     * {@code vigil ledger verify} can name the damage: a misnumbered last row is continued from
     * its key and stored hash (the damage stays visible to verify); an unreadable one blocks
     * appends until an operator has looked.
     */
    private Tip readTip() {
        try (ReadOptions options = new ReadOptions(); RocksIterator it = db.newIterator(entries, options)) {
            it.seekToLast();
            if (!it.isValid()) {
                return new Tip(0, LedgerCodec.genesisHash());
            }
            long key;
            try {
                key = LedgerCodec.numberFromKey(it.key());
            } catch (LedgerCodec.MalformedException e) {
                appendBlocked = "the last ledger row has a malformed key";
                return new Tip(0, LedgerCodec.genesisHash());
            }
            try {
                LedgerCodec.EntryRow row = LedgerCodec.splitEntryRow(it.value());
                if (row.number() != key) {
                    log.error("ledger is damaged: the last row ({}) holds entry {}; run 'vigil ledger verify'",
                            key, row.number());
                }
                return new Tip(key, row.hash());
            } catch (LedgerCodec.MalformedException e) {
                appendBlocked = "ledger entry " + key + " is unreadable (" + e.getMessage() + ")";
                return new Tip(key, LedgerCodec.genesisHash());
            }
        }
    }

    private Optional<SignedHead> readLatestHead() {
        try (ReadOptions options = new ReadOptions(); RocksIterator it = db.newIterator(heads, options)) {
            it.seekToLast();
            if (!it.isValid()) {
                return Optional.empty();
            }
            return Optional.of(LedgerCodec.decodeHeadRow(it.value()));
        } catch (LedgerCodec.MalformedException e) {
            log.warn("latest signed ledger head is unreadable ({}); 'vigil ledger verify' will report it", e.getMessage());
            return Optional.empty();
        }
    }

    private static String describeKey(byte[] key) {
        try {
            return Long.toString(LedgerCodec.numberFromKey(key));
        } catch (LedgerCodec.MalformedException e) {
            return java.util.HexFormat.of().formatHex(key);
        }
    }
}
