package io.vigil.gateway.masking;

import io.vigil.gateway.http.ApiException;
import io.vigil.redaction.RedactionCancelledException;
import io.vigil.redaction.RedactionException;
import io.vigil.redaction.RedactionRequest;
import io.vigil.redaction.RedactionResult;
import io.vigil.redaction.Redactor;
import io.vigil.redaction.ReviewEdits;
import io.vigil.redaction.StoredSegmentSource;
import io.vigil.storage.SegmentStore;
import java.time.Clock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One masking job of a case, run by {@link MaskingQueue}'s thread: reads the window through
 * the store, counting segments for the page, and leaves the case READY with the new preview,
 * FAILED with the words for staff, or (cancelled) as it was before. A job whose case moved on
 * (a newer generation) drops its own result; a cancel is asked before every frame.
 */
final class MaskingJob implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(MaskingJob.class);

    private final MaskingCase c;
    private final long generation;
    private final RedactionRequest req;
    private final ReviewEdits edits;
    private final SegmentStore segments;
    private final Supplier<Redactor> redactor;
    private final Clock clock;

    MaskingJob(MaskingCase c, long generation, RedactionRequest req, ReviewEdits edits, SegmentStore segments,
               Supplier<Redactor> redactor, Clock clock) {
        this.c = c;
        this.generation = generation;
        this.req = req;
        this.edits = edits;
        this.segments = segments;
        this.redactor = redactor;
        this.clock = clock;
    }

    @Override
    public void run() {
        synchronized (c) {
            if (c.generation != generation) return;
            c.state = MaskingCase.State.RUNNING;
        }
        ApiException failure;
        try {
            RedactionResult res = redactor.get().redact(req, new ProgressSource(
                    new StoredSegmentSource(segments, req.cameraId(), req.from(), req.to()), c.segmentsRead), edits,
                    () -> c.cancelGeneration == generation);
            finished(res);
            return;
        } catch (RedactionCancelledException e) {
            synchronized (c) {
                if (c.generation == generation) c.restoreAfterCancel(clock.instant());
            }
            log.info("masking of request {} camera {} cancelled by {}", req.requestId(), req.cameraId(), c.cancelledBy);
            return;
        } catch (RedactionException e) {
            failure = MaskingErrors.of(e);
        } catch (RuntimeException e) {
            log.warn("masking job of request {} camera {} failed", req.requestId(), req.cameraId(), e);
            failure = MaskingErrors.of(new RedactionException("masking of request " + req.requestId() + " failed: " + e.getMessage(), e));
        }
        synchronized (c) {
            if (c.generation != generation) return;
            c.replacePreview(null);
            c.failure = failure;
            c.state = MaskingCase.State.FAILED;
        }
    }

    private void finished(RedactionResult res) {
        synchronized (c) {
            if (c.generation != generation || c.cancelGeneration == generation) {
                res.close(); // replaced, or cancelled after its last frame: the cancel still holds
                if (c.generation == generation) c.restoreAfterCancel(clock.instant());
                return;
            }
            c.replacePreview(res);
            c.state = MaskingCase.State.READY;
        }
    }
}
