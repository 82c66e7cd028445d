package io.vigil.storage.ledger;

import io.vigil.storage.Ledger;
import io.vigil.storage.LedgerVerification;
import io.vigil.storage.StorageException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Snapshot;

/**
 * Checks the whole chain and every signed head in one pass over a RocksDB snapshot and
 * reports the first entry found edited, deleted, inserted or reordered.
 *
 * <p>What the chain alone can localize: an edited entry whose hash was not recomputed
 * (its hash no longer matches), a deleted row (a gap in numbers), rows moved to other
 * numbers (a row whose stored number differs from its key: swaps, deletions and insertions
 * with the later rows shifted), an inserted entry (the entry after it links to the one
 * before it), and an edited entry whose hash was recomputed (the next entry still links to
 * the original hash). A forger who recomputes the whole rest of the chain is caught by the
 * signed heads, which localize the change to the span since the last head that still
 * matches. Entries after the newest signed head are protected by the chain only.
 *
 * <p>Why one class of about 550 lines: its one job is the verdict of one pass, and the parts
 * share that pass's state (the snapshot, the head rows read once, the last head that still
 * matched, the first problem found) and its ordering rule (the earliest problem wins when
 * ranges are checked on several threads). Split into a head checker and a chain walker, each
 * would need the other's running state for every entry: a head is checked at the entry it
 * covers, and a deleted-heads stretch is only known while walking the chain. The message of
 * every tamper case is documented in docs/ledger.md and asserted in LedgerTamperTest.
 */
final class LedgerVerifier {
    private final RocksDB db;
    private final ColumnFamilyHandle entries;
    private final ColumnFamilyHandle heads;
    private final byte[] trustedPublicKey;
    private final long knownSignedHeadSize;
    /** Below this many entries one thread is quicker than starting others. */
    private static final long PARALLEL_THRESHOLD = 50_000;
    private static final int MAX_THREADS = 4;
    private final long parallelThreshold;
    private final int threads;
    /** Decoded once: decoding an Ed25519 point costs about as much as a signature check. */
    private Ed25519PublicKeyParameters decodedPublicKey;
    /** The writer signs a head at least this often (entries); a longer stretch without one means heads were deleted. */
    private long maxEntriesWithoutHead = Long.MAX_VALUE;
    /** The latest signed head as kept outside the data directory, or null when none is configured. */
    private ExternalHead external;

    /**
     * The copy of the latest signed head kept outside the data directory.
     *
     * @param place      where it is kept, for messages
     * @param head       the head, or empty when the copy does not exist
     * @param unreadable why the copy could not be read, or null
     */
    record ExternalHead(String place, Optional<Ledger.SignedHead> head, String unreadable) {}

    /** A head row, or why it could not be read. */
    private record HeadRow(long key, Ledger.SignedHead head, String malformed) {}

    /** Stops the scan with a result. */
    private static final class Found extends Exception {
        final LedgerVerification result;

        Found(LedgerVerification result) {
            super(null, null, false, false);
            this.result = result;
        }
    }

    /**
     * @param trustedPublicKey    raw Ed25519 key that must have signed every head (the keystore's)
     * @param knownSignedHeadSize size of the newest head this process signed, so deleting it is noticed
     */
    LedgerVerifier(RocksDB db, ColumnFamilyHandle entries, ColumnFamilyHandle heads, byte[] trustedPublicKey,
                   long knownSignedHeadSize) {
        this.db = db;
        this.entries = entries;
        this.heads = heads;
        this.trustedPublicKey = trustedPublicKey;
        this.knownSignedHeadSize = knownSignedHeadSize;
        this.parallelThreshold = PARALLEL_THRESHOLD;
        this.threads = Math.max(1, Math.min(MAX_THREADS, Runtime.getRuntime().availableProcessors()));
    }

