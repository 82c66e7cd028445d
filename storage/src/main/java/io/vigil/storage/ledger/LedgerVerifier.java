package io.vigil.storage.ledger;

import io.vigil.storage.Ledger;
import io.vigil.storage.LedgerVerification;
import io.vigil.storage.Reason;
import io.vigil.storage.StorageException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
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
 * <p>This class sets up one verification (snapshot, head rows read once, ranges for threads,
 * the external head and the head this process signed) and merges the verdicts; the walk
 * over the entries is {@link ChainPass}.
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
        TreeMap<Long, ChainPass.HeadRow> headRows = readHeads(options);
        long lastKey = lastKey(options);
        int threads = lastKey < parallelThreshold || lastKey < this.threads ? 1 : this.threads;
        List<ChainPass> passes = new ArrayList<>(threads);
        long from = 1;
        for (int i = 0; i < threads; i++) {
            long to = i == threads - 1 ? Long.MAX_VALUE : from + lastKey / threads - 1;
            passes.add(new ChainPass(scope(options, headRows), from, to, i == 0));
            from = to + 1;
        }
        runAll(passes);
        long headsChecked = 0;
        for (ChainPass pass : passes) {
            headsChecked += pass.headsChecked;
            if (pass.problem != null) {
                LedgerVerification found = pass.problem.result;
                return new LedgerVerification(found.entries(), headsChecked, found.firstBadEntry(), found.reason());
            }
        }
        return finish(passes.get(passes.size() - 1), headRows, headsChecked);
    }

    private LedgerVerification runFrom(ReadOptions options, long start) {
        TreeMap<Long, ChainPass.HeadRow> headRows = readHeads(options);
        ChainPass tail = new ChainPass(scope(options, headRows), start + 1, Long.MAX_VALUE, false);
        ChainPass.HeadRow startHead = headRows.get(start);
        try {
            if (startHead == null) {
                throw tail.found(Optional.of(start + 1), Reason.of("ledger.problem.startHeadMissing", "size", start));
            }
            tail.checkHead(startHead, tail.storedHashOf(start));
        } catch (ChainPass.Found f) {
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
    private LedgerVerification finish(ChainPass last, TreeMap<Long, ChainPass.HeadRow> headRows, long headsChecked) {
        long size = last.reached;
        try {
            last.checkHeadsBeyond(size);
            if (external != null) {
                checkExternalHead(last, size, headRows);
            }
            if (knownSignedHeadSize > 0 && !headRows.containsKey(knownSignedHeadSize)) {
                throw last.found(Optional.empty(), Reason.of("ledger.problem.ownHeadDeleted", "size", knownSignedHeadSize));
            }
        } catch (ChainPass.Found f) {
            return new LedgerVerification(size, headsChecked, f.result.firstBadEntry(), f.result.reason());
        }
        return new LedgerVerification(size, headsChecked, Optional.empty(), null);
    }

    private static void runAll(List<ChainPass> passes) {
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
        for (ChainPass pass : passes) {
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

    private TreeMap<Long, ChainPass.HeadRow> readHeads(ReadOptions options) {
        TreeMap<Long, ChainPass.HeadRow> rows = new TreeMap<>();
        try (RocksIterator it = db.newIterator(heads, options)) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                long key;
                try {
                    key = LedgerCodec.numberFromKey(it.key());
                } catch (LedgerCodec.MalformedException e) {
                    rows.put(Long.MAX_VALUE, new ChainPass.HeadRow(Long.MAX_VALUE, null,
                            Reason.of("ledger.problem.headKeyMalformed", "key", HexFormat.of().formatHex(it.key()))));
                    continue;
                }
                try {
                    Ledger.SignedHead head = LedgerCodec.decodeHeadRow(it.value());
                    rows.put(key, head.size() == key ? new ChainPass.HeadRow(key, head, null)
                            : new ChainPass.HeadRow(key, null, Reason.of("ledger.problem.headMoved", "row", key, "size", head.size())));
                } catch (LedgerCodec.MalformedException e) {
                    rows.put(key, new ChainPass.HeadRow(key, null, Reason.of("ledger.problem.headUnreadable", "row", key, "detail", e.getMessage())));
                }
            }
        }
        return rows;
    }

    private ChainPass.Scope scope(ReadOptions options, TreeMap<Long, ChainPass.HeadRow> headRows) {
        return new ChainPass.Scope(db, entries, options, headRows, trustedPublicKey, decodedPublicKey, maxEntriesWithoutHead);
    }

    /** The chain (of {@code size} entries, sound) must run through the head kept outside the data directory. */
    private void checkExternalHead(ChainPass last, long size, TreeMap<Long, ChainPass.HeadRow> headRows) throws ChainPass.Found {
        String place = external.place();
        if (external.unreadable() != null) {
            throw last.found(Optional.empty(), Reason.of("ledger.problem.copyUnreadable", "place", place, "detail", external.unreadable()));
        }
        if (external.head().isEmpty()) {
            if (size > 0 || !headRows.isEmpty()) {
                throw last.found(Optional.empty(), Reason.of("ledger.problem.copyMissing", "place", place));
            }
            return;
        }
        Ledger.SignedHead head = external.head().get();
        if (!last.validSignature(head)) {
            throw last.found(Optional.empty(), Reason.of("ledger.problem.copyForged", "place", place, "size", head.size(), "signedAt", head.time()));
        }
        if (head.size() > size) {
            throw last.found(Optional.of(size + 1), Reason.of("ledger.problem.copyBeyondEnd", "from", size + 1, "size", head.size(),
                    "place", place, "signedAt", head.time(), "last", size));
        }
        if (head.size() > 0 && !MessageDigest.isEqual(last.storedHashOf(head.size()), head.headHash())) {
            Long earlier = headRows.floorKey(head.size() - 1);
            long from = earlier == null || earlier == Long.MAX_VALUE ? 1 : earlier + 1;
            throw last.found(Optional.of(from), Reason.of("ledger.problem.copyMismatch", "from", from, "size", head.size(),
                    "place", place, "signedAt", head.time()));
        }
    }
}
