package io.vigil.gateway.masking;

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
 * The sealed files of a replaced preview or copy are deleted as soon as they are replaced.
 */
final class MaskingCase {
    enum State { IDLE, QUEUED, RUNNING, READY, FAILED }

    final String number;
    final String camera;
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

    MaskingCase(String number, String camera) {
        this.number = number;
        this.camera = camera;
    }

    synchronized void replacePreview(RedactionResult next) {
        if (preview != null && (release == null || preview != release.copy())) preview.close();
        preview = next;
    }

    synchronized void replaceRelease(ReleasedCopy next) {
        if (release != null && release.copy() != preview) release.copy().close();
        release = next;
    }

    /** Deletes every sealed file of this case (the request closed, or the server stops). */
    synchronized void discard() {
        if (preview != null) preview.close();
        if (release != null && release.copy() != preview) release.copy().close();
        preview = null;
        release = null;
        state = State.IDLE;
    }
}
