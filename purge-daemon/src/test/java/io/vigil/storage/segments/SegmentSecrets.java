package io.vigil.storage.segments;

import io.vigil.storage.SegmentKey;
import io.vigil.storage.SegmentStore;
import java.nio.file.Path;
import java.util.List;

/**
 * Test access (through the storage test-jar's {@code StoreInternals}) to a segment's key
 * material and file, so the purge tests can scan the data directory for
 * the key material and files of what the purge erased. Test code only.
 */
public final class SegmentSecrets {
    private SegmentSecrets() {}

    /** Segment key, wrapped segment key, day key, wrapped day key of a stored segment. */
    public static List<byte[]> keyMaterial(SegmentStore store, SegmentKey key) {
        return StoreInternals.keyMaterial(store, key).all();
    }

    /** The file a segment is (or was) stored in. */
    public static Path file(SegmentStore store, SegmentKey key) {
        return StoreInternals.file(store, key);
    }
}
