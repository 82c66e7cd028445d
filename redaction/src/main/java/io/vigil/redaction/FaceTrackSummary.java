package io.vigil.redaction;

import java.time.Instant;

/**
 * A face track as the review page lists it.
 *
 * @param id stable id, used by {@link ReviewEdits#unmaskedTracks()}
 * @param requester whether the track was taken for the requester's own face (left unmasked)
 * @param thumbnailJpeg a 96x96 JPEG of the track's most confident detection (unmasked: for staff only)
 */
public record FaceTrackSummary(int id, long firstFrame, long lastFrame, Instant firstAt, Instant lastAt,
        int detections, float bestScore, boolean requester, byte[] thumbnailJpeg) {}
