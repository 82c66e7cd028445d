package io.vigil.storage;

/** A segment failed AES-GCM authentication: flipped bits, swapped or moved file. */
public class SegmentAuthenticationException extends StorageException {
    private final SegmentKey segment;

    public SegmentAuthenticationException(SegmentKey segment, String detail) {
        super("segment " + segment + " failed authentication: " + detail);
        this.segment = segment;
    }

    public SegmentKey segment() {
        return segment;
    }
}
