package io.vigil.storage.segments;

import io.vigil.storage.CameraDay;
import io.vigil.storage.StorageException;
import io.vigil.storage.db.VigilDatabase;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.SecretKey;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;

/**
 * The per camera-day keys: random 256-bit keys, stored only wrapped by the master key
 * (AES-GCM, AAD bound to camera and day) in the {@code daykeys} column family.
 * Unwrapped keys are cached in memory; destroying a day key drops it from the cache too.
 */
final class DayKeys {
    private static final byte ROW_VERSION = 1;
    private static final int ROW_BYTES = 1 + 4 + SegmentCrypto.WRAPPED_KEY_BYTES;

    private final VigilDatabase db;
    private final ColumnFamilyHandle cf;
    private final MasterKeys masterKeys;
    private final SegmentCrypto crypto;
    private final ConcurrentHashMap<CameraDay, SecretKey> cache = new ConcurrentHashMap<>();

    DayKeys(VigilDatabase db, MasterKeys masterKeys, SegmentCrypto crypto) {
        this.db = db;
        this.cf = db.cf(VigilDatabase.DAYKEYS);
        this.masterKeys = masterKeys;
        this.crypto = crypto;
    }

    /** The day key, created and durably stored (synced write) when this is the day's first segment. */
    SecretKey getOrCreate(CameraDay day) {
        return cache.computeIfAbsent(day, d -> load(d).orElseGet(() -> create(d)));
    }

    /** The day key if it exists. */
    Optional<SecretKey> get(CameraDay day) {
        SecretKey k = cache.get(day);
        if (k != null) return Optional.of(k);
        Optional<SecretKey> loaded = load(day);
        loaded.ifPresent(key -> cache.putIfAbsent(day, key));
        return loaded;
    }

    boolean exists(CameraDay day) {
        return cache.containsKey(day) || wrapped(day).isPresent();
    }

    /** Adds the deletion of the day key to {@code batch}; call {@link #forget} once the batch is written. */
    void destroy(CameraDay day, WriteBatch batch) throws RocksDBException {
        batch.delete(cf, IndexKeys.day(day.cameraId(), day.day()));
    }

    void forget(CameraDay day) {
        cache.remove(day);
    }

    /** The stored row: format version (1 byte), master key id (4 bytes), wrapped key (60 bytes). */
    Optional<byte[]> wrapped(CameraDay day) {
        try {
            return Optional.ofNullable(db.db().get(cf, IndexKeys.day(day.cameraId(), day.day())));
        } catch (RocksDBException e) {
            throw new StorageException("cannot read day key of " + day + ": " + VigilDatabase.describe(e), e);
        }
    }

    boolean wrappedByCurrentMasterKey(byte[] row) {
        return row.length == ROW_BYTES && ByteBuffer.wrap(row, 1, 4).getInt() == masterKeys.currentId();
    }

    /** Days whose key is wrapped by an older master key (the ones {@link #rewrap} would change). */
    List<CameraDay> notWrappedByCurrentMasterKey() {
        List<CameraDay> stale = new ArrayList<>();
        try (RocksIterator it = db.db().newIterator(cf)) {
            for (it.seekToFirst(); it.isValid(); it.next()) {
                if (!wrappedByCurrentMasterKey(it.value())) stale.add(IndexKeys.parseDay(it.key()));
            }
        }
        return stale;
    }

    /** The day of the last day key in index order, if any. */
    Optional<CameraDay> last() {
        try (RocksIterator it = db.db().newIterator(cf)) {
            it.seekToLast();
            return it.isValid() ? Optional.of(IndexKeys.parseDay(it.key())) : Optional.empty();
        }
    }

    /** The row of one day key, as a range to purge. */
    IndexPurge.Range rowRange(CameraDay day) {
        byte[] row = IndexKeys.day(day.cameraId(), day.day());
        return new IndexPurge.Range(cf, row, IndexPurge.successor(row));
    }

    /** Every day key row, as a range to purge. */
    IndexPurge.Range allRows() {
        return new IndexPurge.Range(cf, new byte[0], new byte[] {(byte) 0xff});
    }

    /** Unwraps the day key with whichever master key wrapped it and stores it wrapped by the current one. */
    void rewrap(CameraDay day) {
        Optional<SecretKey> key = load(day);
        if (key.isEmpty()) return;
        byte[] raw = key.get().getEncoded();
        try {
            store(day, raw);
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    private Optional<SecretKey> load(CameraDay day) {
        return wrapped(day).map(row -> {
            ByteBuffer b = ByteBuffer.wrap(row);
            if (row.length != ROW_BYTES || b.get() != ROW_VERSION) {
                throw new StorageException("day key row of " + day + " is damaged (" + row.length + " bytes)");
            }
            int masterId = b.getInt();
            SecretKey master = masterKeys.get(masterId).orElseThrow(() -> new StorageException("day key of " + day
                    + " is wrapped by master key " + masterId + ", which this keystore does not hold (retired?)"));
            byte[] w = Arrays.copyOfRange(row, 5, row.length);
            try {
                byte[] raw = crypto.unwrap(master, w, SegmentCrypto.dayKeyAad(day));
                SecretKey k = SegmentCrypto.aesKey(raw);
                Arrays.fill(raw, (byte) 0);
                return k;
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                throw new StorageException("day key of " + day
                        + " does not unwrap with this keystore's master key (wrong keystore, or the index was altered)");
            }
        });
    }

    private SecretKey create(CameraDay day) {
        byte[] raw = crypto.randomKeyBytes();
        try {
            store(day, raw);
            return SegmentCrypto.aesKey(raw);
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    private void store(CameraDay day, byte[] raw) {
        try {
            byte[] wrapped = crypto.wrap(masterKeys.current(), raw, SegmentCrypto.dayKeyAad(day));
            byte[] row = ByteBuffer.allocate(ROW_BYTES).put(ROW_VERSION).putInt(masterKeys.currentId()).put(wrapped).array();
            db.db().put(cf, db.syncWrite(), IndexKeys.day(day.cameraId(), day.day()), row);
        } catch (GeneralSecurityException e) {
            throw new StorageException("cannot wrap the day key of " + day + ": " + e.getMessage(), e);
        } catch (RocksDBException e) {
            throw new StorageException("cannot store the day key of " + day + ": " + VigilDatabase.describe(e), e);
        }
    }
}
