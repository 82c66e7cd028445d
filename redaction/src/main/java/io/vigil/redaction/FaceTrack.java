package io.vigil.redaction;

import java.time.Instant;

/**
 * A face followed across frames (state kept by {@link FaceTracker}). Its id is the order
 * in which tracks were started, so the same footage and settings give the same ids on
 * every run: a reviewer's "remove track 7" applies to the same face on the final render.
 */
final class FaceTrack {
    final int id;
    final long firstFrame;
    final Instant firstAt;
    long lastSeenFrame;
    Instant lastSeenAt;
    Box lastBox;
    double vx, vy;
    int detections;
    int requesterDetections;
    boolean requesterNow;
    float bestScore;
    byte[] thumbnailJpeg;

    FaceTrack(int id, long frame, Instant at, Detection d) {
        this.id = id;
        this.firstFrame = frame;
        this.firstAt = at;
        this.lastSeenFrame = frame;
        this.lastSeenAt = at;
        this.lastBox = d.box();
    }

    /** Where the face is expected on {@code frame}: constant velocity from its last detection. */
    Box predicted(long frame) {
        long gap = frame - lastSeenFrame;
        return lastBox.translate((int) Math.round(vx * gap), (int) Math.round(vy * gap));
    }

    boolean isRequester() {
        return requesterDetections * 2 > detections;
    }

    FaceTrackSummary summary() {
        return new FaceTrackSummary(id, firstFrame, lastSeenFrame, firstAt, lastSeenAt, detections, bestScore,
                isRequester(), thumbnailJpeg);
    }
}
