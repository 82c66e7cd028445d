package io.vigil.gateway.masking;

import io.vigil.redaction.ReleaseManifest;
import io.vigil.redaction.SealedFile;
import java.time.Instant;

/**
 * A masked copy released to the requester: the sealed MP4 (kept across restarts until the
 * request closes, {@link KeptCopies}), its SHA-256 and length, its signed manifest, who
 * released it and when.
 */
public record ReleasedCopy(SealedFile output, String sha256, long frames, long durationMillis, ReleaseManifest manifest,
                           String by, Instant at) {}
