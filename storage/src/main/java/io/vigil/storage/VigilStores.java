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
}
