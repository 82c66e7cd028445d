package io.vigil.gateway.masking;

import io.vigil.redaction.RedactionResult;
import io.vigil.redaction.ReleaseManifest;
import java.time.Instant;

/** A masked copy released to the requester: the sealed MP4, its signed manifest, who released it and when. */
public record ReleasedCopy(RedactionResult copy, ReleaseManifest manifest, String by, Instant at) {}
