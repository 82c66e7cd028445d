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
 *
 * <p>Why over 500 lines: the group commit (numbering, hashing, queueing, leading a synced
 * batch, rewinding on a failed write) and the head due inside the same batch share one lock
 * and one "last durable entry" state, which must change together; reads ({@code range},
 * {@code search}) only ever see what that state calls durable. Signing is already in
 * {@link HeadSigner}, the head copy in {@link HeadCopy}, encoding in {@link LedgerCodec} and
 * checking in {@link LedgerVerifier}; what remains here is the writer and its readers.
 */
public final class RocksLedger implements Ledger, AutoCloseable {
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
    /** The copy of the latest head outside the data directory, or null (tests of the chain alone). */
    private final HeadCopy headCopy;
    /** Why no head may be signed (the start check failed), or null. Heads over a forged chain would vouch for it. */
    private volatile String signingBlocked;
    private final long sizeAtOpen;
    private final boolean readOnly;

    public RocksLedger(RocksDB db, ColumnFamilyHandle entries, ColumnFamilyHandle heads, KeyPair signingKey, Clock clock) {
        this(db, entries, heads, signingKey, clock, HeadPolicy.DEFAULT);
    }

    public RocksLedger(RocksDB db, ColumnFamilyHandle entries, ColumnFamilyHandle heads, KeyPair signingKey, Clock clock,
                       HeadPolicy headPolicy) {
        this(db, entries, heads, signingKey, clock, headPolicy, null);
    }

    /**
     * @param headCopyFile where the latest signed head is also kept, outside the data directory
     *                     (beside the keystore); null keeps none (tests of the chain alone)
     */
    public RocksLedger(RocksDB db, ColumnFamilyHandle entries, ColumnFamilyHandle heads, KeyPair signingKey, Clock clock,
                       HeadPolicy headPolicy, java.nio.file.Path headCopyFile) {
        this(db, entries, heads, signingKey, clock, headPolicy, headCopyFile, false);
    }

    /** @param readOnly nothing is written at open or close (the head copy included): read-only commands */
    public RocksLedger(RocksDB db, ColumnFamilyHandle entries, ColumnFamilyHandle heads, KeyPair signingKey, Clock clock,
                       HeadPolicy headPolicy, java.nio.file.Path headCopyFile, boolean readOnly) {
        this.readOnly = readOnly;
        this.headCopy = headCopyFile == null ? null : new HeadCopy(headCopyFile);
        this.db = Objects.requireNonNull(db, "db");
        this.entries = Objects.requireNonNull(entries, "entries");
        this.heads = Objects.requireNonNull(heads, "heads");
        this.signer = new HeadSigner(Objects.requireNonNull(signingKey, "signingKey"));
        this.clock = Objects.requireNonNull(clock, "clock");
        this.headPolicy = Objects.requireNonNull(headPolicy, "headPolicy");
        this.committed = readTip();
        this.assigned = committed;
        this.lastHead = readLatestHead().orElse(null);
        this.sizeAtOpen = committed.size();
        checkBeforeSigning();
    }

    /**
     * At start, before any new head is signed: the chain from the newest signed head to its
     * end, the head cadence and the copy kept outside the data directory must verify.
     * Otherwise a head signed now would vouch for entries forged while Vigil was stopped, so
     * heads stay unsigned (appends continue; {@code vigil ledger verify} names the damage).
     */
    private void checkBeforeSigning() {
        if (appendBlocked != null) {
            signingBlocked = appendBlocked;
            return;
        }
        long start = lastHead == null ? 0 : lastHead.size();
        LedgerVerifier verifier = verifier();
        boolean copyMissing = false;
        if (headCopy != null) {
            LedgerVerifier.ExternalHead copy = readHeadCopy();
            // A copy lost with the keystore's folder (an operator's mishap: nobody with only the
            // data directory can delete it) must not stop head signing for good: the chain is
            // checked without it, the loss is logged loudly, and the next head rewrites it.
            copyMissing = copy.head().isEmpty() && copy.unreadable() == null;
            verifier = copyMissing ? verifierWithoutCopy() : verifier;
        }
        LedgerVerification v = verifier.verifyFrom(start);
        if (!v.ok()) {
            signingBlocked = v.problem();
            log.error("the ledger does not verify from its newest signed head on: {}; no new head will be signed"
                    + " over it. Run 'vigil ledger verify'", v.problem());
        } else if (copyMissing && (lastHead != null || committed.size() > 0)) {
            log.error("the copy of the latest signed ledger head, {}, is missing; 'vigil ledger verify' fails until it is"
                    + " rewritten{}", headCopy.file(), readOnly ? "" : " (now)");
            if (!readOnly && lastHead != null) {
                copyOutside(lastHead);
            }
        }
    }

    /** Why heads are not being signed (the start check found the ledger damaged), if they are not. */
    @Override
    public Optional<String> signingBlocked() {
        return Optional.ofNullable(signingBlocked);
    }

    /** Where the latest signed head is also kept, if anywhere. */
    @Override
    public Optional<java.nio.file.Path> headCopyFile() {
        return headCopy == null ? Optional.empty() : Optional.of(headCopy.file());
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
        SignedHead lastKnownHead = lastHead;
        RuntimeException failure = null;
        List<SignedHead> signed = new ArrayList<>();
        lock.unlock();
        try {
            writeBatch(group, lastKnownHead, signed);
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
            if (!signed.isEmpty() && (lastHead == null || signed.get(signed.size() - 1).size() >= lastHead.size())) {
                lastHead = signed.get(signed.size() - 1);
            }
        } else {
            failQueued(group, failure);
        }
        for (Pending p : group) {
            p.done = true;
        }
        writing = false;
        progress.signalAll();
    }

