package io.vigil.storage.ledger;

import io.vigil.storage.Ledger;
import io.vigil.storage.LedgerVerification;
import io.vigil.storage.Reason;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;

/**
 * One walk of {@link LedgerVerifier} over entries {@code from..to} of a snapshot: each row's
 * number, hash and link to the row before, and each signed head at the entry it covers;
 * the first problem found stops the walk and is named (which entry, and what happened to
 * it: edited, deleted, inserted, reordered, heads deleted). The first pass also checks a
 * head over zero entries. Several passes over contiguous ranges may run on threads; the
 * verifier merges them in order.
 */
final class ChainPass implements Runnable {
    /**
     * What every pass of one verification shares.
     *
     * @param headRows              the head rows read once from the snapshot, by size covered
     * @param maxEntriesWithoutHead the writer's head cadence; a longer stretch means deleted heads
     */
    record Scope(RocksDB db, ColumnFamilyHandle entries, ReadOptions options, TreeMap<Long, HeadRow> headRows,
                 byte[] trustedPublicKey, Ed25519PublicKeyParameters publicKey, long maxEntriesWithoutHead) {}

    /** A head row, or why it could not be read. */
    record HeadRow(long key, Ledger.SignedHead head, Reason malformed) {}

    /** Stops the walk with a result. */
    static final class Found extends Exception {
        final LedgerVerification result;

        Found(LedgerVerification result) {
            super(null, null, false, false);
            this.result = result;
        }
    }

    private final Scope scope;
    private final ReadOptions options;
    private final TreeMap<Long, HeadRow> headRows;
    private final long from;
    private final long to;
    private final boolean first;
    private long checked;
    long headsChecked;
    private long lastGoodHeadSize;
    /** Number of the last row reached (the ledger's size for the last pass). */
    long reached;
    Found problem;
    RuntimeException failure;

