package io.vigil.gateway.export;

import java.util.List;
import java.util.Map;

/**
 * What {@link ExportVerifier} found. {@code ok()} only when every check passed.
 *
 * @param signatureValid    manifest.sig is a valid Ed25519 signature of manifest.json by the key in it
 * @param keyMatches        the manifest's key is the expected key (true when none was given)
 * @param clipHashMatches   every clip's SHA-256 and size are those in the manifest
 * @param signerFingerprint SHA-256 fingerprint of the key that signed ({@link KeyFingerprint}), empty when unreadable
 * @param problems          each failed check, in words naming the file or field
 * @param manifest          the manifest's top-level text fields (camera, range, viewer, purpose, ...)
 * @param footage           lines describing the clips and gaps the manifest lists, for people
 */
public record VerifyResult(boolean signatureValid, boolean keyMatches, boolean clipHashMatches, String signerFingerprint,
                           List<String> problems, Map<String, String> manifest, List<String> footage) {
    public boolean ok() {
        return problems.isEmpty();
    }
}
