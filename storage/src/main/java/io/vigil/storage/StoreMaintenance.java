package io.vigil.storage;

/**
 * Operator maintenance of a data directory ({@code vigil fsck}, {@code vigil keys rotate}):
 * the operations that look below the segment and ledger APIs at files, index rows and
 * keys. Every method does disk I/O and may take minutes on a full data directory.
 */
public interface StoreMaintenance {

    /**
     * Checks (and with {@code repair}, fixes) files, index rows and keys of every
     * camera-day against each other; {@code deep} also decrypts every file. Each repair
     * is written to the ledger ("fsck.repair").
     */
    FsckReport fsck(boolean repair, boolean deep);

    /** What the reconcile run when the store was opened found and repaired. */
    FsckReport startupReconcile();

    /**
     * Re-wraps every day key not wrapped by the current master key (after the keystore's
     * master key was rotated), then purges the old wrapped copies from the index so the
     * previous master key can be retired. Returns the number of day keys re-wrapped.
     */
    int rewrapDayKeys();
}