    ChainPass(Scope scope, long from, long to, boolean first) {
        this.scope = scope;
        this.options = scope.options();
        this.headRows = scope.headRows();
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
        try (RocksIterator it = scope.db().newIterator(scope.entries(), options)) {
            for (it.seek(LedgerCodec.numberKey(from)); it.isValid() && expected <= to; it.next(), expected++) {
                long key = keyAt(it, keyBuffer, expected);
                value = valueAt(it, key, value);
                long number = value.getLong(1);
                value.get(9, storedPrevious).get(9 + LedgerCodec.HASH_LENGTH, storedHash);
                if (number != key) {
                    throw misplaced(key, split(key, it.value()), beforePrevious);
                }
                if (!hashMatches(sha, numberBytes, number, storedPrevious, value, storedHash)) {
                    throw bad(key, Reason.of("ledger.problem.edited", "entry", key));
                }
                if (!MessageDigest.isEqual(storedPrevious, previous)) {
                    throw brokenLink(key, split(key, it.value()), beforePrevious);
                }
                checked = key;
                if (nextHead < headSizes.length && headSizes[nextHead] == key) {
                    checkHead(headRows.get(key), storedHash);
                    nextHead++;
                }
                if (key - lastGoodHeadSize > scope.maxEntriesWithoutHead()) {
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

    /** The number in the row's key: it must be {@code expected}, else a row was inserted or deleted there. */
    private long keyAt(RocksIterator it, ByteBuffer keyBuffer, long expected) throws Found {
        keyBuffer.clear();
        if (it.key(keyBuffer) != 8) {
            throw bad(expected, Reason.of("ledger.problem.malformedKey", "key", HexFormat.of().formatHex(it.key()), "entry", expected));
        }
        long key = keyBuffer.getLong(0);
        if (key != expected) {
            throw bad(expected, expected == 1
                    ? Reason.of("ledger.problem.firstMissing", "first", key)
                    : Reason.of("ledger.problem.missing", "entry", expected, "before", expected - 1, "after", key));
        }
        return key;
    }

    /** The row's value in {@code buffer}, or in a larger one when it does not fit; a row of another layout is unreadable. */
    private ByteBuffer valueAt(RocksIterator it, long key, ByteBuffer buffer) throws Found {
        buffer.clear();
        int length = it.value(buffer);
        if (length > buffer.capacity()) {
            buffer = ByteBuffer.allocateDirect(Integer.highestOneBit(length) * 2);
            length = it.value(buffer);
        }
        if (length <= LedgerCodec.ENTRY_HEADER_LENGTH || buffer.get(0) != LedgerCodec.ROW_VERSION) {
            throw unreadable(key, it.value());
        }
        buffer.limit(length);
        return buffer;
    }

    /** Whether the stored hash is the hash of the row's number, previous hash and record, hashed in place. */
    private static boolean hashMatches(MessageDigest sha, ByteBuffer numberBytes, long number, byte[] storedPrevious,
                                       ByteBuffer value, byte[] storedHash) {
        numberBytes.putLong(0, number);
        sha.update(numberBytes.array());
        sha.update(storedPrevious);
        value.position(LedgerCodec.ENTRY_HEADER_LENGTH);
        sha.update(value);
        return MessageDigest.isEqual(sha.digest(), storedHash);
    }

    /** More entries than the writer's cadence allows follow the last valid head. */
    private Found headsMissing(long key) {
        return found(Optional.of(lastGoodHeadSize + 1), Reason.of("ledger.problem.headsMissing", "from", lastGoodHeadSize + 1,
                "to", key, "cadence", scope.maxEntriesWithoutHead(), "vouched", lastGoodHeadSize));
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
        // The codec's own note on the bytes (a technical detail, as the codec says it).
        return bad(key, Reason.of("ledger.problem.unreadable", "entry", key, "detail", why));
    }

    /** Row stored under {@code key} claims another number: moved, swapped, inserted or deleted-and-shifted. */
    private Found misplaced(long key, LedgerCodec.EntryRow row, byte[] beforePrevious) {
        long claimed = row.number();
        if (claimed > key) {
            Optional<LedgerCodec.EntryRow> there = rowAt(claimed);
            if (there.isPresent() && there.get().number() == key) {
                return bad(key, Reason.of("ledger.problem.swapped", "entry", key, "other", claimed));
            }
            return bad(key, Reason.of("ledger.problem.movedUp", "entry", key, "other", claimed));
        }
        if (claimed == key - 1 && beforePrevious != null
                && MessageDigest.isEqual(row.previousHash(), beforePrevious)) {
            return bad(key - 1, Reason.of("ledger.problem.insertedShifted", "entry", key - 1, "original", claimed, "position", key,
                    "linked", key - 2));
        }
        return bad(key, Reason.of("ledger.problem.outOfPlace", "entry", key, "other", claimed));
    }

    /** Entry {@code key} does not link to the hash of the entry before it. */
    private Found brokenLink(long key, LedgerCodec.EntryRow row, byte[] beforePrevious) {
        if (key == 1) {
            return bad(1, Reason.of("ledger.problem.notGenesis"));
        }
        if (beforePrevious != null && MessageDigest.isEqual(row.previousHash(), beforePrevious)) {
            return bad(key - 1, Reason.of("ledger.problem.inserted", "entry", key - 1, "next", key, "linked", key - 2));
        }
        return bad(key - 1, Reason.of("ledger.problem.brokenLink", "entry", key, "before", key - 1));
    }

    void checkHead(HeadRow row, byte[] entryHash) throws Found {
        if (row.malformed() != null) {
            throw found(Optional.of(lastGoodHeadSize + 1), Reason.of("ledger.problem.headRowNotVouched", "head", row.malformed(),
                    "vouched", lastGoodHeadSize));
        }
        Ledger.SignedHead head = row.head();
        if (!validSignature(head)) {
            throw found(Optional.of(lastGoodHeadSize + 1), Reason.of("ledger.problem.headForgedNotVouched", "size", head.size(),
                    "signedAt", head.time(), "from", lastGoodHeadSize + 1));
        }
        if (!MessageDigest.isEqual(head.headHash(), entryHash)) {
            throw found(Optional.of(lastGoodHeadSize + 1), Reason.of("ledger.problem.headMismatch", "from", lastGoodHeadSize + 1,
                    "size", head.size(), "signedAt", head.time()));
        }
        headsChecked++;
        lastGoodHeadSize = head.size();
    }

    /** Heads that cover more entries than exist: the tail was cut off (or the head is forged). */
    void checkHeadsBeyond(long size) throws Found {
        for (Map.Entry<Long, HeadRow> e : headRows.tailMap(size, false).entrySet()) {
            HeadRow row = e.getValue();
            if (row.malformed() != null) {
                throw found(Optional.of(size + 1), row.malformed());
            }
            Ledger.SignedHead head = row.head();
            if (!validSignature(head)) {
                throw found(Optional.of(size + 1), Reason.of("ledger.problem.headForged", "size", head.size(), "signedAt", head.time()));
            }
            throw found(Optional.of(size + 1), Reason.of("ledger.problem.truncated", "from", size + 1, "size", head.size(),
                    "signedAt", head.time(), "last", size));
        }
    }

    boolean validSignature(Ledger.SignedHead head) {
        return MessageDigest.isEqual(head.publicKey(), scope.trustedPublicKey()) && HeadSigner.verify(head, scope.publicKey());
    }

    private Optional<LedgerCodec.EntryRow> rowAt(long number) {
        try {
            byte[] value = scope.db().get(scope.entries(), options, LedgerCodec.numberKey(number));
            return value == null ? Optional.empty() : Optional.of(LedgerCodec.splitEntryRow(value));
        } catch (RocksDBException | LedgerCodec.MalformedException e) {
            return Optional.empty();
        }
    }

    private Found bad(long entry, Reason problem) {
        return found(Optional.of(entry), problem);
    }

    Found found(Optional<Long> entry, Reason problem) {
        return new Found(new LedgerVerification(checked, headsChecked, entry, problem));
    }
}
