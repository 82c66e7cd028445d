package io.vigil.gateway.export;

/** Names shared by the export writer and {@link ExportVerifier}. */
public final class ExportFormat {
    public static final String FORMAT = "vigil-export/1";
    public static final String CLIP = "clip.mp4";
    public static final String MANIFEST = "manifest.json";
    public static final String SIGNATURE = "manifest.sig";
    public static final String SIGNATURE_ALGORITHM = "Ed25519";

    private ExportFormat() {}
}