    /** For tests: split ledgers of at least {@code parallelThreshold} entries into {@code threads} ranges. */
    LedgerVerifier(RocksDB db, ColumnFamilyHandle entries, ColumnFamilyHandle heads, byte[] trustedPublicKey,
                   long knownSignedHeadSize, long parallelThreshold, int threads) {
        this.db = db;
        this.entries = entries;
        this.heads = heads;
        this.trustedPublicKey = trustedPublicKey;
        this.knownSignedHeadSize = knownSignedHeadSize;
        this.parallelThreshold = parallelThreshold;
        this.threads = threads;
    }

    /** Requires a signed head at least every {@code entries} entries (the writer's {@code HeadPolicy}). */
    LedgerVerifier requireHeadEvery(long entries) {
        this.maxEntriesWithoutHead = entries;
        return this;
    }

    /** Requires the chain to run through the head kept outside the data directory. */
    LedgerVerifier withExternalHead(ExternalHead external) {
        this.external = external;
        return this;
    }

    LedgerVerification verify() {
        return verifyFrom(0);
    }

    /**
     * Checks only from the signed head over {@code start} entries on (all when 0): the head's
     * signature and hash, the links after it, the head cadence and the external head. Used at
     * start, before a new head is signed over entries no head vouches for yet.
     */
    LedgerVerification verifyFrom(long start) {
        if (trustedPublicKey.length != Ed25519PublicKeyParameters.KEY_SIZE) {
            throw new IllegalArgumentException("the ledger's public key must be 32 raw Ed25519 bytes");
        }
        decodedPublicKey = new Ed25519PublicKeyParameters(trustedPublicKey, 0);
        Snapshot snapshot = db.getSnapshot();
        // A sequential pass: read ahead, and do not push the block cache's hot data out.
        try (ReadOptions options = new ReadOptions().setSnapshot(snapshot).setReadaheadSize(4 << 20).setFillCache(false)) {
            return start == 0 ? run(options) : runFrom(options, start);
        } finally {
            db.releaseSnapshot(snapshot);
        }
    }

    /**
     * Large ledgers are checked in contiguous number ranges on several threads (reading
     * RocksDB rows costs more than hashing them). Each range starts from the stored hashes of
     * the two rows before it; a range whose predecessor is damaged may report a follow-on
     * problem, but ranges are merged in order, so the earliest problem is the one reported.
     */
    private LedgerVerification run(ReadOptions options) {
        TreeMap<Long, HeadRow> headRows = readHeads(options);
        long lastKey = lastKey(options);
        int threads = lastKey < parallelThreshold || lastKey < this.threads ? 1 : this.threads;
        List<Pass> passes = new ArrayList<>(threads);
        long from = 1;
        for (int i = 0; i < threads; i++) {
            long to = i == threads - 1 ? Long.MAX_VALUE : from + lastKey / threads - 1;
            passes.add(new Pass(options, headRows, from, to, i == 0));
            from = to + 1;
        }
        runAll(passes);
        long headsChecked = 0;
        for (Pass pass : passes) {
            headsChecked += pass.headsChecked;
            if (pass.problem != null) {
                LedgerVerification found = pass.problem.result;
                return new LedgerVerification(found.entries(), headsChecked, found.firstBadEntry(), found.problem());
            }
        }
        return finish(passes.get(passes.size() - 1), headRows, headsChecked);
    }

    private LedgerVerification runFrom(ReadOptions options, long start) {
        TreeMap<Long, HeadRow> headRows = readHeads(options);
        Pass tail = new Pass(options, headRows, start + 1, Long.MAX_VALUE, false);
        HeadRow startHead = headRows.get(start);
        try {
            if (startHead == null) {
                throw tail.found(Optional.of(start + 1), "the signed head over " + start + " entries is missing");
            }
            tail.checkHead(startHead, tail.storedHashOf(start));
        } catch (Found f) {
            return f.result;
        }
        tail.run();
        if (tail.failure != null) {
            throw new StorageException("ledger verification failed to read the database: " + tail.failure, tail.failure);
        }
        if (tail.problem != null) {
            return tail.problem.result;
        }
        return finish(tail, headRows, tail.headsChecked);
    }

