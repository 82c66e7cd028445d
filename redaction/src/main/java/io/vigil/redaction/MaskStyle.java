package io.vigil.redaction;

/** How a masked area is drawn. Both are irreversible; a light blur is never offered. */
public enum MaskStyle {
    /** A solid fill in {@link RedactionSettings#fillBgr()}. */
    SOLID,
    /** Pixel blocks of {@link RedactionSettings#blockSize()} (at least 16 px), each its mean colour. */
    PIXELATE
}
