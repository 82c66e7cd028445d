package io.vigil.gateway.masking;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.vigil.config.CameraId;
import io.vigil.gateway.requests.SubjectRequest;
import io.vigil.redaction.RedactionException;
import io.vigil.redaction.RedactionMode;
import io.vigil.redaction.RedactionRequest;
import io.vigil.redaction.RedactionSettings;
import io.vigil.redaction.Redactor;
import io.vigil.redaction.RequesterMark;
import io.vigil.redaction.ReviewEdits;
import io.vigil.storage.SegmentStore;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Starting, cancelling and reporting the masking jobs: a job asked for is ledgered as a use
 * of the window and put in the line of {@link MaskingQueue} (one at a time, on its own
 * thread); a cancel takes it out of the line or stops it at its next frame, ledgered; the
 * status is what the review page and the officer's request page show.
 */
final class MaskingJobs implements AutoCloseable {
    private final SegmentStore segments;
    private final ViewingRequests scope;
    private final MaskingLedger ledger;
    private final MaskingCases cases;
    private final Supplier<Redactor> redactor;
    private final Clock clock;
    private final MaskingQueue queue = new MaskingQueue();

    MaskingJobs(SegmentStore segments, ViewingRequests scope, MaskingLedger ledger, MaskingCases cases, Supplier<Redactor> redactor,
                Clock clock) {
        this.segments = segments;
        this.scope = scope;
        this.ledger = ledger;
        this.cases = cases;
        this.redactor = redactor;
        this.clock = clock;
    }

    /** Starts (or queues) the masking job with these marks, mode and review edits; the page polls {@link #status}. */
    MaskingStatus start(String number, CameraId camera, List<RequesterMark> marks, RedactionMode mode, ReviewEdits edits, String actor) {
        SubjectRequest r = scope.approved(number, camera);
        if (marks.isEmpty()) throw MaskingErrors.refused(HttpResponseStatus.BAD_REQUEST, "no-marks", Map.of("number", number));
        RedactionRequest req;
        try {
            req = new RedactionRequest(number, camera, r.from(), r.to(), marks, RedactionSettings.defaults().withMode(mode));
        } catch (RedactionException e) {
            throw MaskingErrors.of(e);
        }
        MaskingCase c = cases.of(number, camera);
        long generation;
        synchronized (c) {
            if (c.state == MaskingCase.State.QUEUED || c.state == MaskingCase.State.RUNNING) {
                throw MaskingErrors.refused(HttpResponseStatus.CONFLICT, "busy", Map.of("number", number, "camera", camera.value(),
                        "by", String.valueOf(c.startedBy)));
            }
            generation = c.begin(marks, mode, edits, actor, clock.instant(), segments.list(camera, r.from(), r.to()).size());
        }
        ledger.run(r, camera, actor, mode, marks.size(), edits);
        queue.submit(c, new MaskingJob(c, generation, req, edits, segments, redactor, clock));
        return status(c);
    }

    /**
     * Cancels the case's job: a waiting one leaves the line, a running one stops at its next
     * frame and its partial output is deleted. The cancel is ledgered (who, and what the job
     * had read). The preview of an earlier run, if any, stays under review, with the marks and
     * edits it was made with. Nothing to cancel: the status as it is, nothing ledgered.
     */
    MaskingStatus cancel(String number, CameraId camera, String actor) {
        SubjectRequest r = scope.approvedOrFulfilled(number, camera);
        MaskingCase c = cases.find(number, camera);
        if (c == null) return status(number, camera);
        String was;
        synchronized (c) {
            if (c.state == MaskingCase.State.QUEUED && queue.withdraw(c)) {
                was = "queued";
                c.generation++;
                c.cancelledBy = actor;
                c.restoreAfterCancel(clock.instant());
            } else if (c.state == MaskingCase.State.RUNNING || c.state == MaskingCase.State.QUEUED) {
                was = c.state.name().toLowerCase(Locale.ROOT);
                c.cancelledBy = actor;
                c.cancelGeneration = c.generation; // the job sees it before its next frame
            } else {
                return status(c);
            }
        }
        ledger.cancel(r, camera, actor, Map.of("state", was, "segmentsRead", Integer.toString(c.segmentsRead.get()),
                "segmentsTotal", Integer.toString(c.segmentsTotal), "startedBy", String.valueOf(c.startedBy)));
        return status(c);
    }

    /** The masking of a camera of a request as the review page and the officer's request page show it. */
    MaskingStatus status(String number, CameraId camera) {
        scope.approvedOrFulfilled(number, camera);
        return status(cases.of(number, camera));
    }

    MaskingStatus status(MaskingCase c) {
        return MaskingStatus.of(c, queue.position(c));
    }

    @Override
    public void close() {
        queue.close();
    }
}
