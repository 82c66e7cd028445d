package io.vigil.storage;

import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Optional;

/**
 * The whole data directory opened: segments, the ledger, record tables and maintenance,
 * over one RocksDB instance. Obtain with {@link VigilStores#open}. Closing it flushes and
 * closes RocksDB; every method may block on disk. This interface and the types it returns
 * are all another module needs of storage.
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

    /** fsck, start-up reconcile and key re-wrap: operator maintenance of the data directory. */
    StoreMaintenance maintenance();

    /** Full check of every camera-day, decrypting every file ({@code vigil fsck}). */
    default FsckReport fsck(boolean repair) {
        return maintenance().fsck(repair, true);
    }

    Path dataDir();

    /** The server's Ed25519 ledger key pair (it signs ledger heads and export manifests), when this store holds it. */
    Optional<KeyPair> ledgerKeyPair();

    @Override
    void close();
}
