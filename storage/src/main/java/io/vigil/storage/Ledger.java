package io.vigil.storage;

import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

/**
 * The append-only, tamper-evident ledger. Each entry carries the SHA-256 hash of the
 * one before; heads are signed with the server's Ed25519 key. Appends are durable
 * (synced) when they return, so an access recorded here happened-before any byte served.
 */
public interface Ledger {

    /** Appends a record durably and returns the stored entry. Thread-safe. */
    LedgerEntry append(LedgerRecord record);

    /** Number of entries. */
    long size();

    /** Entries with number in [fromNumber, toNumber], ascending. */
    List<LedgerEntry> range(long fromNumber, long toNumber);

    /** Entries matching the filter, ascending, at most {@code limit}. */
    List<LedgerEntry> search(Predicate<LedgerEntry> filter, int limit);

    /** Signs the current head now (also done periodically) and returns it. */
    SignedHead signHead();

    /** Latest signed head, if one exists. */
    java.util.Optional<SignedHead> latestSignedHead();

    /**
     * Checks the whole chain and all signed heads: a head at least every N entries (the
     * writer's cadence), and the chain must run through the copy of the latest head kept
     * outside the data directory ({@link #headCopyFile()}).
     */
    LedgerVerification verify();

    /** As {@link #verify()}, and the chain must also run through {@code keptElsewhere}, a head an operator kept ({@code place} names it in messages). */
    LedgerVerification verifyAgainst(SignedHead keptElsewhere, String place);

    /** Where the latest signed head is also kept, outside the data directory (beside the keystore). */
    java.util.Optional<java.nio.file.Path> headCopyFile();

    /** Why no head is being signed (the chain failed the check at start), when that is so. */
    java.util.Optional<String> signingBlocked();

    /**
     * A signed statement that the ledger had {@code size} entries ending in {@code headHash}
     * at {@code time}. The signature is Ed25519 over the canonical bytes of those three fields.
     */
    record SignedHead(long size, byte[] headHash, Instant time, byte[] signature, byte[] publicKey) {}
}
