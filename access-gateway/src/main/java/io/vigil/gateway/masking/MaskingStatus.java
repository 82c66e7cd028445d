package io.vigil.gateway.masking;

import io.vigil.config.CameraId;
import io.vigil.gateway.http.ApiException;
import io.vigil.redaction.FaceTrackSummary;
import io.vigil.redaction.OverlapFlag;
import io.vigil.redaction.RedactionMode;
import io.vigil.redaction.RequesterMark;
import io.vigil.redaction.ReviewEdits;
import java.time.Instant;
import java.util.List;

/**
 * What the review page shows of one camera's masking: the job's state and progress, what it
 * was asked (marks, mode, edits), the preview's facts, tracks and flags, a failure's words,
 * and the release if there is one. A snapshot: it does not change when the job moves on.
 */
public record MaskingStatus(String number, CameraId camera, String state, int segmentsRead, int segmentsTotal,
        List<RequesterMark> marks, RedactionMode mode, ReviewEdits edits, String startedBy, Instant startedAt,
        Preview preview, ApiException failure, Released released, int queuePosition, String cancelledBy, Instant cancelledAt) {

    /** The preview under review (the masked MP4 not yet released). */
    public record Preview(long frames, double frameRate, int width, int height, long durationMillis, long bytes,
            String sha256, List<FaceTrackSummary> tracks, List<OverlapFlag> flags, long wallMillis) {}

    /** The copy released to the requester. */
    public record Released(String by, Instant at, String sha256, long bytes, long durationMillis) {}

    /** @param queuePosition the job's place in the line of waiting jobs (1 = next), 0 when not waiting */
    static MaskingStatus of(MaskingCase c, int queuePosition) {
        synchronized (c) {
            Preview p = null;
            if (c.preview != null) {
                var r = c.preview;
                p = new Preview(r.frames(), r.frameRate(), r.width(), r.height(), r.duration().toMillis(), r.output().size(),
                        r.outputSha256(), r.tracks(), r.overlapFlags(), r.wallNanos() / 1_000_000);
            }
            Released rel = null;
            if (c.release != null) {
                ReleasedCopy r = c.release;
                rel = new Released(r.by(), r.at(), r.sha256(), r.output().size(), r.durationMillis());
            }
            return new MaskingStatus(c.number, c.camera, c.state.name().toLowerCase(java.util.Locale.ROOT), c.segmentsRead.get(),
                    c.segmentsTotal, c.marks, c.mode, c.edits, c.startedBy, c.startedAt, p, c.failure, rel, queuePosition,
                    c.cancelledBy, c.cancelledAt);
        }
    }
}
