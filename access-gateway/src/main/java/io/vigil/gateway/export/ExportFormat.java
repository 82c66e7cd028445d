package io.vigil.gateway.export;

/** Names shared by the export writer and {@link ExportVerifier}. */
public final class ExportFormat {
    /** Version 2: several clips (one per part), spans and gaps in the manifest (docs/export.md). */
    public static final String FORMAT = "vigil-export/2";
    /** Version 1: one clip described by {@code clip}; still verified. */
    public static final String FORMAT_V1 = "vigil-export/1";
    public static final String CLIP = "clip.mp4";
    public static final String MANIFEST = "manifest.json";
    public static final String SIGNATURE = "manifest.sig";
    public static final String SIGNATURE_ALGORITHM = "Ed25519";

    private ExportFormat() {}
}
