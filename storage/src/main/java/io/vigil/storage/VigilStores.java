package io.vigil.storage;

import io.vigil.storage.engine.RocksVigilStore;

/**
 * Opens a data directory: the entry point other modules use. The one class of this API
 * package that names the implementation (the factory); nothing else here imports a
 * sub-package, and no sub-package's type appears in this package's signatures.
 */
public final class VigilStores {
    private VigilStores() {}

    /**
     * Opens the keystore (fails with a clear {@code KeystoreException} when it is missing
     * or the passphrase is wrong), the RocksDB index, the segment store, the ledger and the
     * record tables, then runs the start-up reconcile (logged; repairs only what is safe).
     */
    public static VigilStore open(StoreOptions options) {
        return RocksVigilStore.open(options);
    }

    /**
     * Checks the ledger of a data directory without the keystore (lost, or not at hand): the
     * chain and every signed head against {@code publicKey}, the 32 raw Ed25519 bytes kept
     * outside the server (the last field of the head line, docs/ledger.md). Read-only.
     */
    public static LedgerVerification verifyLedgerWithPublicKey(java.nio.file.Path dataDir, byte[] publicKey) {
        try (io.vigil.storage.ledger.PublicKeyLedgerAudit audit = io.vigil.storage.ledger.PublicKeyLedgerAudit.open(dataDir)) {
            return audit.verify(publicKey);
        }
    }

    /**
     * The public keys (hex of the 32 raw bytes) the ledger's signed heads of a data directory
     * name, read without the keystore: an unverified claim, to say "signed with another key"
     * when a check with a given key fails. Read-only.
     */
    public static java.util.Set<String> ledgerHeadKeys(java.nio.file.Path dataDir) {
        try (io.vigil.storage.ledger.PublicKeyLedgerAudit audit = io.vigil.storage.ledger.PublicKeyLedgerAudit.open(dataDir)) {
            return audit.headKeys();
        }
    }

    /** Every ledger entry of a data directory, read without the keystore (entries are not encrypted). Read-only. */
    public static java.util.List<LedgerEntry> readLedgerWithoutKeystore(java.nio.file.Path dataDir) {
        try (io.vigil.storage.ledger.PublicKeyLedgerAudit audit = io.vigil.storage.ledger.PublicKeyLedgerAudit.open(dataDir)) {
            return audit.entries();
        }
    }
}
