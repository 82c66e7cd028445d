package io.vigil.storage.segments;

import io.vigil.storage.CameraDay;
import io.vigil.storage.StorageException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The day keys against the keystore's master keys: re-wraps day keys under the current
 * master key after a rotation, and refuses a keystore that does not match the data directory.
 */
final class DayKeyRotation {
    private static final Logger log = LoggerFactory.getLogger(DayKeyRotation.class);

    private final DayKeys dayKeys;
    private final DayLocks locks;
    private final IndexPurge purge;
    private final Path dataDir;

    DayKeyRotation(DayKeys dayKeys, DayLocks locks, IndexPurge purge, Path dataDir) {
        this.dayKeys = dayKeys;
        this.locks = locks;
        this.purge = purge;
        this.dataDir = dataDir;
    }

    /**
     * Re-wraps every day key not wrapped by the current master key (after {@code vigil keys
     * rotate}), then purges the old wrapped copies from the index, so the previous master key
     * can be retired. Returns the number of day keys re-wrapped.
     */
    int rewrapDayKeys() {
        List<CameraDay> stale = dayKeys.notWrappedByCurrentMasterKey();
        for (CameraDay day : stale) {
            ReentrantReadWriteLock.WriteLock lock = locks.of(day).writeLock();
            lock.lock();
            try {
                dayKeys.rewrap(day);
            } finally {
                lock.unlock();
            }
        }
        if (!stale.isEmpty()) purge.purge(List.of(dayKeys.allRows()));
        log.info("re-wrapped {} day key(s) under the current master key", stale.size());
        return stale.size();
    }

    /**
     * Fails fast, with one clear message, when the master keys given do not unwrap the day
     * keys already in this data directory (the keystore of another installation, or a
     * retired master key still in use). Checks the newest day key; a new store passes.
     */
    void checkMasterKeyMatches() {
        Optional<CameraDay> newest = dayKeys.last();
        if (newest.isEmpty()) return;
        try {
            dayKeys.get(newest.get());
        } catch (StorageException e) {
            throw new StorageException("the keystore does not match the data directory " + dataDir + ": " + e.getMessage(), e);
        }
    }
}
