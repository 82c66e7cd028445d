package io.vigil.storage;

import io.vigil.storage.keys.Keystore;
import io.vigil.storage.segments.MasterKeys;

/** Opens a data directory: the entry point other modules use. */
public final class VigilStores {
    private VigilStores() {}

    /**
     * Opens the keystore (fails with a clear {@code KeystoreException} when it is missing
     * or the passphrase is wrong), the RocksDB index, the segment store, the ledger and the
     * record tables, then runs the start-up reconcile (logged; repairs only what is safe).
     */
    public static DefaultVigilStore open(StoreOptions options) {
        Keystore keystore = Keystore.open(options.keystorePath(), options.passphrase());
        MasterKeys masterKeys = new MasterKeys(keystore.masterKeyId(), keystore.masterKey(), keystore::masterKey);
        return DefaultVigilStore.open(options, masterKeys, keystore.ledgerKeyPair());
    }
}
