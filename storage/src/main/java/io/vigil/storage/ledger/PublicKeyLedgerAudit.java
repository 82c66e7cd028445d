package io.vigil.storage.ledger;

import io.vigil.storage.LedgerEntry;
import io.vigil.storage.LedgerVerification;
import io.vigil.storage.StorageException;
import io.vigil.storage.db.VigilDatabase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksIterator;

/**
 * The ledger of a data directory read without the keystore: when the keystore (or its
 * passphrase) is lost the footage is gone by design, but the management ledger must stay
 * readable and its chain and signed heads checkable with the public key alone (kept
 * outside the server, e.g. in the head line the server logs daily). Opens RocksDB
 * read-only; writes nothing, signs nothing.
 */
public final class PublicKeyLedgerAudit implements AutoCloseable {
    private final VigilDatabase db;

    private PublicKeyLedgerAudit(VigilDatabase db) {
        this.db = db;
    }

    public static PublicKeyLedgerAudit open(Path dataDir) {
        return new PublicKeyLedgerAudit(VigilDatabase.openReadOnly(dataDir));
    }

    /** The chain and every signed head, each head signed by {@code publicKey} (32 raw Ed25519 bytes), heads at the writer's cadence. */
    public LedgerVerification verify(byte[] publicKey) {
        return new LedgerVerifier(db.db(), db.cf(VigilDatabase.LEDGER), db.cf(VigilDatabase.LEDGER_HEADS), publicKey, 0)
                .requireHeadEvery(RocksLedger.HeadPolicy.DEFAULT.everyEntries())
                .verify();
    }

    /**
     * The distinct public keys the signed-head rows name, in hex, newest head last: what a
     * checker compares with the key it was given, to tell "another hospital's key" from
     * "forged heads" (these keys are the rows' own claim; {@link #verify} trusts only its argument).
     */
    public java.util.Set<String> headKeys() {
        java.util.Set<String> keys = new java.util.LinkedHashSet<>();
        try (ReadOptions options = new ReadOptions();
             RocksIterator it = db.db().newIterator(db.cf(VigilDatabase.LEDGER_HEADS), options)) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                try {
                    keys.add(java.util.HexFormat.of().formatHex(LedgerCodec.decodeHeadRow(it.value()).publicKey()));
                } catch (LedgerCodec.MalformedException e) {
                    // an unreadable head row is verify()'s to report
                }
            }
        }
        return keys;
    }

    /** Every entry, in order. */
    public List<LedgerEntry> entries() {
        List<LedgerEntry> out = new ArrayList<>();
        try (ReadOptions options = new ReadOptions(); RocksIterator it = db.db().newIterator(db.cf(VigilDatabase.LEDGER), options)) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                if (it.key().length != 8) continue; // only entry rows are keyed by their 8-byte number
                out.add(LedgerCodec.splitEntryRow(it.value()).toEntry());
            }
        } catch (LedgerCodec.MalformedException e) {
            throw new StorageException("a ledger row cannot be read: " + e.getMessage());
        }
        return out;
    }

    @Override
    public void close() {
        db.close();
    }
}
