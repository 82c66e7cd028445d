package io.vigil.gateway.masking;

import io.vigil.config.CameraId;
import io.vigil.gateway.http.ApiException;
import io.vigil.redaction.RedactionMode;
import io.vigil.redaction.RedactionResult;
import io.vigil.redaction.RequesterMark;
import io.vigil.redaction.ReviewEdits;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The masking of one camera of one subject request: what staff last asked for (marks, mode,
 * edits), the job's state and progress, the preview under review and the released copy.
 * Every field is read and written under this object's lock, except the progress counter.
 * The sealed files of a replaced preview or copy are deleted as soon as they are replaced; a
 * released copy's file outlives a restart (until the request closes).
 */
final class MaskingCase {
    enum State { IDLE, QUEUED, RUNNING, READY, FAILED, CANCELLED }

    final String number;
    final CameraId camera;
    final AtomicInteger segmentsRead = new AtomicInteger();
    State state = State.IDLE;
    int segmentsTotal;
    List<RequesterMark> marks = List.of();
    RedactionMode mode = RedactionMode.KEEP_ONLY_REQUESTER;
    ReviewEdits edits = ReviewEdits.none();
    String startedBy;
    Instant startedAt;
    RedactionResult preview;
    ApiException failure;
    ReleasedCopy release;
    /** Bumped by every new job, so a job replaced while it ran drops its own result. */
    long generation;
    /** The generation whose job was asked to stop (read by the job's thread before each frame). */
    volatile long cancelGeneration = -1;
    String cancelledBy;
    Instant cancelledAt;

    MaskingCase(String number, CameraId camera) {
        this.number = number;
        this.camera = camera;
    }

    /** A new job asked for: what it masks, by whom; queued; returns its generation. */
    synchronized long begin(List<RequesterMark> marks, RedactionMode mode, ReviewEdits edits, String actor, Instant at, int segments) {
        this.marks = List.copyOf(marks);
        this.mode = mode;
        this.edits = edits;
        failure = null;
        cancelledBy = null;
        cancelledAt = null;
        startedBy = actor;
        startedAt = at;
        segmentsRead.set(0);
        segmentsTotal = segments;
        state = State.QUEUED;
        return ++generation;
    }

    /**
     * After a cancel: the preview of an earlier run (if any) is what is under review again, with
     * the marks, mode and edits it was made with; else nothing is masked yet.
     */
    synchronized void restoreAfterCancel(Instant at) {
        cancelledAt = at;
        failure = null;
        if (preview != null) {
            marks = preview.request().marks();
            mode = preview.request().settings().mode();
            edits = preview.edits();
            state = State.READY;
        } else {
            state = State.CANCELLED;
        }
    }

    synchronized void replacePreview(RedactionResult next) {
        if (preview != null && !isReleased(preview)) preview.close();
        preview = next;
    }

    synchronized void replaceRelease(ReleasedCopy next) {
        if (release != null && release.output() != next.output() && (preview == null || release.output() != preview.output())) {
            release.output().close();
        }
        release = next;
    }

    private boolean isReleased(RedactionResult r) {
        return release != null && r.output() == release.output();
    }

    /** Deletes every sealed file of this case (the request is closed or refused). */
    synchronized void discard() {
        if (preview != null && !isReleased(preview)) preview.close();
        if (release != null) release.output().close();
        preview = null;
        release = null;
        state = State.IDLE;
    }

    /** The server stops: previews are deleted, a released copy's file is kept for the next start ({@link KeptCopies}). */
    synchronized void shutdown() {
        if (preview != null && !isReleased(preview)) preview.close();
        if (release != null) release.output().closeKeepingFile();
        preview = null;
        release = null;
    }
}