    /**
     * Writes the group's rows, and every head due among them, as one synced batch; adds the
     * heads signed to {@code signed}. Runs without the lock.
     */
    private void writeBatch(List<Pending> group, SignedHead lastKnownHead, List<SignedHead> signed)
            throws RocksDBException {
        Pending last = group.get(group.size() - 1);
        try (WriteBatch batch = new WriteBatch(); WriteOptions sync = new WriteOptions().setSync(true)) {
            long headSize = lastKnownHead == null ? -1 : lastKnownHead.size();
            for (Pending p : group) {
                batch.put(entries, LedgerCodec.numberKey(p.entry.number()), p.row);
                // A head exactly every N entries, so the verifier can require that cadence.
                boolean due = headSize < 0 || p.entry.number() - headSize >= headPolicy.everyEntries()
                        || (p == last && !clock.instant().isBefore(lastKnownHead.time().plus(headPolicy.every())));
                if (due && signingBlocked == null) {
                    SignedHead head = signer.sign(p.entry.number(), p.entry.hash(), clock.instant());
                    batch.put(heads, LedgerCodec.numberKey(head.size()), LedgerCodec.encodeHeadRow(head));
                    signed.add(head);
                    headSize = head.size();
                }
            }
            db.write(sync, batch);
        }
        if (!signed.isEmpty()) {
            copyOutside(signed.get(signed.size() - 1));
        }
    }

    /**
     * The group was not written: it fails, and so does everything queued meanwhile (it chains
     * onto the lost entries); numbering rewinds to the last durable entry. Lock held.
     */
    private void failQueued(List<Pending> group, RuntimeException failure) {
        log.error("{}", failure.getMessage());
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

    private long lastHeadSize() {
        return lastHead == null ? 0 : lastHead.size();
    }

    /** Keeps {@code head} outside the data directory too; a failure is logged, the head stays valid in the index. */
    private void copyOutside(SignedHead head) {
        if (headCopy == null) {
            return;
        }
        try {
            headCopy.write(head);
        } catch (java.io.IOException | RuntimeException e) {
            log.error("could not write the copy of the latest signed ledger head to {}: {}", headCopy.file(),
                    e.getMessage());
        }
    }

    @Override
    public SignedHead signHead() {
        if (signingBlocked != null) {
            throw new StorageException("no ledger head is signed while the ledger does not verify: " + signingBlocked
                    + "; run 'vigil ledger verify'");
        }
        Tip tip = committed;
        SignedHead head = signer.sign(tip.size(), tip.hash(), clock.instant());
        try (WriteOptions sync = new WriteOptions().setSync(true)) {
            db.put(heads, sync, LedgerCodec.numberKey(head.size()), LedgerCodec.encodeHeadRow(head));
        } catch (RocksDBException e) {
            throw new StorageException("could not store the signed ledger head over " + tip.size() + " entries: "
                    + e.getMessage(), e);
        }
        copyOutside(head);
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

    /**
     * Clean shutdown: signs a head over every entry this process appended, so the copy
     * outside the data directory covers the whole ledger while Vigil is stopped. A process
     * that appended nothing (a read-only command) writes nothing.
     */
    @Override
    public void close() {
        if (!readOnly && committed.size() > sizeAtOpen && signingBlocked == null
                && committed.size() > latestSignedHead().map(SignedHead::size).orElse(0L)) {
            try {
                signHead();
            } catch (RuntimeException e) {
                log.error("could not sign the ledger head at shutdown: {}", e.getMessage());
            }
        }
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
        return verifier().verify();
    }

    /** As {@link #verify()}, and the chain must also run through {@code keptElsewhere} (a head an operator kept). */
    @Override
    public LedgerVerification verifyAgainst(SignedHead keptElsewhere, String place) {
        return new LedgerVerifier(db, entries, heads, signer.publicKey(), knownHeadSize())
                .requireHeadEvery(headPolicy.everyEntries())
                .withExternalHead(new LedgerVerifier.ExternalHead(place, Optional.of(keptElsewhere), null))
                .verify();
    }

    private long knownHeadSize() {
        return latestSignedHead().map(SignedHead::size).orElse(0L);
    }

    private LedgerVerifier verifierWithoutCopy() {
        return new LedgerVerifier(db, entries, heads, signer.publicKey(), knownHeadSize())
                .requireHeadEvery(headPolicy.everyEntries());
    }

    private LedgerVerifier verifier() {
        LedgerVerifier verifier = new LedgerVerifier(db, entries, heads, signer.publicKey(), knownHeadSize())
                .requireHeadEvery(headPolicy.everyEntries());
        if (headCopy != null) {
            verifier.withExternalHead(readHeadCopy());
        }
        return verifier;
    }

    private LedgerVerifier.ExternalHead readHeadCopy() {
        String place = headCopy.file().toString();
        try {
            return new LedgerVerifier.ExternalHead(place, headCopy.read(), null);
        } catch (java.io.IOException e) {
            return new LedgerVerifier.ExternalHead(place, Optional.empty(), e.getMessage());
        }
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
