package io.vigil.storage.segments;

import io.vigil.storage.SegmentKey;
import io.vigil.storage.SegmentStore;
import java.nio.file.Path;
import java.util.List;

/**
 * Test access to the storage engineers' erase-proof hook ({@code keyMaterialForTest}, package
 * private) and the segment file layout, so the purge tests can scan the data directory for
 * the key material and files of what the purge erased. Test code only.
 */
public final class SegmentSecrets {
    private SegmentSecrets() {}

    /** Segment key, wrapped segment key, day key, wrapped day key of a stored segment. */
    public static List<byte[]> keyMaterial(SegmentStore store, SegmentKey key) {
        EncryptedSegmentStore.KeyMaterial m = ((EncryptedSegmentStore) store).keyMaterialForTest(key);
        return List.of(m.segmentKey(), m.wrappedSegmentKey(), m.dayKey(), m.wrappedDayKey());
    }

    /** The file a segment is (or was) stored in. */
    public static Path file(SegmentStore store, SegmentKey key) {
        return ((EncryptedSegmentStore) store).layout().file(key);
    }
}
