package io.vigil.storage;

/** The segment is not (or no longer) in the store, e.g. erased by the purge. */
public class SegmentNotFoundException extends StorageException {
    public SegmentNotFoundException(SegmentKey segment) {
        super("segment " + segment + " is not in the store (never recorded, or erased)");
    }
}
