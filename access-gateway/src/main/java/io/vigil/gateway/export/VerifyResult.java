package io.vigil.gateway.export;

import io.vigil.gateway.i18n.Messages;
import io.vigil.storage.Reason;
import java.util.List;
import java.util.Map;

/**
 * What {@link ExportVerifier} found. {@code ok()} only when every check passed. Problems and
 * footage lines are keys of the web bundles ({@code export.verify.*}, {@code export.footage.*})
 * with their arguments: the command line words them in the operator's language.
 *
 * @param signatureValid    manifest.sig is a valid Ed25519 signature of manifest.json by the key in it
 * @param keyMatches        the manifest's key is the expected key (true when none was given)
 * @param clipHashMatches   every clip's SHA-256 and size are those in the manifest
 * @param signerFingerprint SHA-256 fingerprint of the key that signed ({@link KeyFingerprint}), empty when unreadable
 * @param problemReasons    each failed check, naming the file or field
 * @param manifest          the manifest's top-level text fields (camera, range, viewer, purpose, ...)
 * @param footageLines      the clips and gaps the manifest lists, for people
 */
public record VerifyResult(boolean signatureValid, boolean keyMatches, boolean clipHashMatches, String signerFingerprint,
                           List<Reason> problemReasons, Map<String, String> manifest, List<Reason> footageLines) {
    public VerifyResult {
        problemReasons = List.copyOf(problemReasons);
        footageLines = List.copyOf(footageLines);
    }

    public boolean ok() {
        return problemReasons.isEmpty();
    }

    /** The problems in {@code language}. */
    public List<String> problems(String language) {
        return problemReasons.stream().map(r -> words(r, language)).toList();
    }

    /** The clips and gaps in {@code language}. */
    public List<String> footage(String language) {
        return footageLines.stream().map(r -> words(r, language)).toList();
    }

    /** The problems in English (tests, logs). */
    public List<String> problems() {
        return problems("en");
    }

    /** The clips and gaps in English (tests, logs). */
    public List<String> footage() {
        return footage("en");
    }

    private static String words(Reason r, String language) {
        return r.render((key, args) -> Messages.get().format(language, key, args), null);
    }
}
