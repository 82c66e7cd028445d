package io.vigil.storage;

import io.vigil.storage.ledger.Ledger;
import java.nio.file.Path;

/**
 * The whole data directory opened: segments, the ledger, and record tables, over one
 * RocksDB instance. Obtain with {@code VigilStores.open(options)}. Closing it flushes
 * and closes RocksDB; every method may block on disk.
 */
public interface VigilStore extends AutoCloseable {
    /** Record tables other modules may use; each is its own column family. */
    String ACCOUNTS = "accounts";
    String SESSIONS = "sessions";
    String GRANTS = "grants";
    String HOLDS = "holds";
    String REQUESTS = "requests";
    String META = "meta";

    SegmentStore segments();

    Ledger ledger();

    /** One of the table names above. */
    RecordTable table(String name);

    /** Checks (and with {@code repair}, fixes) files, index rows and keys against each other. */
    FsckReport fsck(boolean repair);

    Path dataDir();

    /**
     * The server's Ed25519 ledger key pair (it signs ledger heads and export manifests),
     * when this store holds it. Added for the access gateway's export signing; the
     * default keeps other implementations compiling.
     */
    default java.util.Optional<java.security.KeyPair> ledgerKeyPair() {
        return java.util.Optional.empty();
    }

    @Override
    void close();
}