    /** After a sound chain: heads beyond its end, the external head, the head this process signed. */
    private LedgerVerification finish(Pass last, TreeMap<Long, HeadRow> headRows, long headsChecked) {
        long size = last.reached;
        try {
            last.checkHeadsBeyond(size);
            if (external != null) {
                last.checkExternalHead(size, headRows);
            }
            if (knownSignedHeadSize > 0 && !headRows.containsKey(knownSignedHeadSize)) {
                throw last.found(Optional.empty(), "the head over " + knownSignedHeadSize
                        + " entries signed by this server has been deleted from the ledger");
            }
        } catch (Found f) {
            return new LedgerVerification(size, headsChecked, f.result.firstBadEntry(), f.result.problem());
        }
        return new LedgerVerification(size, headsChecked, Optional.empty(), null);
    }

    private static void runAll(List<Pass> passes) {
        if (passes.size() == 1) {
            passes.get(0).run();
            return;
        }
        List<Thread> threads = new ArrayList<>();
        for (int i = 1; i < passes.size(); i++) {
            Thread thread = new Thread(passes.get(i)::run, "ledger-verify-" + i);
            thread.setDaemon(true);
            thread.start();
            threads.add(thread);
        }
        passes.get(0).run();
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StorageException("ledger verification was interrupted");
            }
        }
        for (Pass pass : passes) {
            if (pass.failure != null) {
                throw new StorageException("ledger verification failed to read the database: " + pass.failure, pass.failure);
            }
        }
    }

    private long lastKey(ReadOptions options) {
        try (RocksIterator it = db.newIterator(entries, options)) {
            it.seekToLast();
            if (!it.isValid()) {
                return 0;
            }
            byte[] key = it.key();
            // A malformed key: check everything in one pass, which will name it.
            return key.length == 8 ? ByteBuffer.wrap(key).getLong() : 0;
        }
    }

    private TreeMap<Long, HeadRow> readHeads(ReadOptions options) {
        TreeMap<Long, HeadRow> rows = new TreeMap<>();
        try (RocksIterator it = db.newIterator(heads, options)) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                long key;
                try {
                    key = LedgerCodec.numberFromKey(it.key());
                } catch (LedgerCodec.MalformedException e) {
                    rows.put(Long.MAX_VALUE, new HeadRow(Long.MAX_VALUE, null,
                            "a signed-head row has a malformed key " + HexFormat.of().formatHex(it.key())));
                    continue;
                }
                try {
                    Ledger.SignedHead head = LedgerCodec.decodeHeadRow(it.value());
                    rows.put(key, head.size() == key ? new HeadRow(key, head, null)
                            : new HeadRow(key, null, "the signed-head row " + key + " holds a head over "
                                    + head.size() + " entries (moved)"));
                } catch (LedgerCodec.MalformedException e) {
                    rows.put(key, new HeadRow(key, null, "the signed-head row " + key + " is unreadable ("
                            + e.getMessage() + ")"));
                }
            }
        }
        return rows;
    }

    /** Checks entries {@code from..to}; the first pass also checks a head over zero entries. */
    private final class Pass implements Runnable {
        private final ReadOptions options;
        private final TreeMap<Long, HeadRow> headRows;
        private final long from;
        private final long to;
        private final boolean first;
        private long checked;
        private long headsChecked;
        private long lastGoodHeadSize;
        /** Number of the last row reached (the ledger's size for the last pass). */
        long reached;
        Found problem;
        RuntimeException failure;

        Pass(ReadOptions options, TreeMap<Long, HeadRow> headRows, long from, long to, boolean first) {
            this.options = options;
            this.headRows = headRows;
            this.from = from;
            this.to = to;
            this.first = first;
            // Ranges before this one are either sound (then every head in them verified) or
            // report an earlier problem that wins the merge.
            Long earlierHead = headRows.floorKey(from - 1);
            this.lastGoodHeadSize = earlierHead == null || earlierHead == Long.MAX_VALUE ? 0 : earlierHead;
            this.checked = from - 1;
        }

        @Override
        public void run() {
            try {
                reached = checkChain();
            } catch (Found f) {
                problem = f;
            } catch (RuntimeException e) {
                failure = e;
            }
        }

        /** Walks entries {@code from..to} in order; returns the last number reached. */
        private long checkChain() throws Found {
            long expected = from;
            byte[] previous = from == 1 ? LedgerCodec.genesisHash() : storedHashOf(from - 1);
            byte[] beforePrevious = from == 1 ? null : from == 2 ? LedgerCodec.genesisHash() : storedHashOf(from - 2);
            HeadRow headAtZero = headRows.get(0L);
            if (first && headAtZero != null) {
                checkHead(headAtZero, previous);
            }
            // The hot loop reads rows through direct buffers and hashes in place: no per-row
            // allocation apart from the digest output. Anything unusual is re-read the slow way
            // (splitEntryRow) to be classified.
            MessageDigest sha = LedgerCodec.sha256();
            ByteBuffer keyBuffer = ByteBuffer.allocateDirect(16);
            ByteBuffer value = ByteBuffer.allocateDirect(64 * 1024);
            byte[] storedPrevious = new byte[LedgerCodec.HASH_LENGTH];
            byte[] storedHash = new byte[LedgerCodec.HASH_LENGTH];
            ByteBuffer numberBytes = ByteBuffer.allocate(8);
            // Sizes of the heads in ascending order, walked alongside the chain (no map lookup per row).
            long[] headSizes = headRows.subMap(from, true, to, true).keySet().stream().mapToLong(Long::longValue)
                    .toArray();
            int nextHead = 0;
            try (RocksIterator it = db.newIterator(entries, options)) {
                for (it.seek(LedgerCodec.numberKey(from)); it.isValid() && expected <= to; it.next(), expected++) {
                    keyBuffer.clear();
                    if (it.key(keyBuffer) != 8) {
                        throw bad(expected, "a row with a malformed key (" + HexFormat.of().formatHex(it.key())
                                + ") sits where entry " + expected + " should be (inserted)");
                    }
                    long key = keyBuffer.getLong(0);
                    if (key != expected) {
                        throw bad(expected, expected == 1
                                ? "entry 1 is missing: the ledger starts at entry " + key + " (deleted)"
                                : "entry " + expected + " is missing: entry " + (expected - 1) + " is followed by entry "
                                        + key + " (deleted)");
                    }
                    value.clear();
                    int length = it.value(value);
                    if (length > value.capacity()) {
                        value = ByteBuffer.allocateDirect(Integer.highestOneBit(length) * 2);
                        length = it.value(value);
                    }
                    if (length <= LedgerCodec.ENTRY_HEADER_LENGTH || value.get(0) != LedgerCodec.ROW_VERSION) {
                        throw unreadable(key, it.value());
                    }
                    long number = value.getLong(1);
                    value.get(9, storedPrevious).get(9 + LedgerCodec.HASH_LENGTH, storedHash);
                    if (number != key) {
                        throw misplaced(key, split(key, it.value()), beforePrevious);
                    }
                    numberBytes.putLong(0, number);
                    sha.update(numberBytes.array());
                    sha.update(storedPrevious);
                    value.position(LedgerCodec.ENTRY_HEADER_LENGTH).limit(length);
                    sha.update(value);
                    if (!MessageDigest.isEqual(sha.digest(), storedHash)) {
                        throw bad(key, "entry " + key + " was edited: its contents no longer match its hash");
                    }
                    if (!MessageDigest.isEqual(storedPrevious, previous)) {
                        throw brokenLink(key, split(key, it.value()), beforePrevious);
                    }
                    checked = key;
                    if (nextHead < headSizes.length && headSizes[nextHead] == key) {
                        checkHead(headRows.get(key), storedHash);
                        nextHead++;
                    }
                    if (key - lastGoodHeadSize > maxEntriesWithoutHead) {
                        throw headsMissing(key);
                    }
                    // Rotate the three hash buffers instead of allocating.
                    byte[] recycled = beforePrevious == null ? new byte[LedgerCodec.HASH_LENGTH] : beforePrevious;
                    beforePrevious = previous;
                    previous = storedHash;
                    storedHash = recycled;
                }
            }
            return expected - 1;
        }

        /** More entries than the writer's cadence allows follow the last valid head. */
        private Found headsMissing(long key) {
            return found(Optional.of(lastGoodHeadSize + 1), "no valid signed head covers entries "
                    + (lastGoodHeadSize + 1) + ".." + key + ", but a head is signed at least every "
                    + maxEntriesWithoutHead + " entries: signed heads were deleted, and entries after " + lastGoodHeadSize
                    + " may have been deleted, inserted, edited or reordered with the later hashes recomputed");
        }

        /** The chain (of {@code size} entries, sound) must run through the head kept outside the data directory. */
        void checkExternalHead(long size, TreeMap<Long, HeadRow> headRows) throws Found {
            String place = external.place();
            if (external.unreadable() != null) {
                throw found(Optional.empty(), "the copy of the latest signed head at " + place + " is unreadable ("
                        + external.unreadable() + ")");
            }
            if (external.head().isEmpty()) {
                if (size > 0 || !headRows.isEmpty()) {
                    throw found(Optional.empty(), "the copy of the latest signed head expected at " + place
                            + " is missing (it is rewritten with every head; restore it from a backup, or check the"
                            + " ledger against a copy kept elsewhere with 'vigil ledger verify --head LINE')");
                }
                return;
            }
            Ledger.SignedHead head = external.head().get();
            if (!validSignature(head)) {
                throw found(Optional.empty(), "the signed head kept at " + place + " (over " + head.size()
                        + " entries, signed " + head.time() + ") has an invalid signature: it was forged or altered");
            }
            if (head.size() > size) {
                throw found(Optional.of(size + 1), "entries " + (size + 1) + ".." + head.size()
                        + " were removed: the head kept at " + place + " (signed " + head.time() + ") covers "
                        + head.size() + " entries but the ledger ends at entry " + size + " (rolled back or truncated)");
            }
            if (head.size() > 0 && !MessageDigest.isEqual(storedHashOf(head.size()), head.headHash())) {
                Long earlier = headRows.floorKey(head.size() - 1);
                long from = earlier == null || earlier == Long.MAX_VALUE ? 1 : earlier + 1;
                throw found(Optional.of(from), "entries " + from + ".." + head.size() + " no longer match the head kept at "
                        + place + " (signed " + head.time() + "): an entry among them was deleted, inserted, edited or "
                        + "reordered and the later hashes recomputed");
            }
        }

        /** The stored hash of a row before this range; zeros if unreadable (the earlier range reports it). */
        byte[] storedHashOf(long number) {
            return rowAt(number).map(LedgerCodec.EntryRow::hash).orElseGet(LedgerCodec::genesisHash);
        }

        private LedgerCodec.EntryRow split(long key, byte[] row) throws Found {
            try {
                return LedgerCodec.splitEntryRow(row);
            } catch (LedgerCodec.MalformedException e) {
                throw unreadable(key, row);
            }
        }

        private Found unreadable(long key, byte[] row) {
            String why;
            try {
                LedgerCodec.splitEntryRow(row);
                why = "unknown layout";
            } catch (LedgerCodec.MalformedException e) {
                why = e.getMessage();
            }
            return bad(key, "entry " + key + " is unreadable (" + why + "): it was altered");
        }

        /** Row stored under {@code key} claims another number: moved, swapped, inserted or deleted-and-shifted. */
        private Found misplaced(long key, LedgerCodec.EntryRow row, byte[] beforePrevious) {
            long claimed = row.number();
            if (claimed > key) {
                Optional<LedgerCodec.EntryRow> there = rowAt(claimed);
                if (there.isPresent() && there.get().number() == key) {
                    return bad(key, "entries " + key + " and " + claimed + " were swapped (reordered)");
                }
                return bad(key, "entry " + key + " is missing: its place holds entry " + claimed
                        + " (entries deleted and later ones moved up)");
            }
            if (claimed == key - 1 && beforePrevious != null
                    && MessageDigest.isEqual(row.previousHash(), beforePrevious)) {
                return bad(key - 1, "entry " + (key - 1) + " was inserted: the original entry " + claimed
                        + " now sits at position " + key + " and still links to entry " + (key - 2));
            }
            return bad(key, "entry " + key + " is out of place: position " + key + " holds entry " + claimed
                    + " (entries reordered or duplicated)");
        }

        /** Entry {@code key} does not link to the hash of the entry before it. */
        private Found brokenLink(long key, LedgerCodec.EntryRow row, byte[] beforePrevious) {
            if (key == 1) {
                return bad(1, "entry 1 does not start the chain (its previous hash is not the genesis value): "
                        + "entries before it were removed or it was replaced");
            }
            if (beforePrevious != null && MessageDigest.isEqual(row.previousHash(), beforePrevious)) {
                return bad(key - 1, "entry " + (key - 1) + " was inserted: entry " + key + " links directly to entry "
                        + (key - 2));
            }
            return bad(key - 1, "entry " + key + " does not link to entry " + (key - 1) + ": entry " + (key - 1)
                    + " was altered and its hash recomputed, or entries around it were removed, inserted or "
                    + "renumbered");
        }

        void checkHead(HeadRow row, byte[] entryHash) throws Found {
            if (row.malformed() != null) {
                throw found(Optional.of(lastGoodHeadSize + 1), row.malformed() + "; entries after "
                        + lastGoodHeadSize + " are not vouched for by a valid signed head");
            }
            Ledger.SignedHead head = row.head();
            if (!validSignature(head)) {
                throw found(Optional.of(lastGoodHeadSize + 1), "the signed head over entries 1.." + head.size()
                        + " (signed " + head.time() + ") has an invalid signature: it was forged or altered; entries "
                        + (lastGoodHeadSize + 1) + ".." + head.size() + " are not vouched for");
            }
            if (!MessageDigest.isEqual(head.headHash(), entryHash)) {
                throw found(Optional.of(lastGoodHeadSize + 1), "entries " + (lastGoodHeadSize + 1) + ".." + head.size()
                        + " no longer match the head signed " + head.time() + ": an entry among them was edited, "
                        + "removed, inserted or reordered and the later hashes recomputed");
            }
            headsChecked++;
            lastGoodHeadSize = head.size();
        }

        /** Heads that cover more entries than exist: the tail was cut off (or the head is forged). */
        private void checkHeadsBeyond(long size) throws Found {
            for (Map.Entry<Long, HeadRow> e : headRows.tailMap(size, false).entrySet()) {
                HeadRow row = e.getValue();
                if (row.malformed() != null) {
                    throw found(Optional.of(size + 1), row.malformed());
                }
                Ledger.SignedHead head = row.head();
                if (!validSignature(head)) {
                    throw found(Optional.of(size + 1), "the signed head over entries 1.." + head.size()
                            + " (signed " + head.time() + ") has an invalid signature: it was forged or altered");
                }
                throw found(Optional.of(size + 1), "entries " + (size + 1) + ".." + head.size()
                        + " were removed: the head signed " + head.time() + " covers " + head.size()
                        + " entries but the ledger ends at entry " + size + " (truncated)");
            }
        }

        private boolean validSignature(Ledger.SignedHead head) {
            return MessageDigest.isEqual(head.publicKey(), trustedPublicKey) && HeadSigner.verify(head, decodedPublicKey);
        }

        private Optional<LedgerCodec.EntryRow> rowAt(long number) {
            try {
                byte[] value = db.get(entries, options, LedgerCodec.numberKey(number));
                return value == null ? Optional.empty() : Optional.of(LedgerCodec.splitEntryRow(value));
            } catch (RocksDBException | LedgerCodec.MalformedException e) {
                return Optional.empty();
            }
        }

        private Found bad(long entry, String problem) {
            return found(Optional.of(entry), problem);
        }

        Found found(Optional<Long> entry, String problem) {
            return new Found(new LedgerVerification(checked, headsChecked, entry, problem));
        }
    }
}
