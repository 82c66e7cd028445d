package io.vigil.redaction;

import java.time.Instant;

/**
 * Frames on which another face (track {@code trackId}) overlaps the requester's region:
 * the reviewer must look at them, since the other face is masked inside the requester's
 * picture. Consecutive frames of one track are one flag.
 */
public record OverlapFlag(int trackId, long firstFrame, long lastFrame, Instant from, Instant to) {}
