package io.vigil.storage.segments;

import io.vigil.storage.CameraDay;
import io.vigil.storage.SegmentKey;
import io.vigil.storage.SegmentNotFoundException;
import io.vigil.storage.SegmentStore;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * White-box access to a store's secrets and files, for the tests that prove an erase left
 * no key material and no file behind (storage's and the purge daemon's). Test code only:
 * production code has no way to take a key out of the store. Public, in the storage
 * test-jar, so tests of other modules use it through {@link SegmentStore} alone.
 */
public final class StoreInternals {
    private StoreInternals() {}

    /** The key material of a stored segment: raw and wrapped segment key, raw and wrapped day key. */
    public record KeyMaterial(byte[] segmentKey, byte[] wrappedSegmentKey, byte[] dayKey, byte[] wrappedDayKey) {
        public List<byte[]> all() {
            return List.of(segmentKey, wrappedSegmentKey, dayKey, wrappedDayKey);
        }
    }

    /** @throws SegmentNotFoundException when the segment is not stored */
    public static KeyMaterial keyMaterial(SegmentStore segments, SegmentKey key) {
        EncryptedSegmentStore store = (EncryptedSegmentStore) segments;
        SegmentRow row = store.index().row(key).orElseThrow(() -> new SegmentNotFoundException(key));
        CameraDay day = CameraDay.of(key);
        return new KeyMaterial(store.reader().unwrapSegmentKey(key, row), row.wrappedKey().clone(),
                store.dayKeys().get(day).orElseThrow().getEncoded(),
                Arrays.copyOfRange(store.dayKeys().wrapped(day).orElseThrow(), 5, 5 + SegmentCrypto.WRAPPED_KEY_BYTES));
    }

    /** The file a segment is (or was) stored in. */
    public static Path file(SegmentStore segments, SegmentKey key) {
        return ((EncryptedSegmentStore) segments).layout().file(key);
    }

    /** Waits until the store's start-up sum of stored bytes is done (the gauge is then complete). */
    public static void awaitStoredBytesScan(SegmentStore segments) {
        ((EncryptedSegmentStore) segments).storedBytesScan().await();
    }
}
