package io.vigil.gateway.masking;

import io.vigil.config.CameraId;
import io.vigil.gateway.requests.RequestWorkflow;
import io.vigil.redaction.Ed25519ManifestSigner;
import io.vigil.redaction.FfmpegLog;
import io.vigil.redaction.RedactionException;
import io.vigil.redaction.RedactionMode;
import io.vigil.redaction.RedactionResult;
import io.vigil.redaction.Redactor;
import io.vigil.redaction.RequesterMark;
import io.vigil.redaction.ReviewEdits;
import io.vigil.redaction.StillFrame;
import io.vigil.storage.VigilStore;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * Masking for subject requests that ask to view their footage, once approved: the one door
 * the gateway's API, kiosk and housekeeping go through. Behind it, one part per job:
 * {@link MaskingPictures} (still frames to mark the requester, thumbnails, the preview: the
 * privacy manager's only), {@link MaskingJobs} (the job queue, its cancel and the status the
 * review page and the officer's request page show), {@link ReleasedCopies} (release,
 * hand-over, the kiosk's copies, kept across restarts until the request closes). Previews
 * stay in sealed files under {@code <dataDir>/masking} until replaced or the server stops
 * (docs/redaction.md).
 */
public final class MaskingService implements AutoCloseable {
    private final Supplier<KeyPair> signingKey;
    private final Path workDir;
    private final MaskingCases cases = new MaskingCases();
    private final MaskingPictures pictures;
    private final MaskingJobs jobs;
    private final ReleasedCopies copies;

    public MaskingService(VigilStore store, Supplier<RequestWorkflow> requests, Supplier<KeyPair> signingKey, Clock clock, Path workDir) {
        this.signingKey = signingKey;
        this.workDir = workDir;
        MaskingLedger ledger = new MaskingLedger(store.ledger(), clock);
        ViewingRequests scope = new ViewingRequests(requests);
        this.pictures = new MaskingPictures(store.segments(), scope, ledger, cases);
        this.jobs = new MaskingJobs(store.segments(), scope, ledger, cases, this::redactor, clock);
        this.copies = new ReleasedCopies(requests, signingKey, () -> store.table(VigilStore.META), workDir, scope, ledger, cases,
                this::redactor, clock);
        FfmpegLog.errorsOnly();
    }

    /** The first frame at or after {@code at} (the window's start when null), ledgered as a use before it is read. */
    public StillFrame frame(String number, CameraId camera, Instant at, String actor) {
        return pictures.frame(number, camera, at, actor);
    }

    /** Starts (or queues) the masking job with these marks, mode and review edits; the page polls {@link #status}. */
    public MaskingStatus start(String number, CameraId camera, List<RequesterMark> marks, RedactionMode mode, ReviewEdits edits,
                               String actor) {
        return jobs.start(number, camera, marks, mode, edits, actor);
    }

    /** Cancels the job of a request's camera, waiting or running (ledgered); nothing to cancel: the status as it is. */
    public MaskingStatus cancel(String number, CameraId camera, String actor) {
        return jobs.cancel(number, camera, actor);
    }

    /** The masking of a camera of a request as the review page (and, without pictures, the officer's page) shows it. */
    public MaskingStatus status(String number, CameraId camera) {
        return jobs.status(number, camera);
    }

    /** A face track's thumbnail (unmasked: staff only), or null. */
    public byte[] thumbnail(String number, CameraId camera, int trackId) {
        return pictures.thumbnail(number, camera, trackId);
    }

    /** The preview under review (the sealed masked MP4), or a refusal when none is ready. */
    public RedactionResult preview(String number, CameraId camera) {
        return pictures.preview(number, camera);
    }

    /** Releases the reviewed preview to the requester (signed manifest, provision recorded); the status after. */
    public MaskingStatus release(String number, CameraId camera, String reviewer) {
        return jobs.status(copies.release(number, camera, reviewer));
    }

    /** The released copy of a camera, or a refusal; {@code handedOverAs} non-null ledgers a hand-over to the requester. */
    public ReleasedCopy released(String number, CameraId camera, String actor, String handedOverAs) {
        return copies.released(number, camera, actor, handedOverAs);
    }

    /** The cameras of a request that have a released masked copy (what the kiosk may play). */
    public List<CameraId> releasedCameras(String number) {
        return copies.releasedCameras(number);
    }

    /** Deletes the previews and copies of requests that are closed, refused or gone, ledgered (housekeeping, every minute). */
    public void sweep() {
        copies.sweep();
    }

    /** Reads back the released copies kept by an earlier run (call once, before serving). */
    public void restore() {
        copies.restore();
    }

    @Override
    public void close() {
        jobs.close();
        cases.shutdown();
    }

    private Redactor redactor() {
        KeyPair key = signingKey.get();
        if (key == null) throw new RedactionException("no manifest signing key: the server has no ledger key pair");
        return new Redactor(workDir, new Ed25519ManifestSigner(key));
    }
}
