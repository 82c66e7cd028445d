package io.vigil.gateway.masking;

import io.netty.handler.codec.http.HttpResponseStatus;

import io.vigil.gateway.requests.RequestException;

import io.vigil.gateway.requests.RequestState;
import io.vigil.gateway.requests.RequestWorkflow;
import io.vigil.gateway.requests.SubjectRequest;
import io.vigil.redaction.Ed25519ManifestSigner;

import io.vigil.redaction.RedactionException;
import io.vigil.redaction.RedactionMode;
import io.vigil.redaction.RedactionRequest;
import io.vigil.redaction.RedactionResult;
import io.vigil.redaction.RedactionSettings;
import io.vigil.redaction.Redactor;
import io.vigil.redaction.ReleaseManifest;
import io.vigil.redaction.RequesterMark;
import io.vigil.redaction.ReviewEdits;
import io.vigil.redaction.StillFrame;
import io.vigil.redaction.StoredSegmentSource;
import io.vigil.storage.VigilStore;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Masking for subject requests that ask to view their footage, once approved: still frames
 * to mark the requester, the masking job (one at a time, on its own thread: the machine has
 * two cores and the job blocks for minutes; never on a Netty event loop or a gateway
 * worker; {@link MaskingQueue}), its cancel, the review's status, and the release of the
 * reviewed copy. Previews stay in sealed files under {@code <dataDir>/masking} until replaced
 * or the server stops; a released copy until the request is closed or refused, across
 * restarts ({@link KeptCopies}; docs/redaction.md).
 */
public final class MaskingService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MaskingService.class);

    private final VigilStore store;
    private final Supplier<RequestWorkflow> requests;
    private final Supplier<KeyPair> signingKey;
    private final Clock clock;
    private final Path workDir;
    private final MaskingLedger ledger;
    private final ViewingRequests scope;
    private final Map<String, MaskingCase> cases = new ConcurrentHashMap<>();
    private final MaskingQueue queue = new MaskingQueue();
    private KeptCopies keptCopies;

    public MaskingService(VigilStore store, Supplier<RequestWorkflow> requests, Supplier<KeyPair> signingKey, Clock clock, Path workDir) {
        this.store = store;
        this.requests = requests;
        this.signingKey = signingKey;
        this.clock = clock;
        this.workDir = workDir;
        this.ledger = new MaskingLedger(store.ledger(), clock);
        this.scope = new ViewingRequests(requests);
        io.vigil.redaction.FfmpegLog.errorsOnly();
    }

    /** The first frame at or after {@code at} (the window's start when null), ledgered as a use before it is read. */
    public StillFrame frame(String number, String camera, Instant at, String actor) {
        SubjectRequest r = scope.approved(number, camera);
        Instant t = at == null ? r.from() : at;
        if (t.isBefore(r.from()) || !t.isBefore(r.to())) {
            throw MaskingErrors.refused(HttpResponseStatus.BAD_REQUEST, "outside-window",
                    Map.of("at", t.toString(), "from", r.from().toString(), "to", r.to().toString(), "number", number));
        }
        ledger.frame(r, camera, t, actor);
        try {
            return StillFrame.first(new StoredSegmentSource(store.segments(), camera, t, r.to()), t, r.to());
        } catch (RedactionException e) {
            throw MaskingErrors.of(e);
        }
    }

    /** Starts (or queues) the masking job with these marks, mode and review edits; the page polls {@link #status}. */
    public MaskingStatus start(String number, String camera, List<RequesterMark> marks, RedactionMode mode, ReviewEdits edits,
                               String actor) {
        SubjectRequest r = scope.approved(number, camera);
        if (marks.isEmpty()) throw MaskingErrors.refused(HttpResponseStatus.BAD_REQUEST, "no-marks", Map.of("number", number));
        RedactionRequest req;
        try {
            req = new RedactionRequest(number, camera, r.from(), r.to(), marks, RedactionSettings.defaults().withMode(mode));
        } catch (RedactionException e) {
            throw MaskingErrors.of(e);
        }
        MaskingCase c = cases.computeIfAbsent(key(number, camera), k -> new MaskingCase(number, camera));
        long generation;
        synchronized (c) {
            if (c.state == MaskingCase.State.QUEUED || c.state == MaskingCase.State.RUNNING) {
                throw MaskingErrors.refused(HttpResponseStatus.CONFLICT, "busy", Map.of("number", number, "camera", camera,
                        "by", String.valueOf(c.startedBy)));
            }
            generation = c.begin(marks, mode, edits, actor, clock.instant(), store.segments().list(camera, r.from(), r.to()).size());
        }
        ledger.run(r, camera, actor, mode, marks.size(), edits);
        queue.submit(c, new MaskingJob(c, generation, req, edits, store.segments(), this::redactor, clock));
        return status(c);
    }

    /**
     * Cancels the case's job: a waiting one leaves the line, a running one stops at its next
     * frame and its partial output is deleted. The cancel is ledgered (who, and what the job
     * had read). The preview of an earlier run, if any, stays under review, with the marks and
     * edits it was made with. Nothing to cancel: the status as it is, nothing ledgered.
     */
    public MaskingStatus cancel(String number, String camera, String actor) {
        SubjectRequest r = scope.approvedOrFulfilled(number, camera);
        MaskingCase c = cases.get(key(number, camera));
        if (c == null) return status(number, camera);
        String was;
        synchronized (c) {
            if (c.state == MaskingCase.State.QUEUED && queue.withdraw(c)) {
                was = "queued";
                c.generation++;
                c.cancelledBy = actor;
                c.restoreAfterCancel(clock.instant());
            } else if (c.state == MaskingCase.State.RUNNING || c.state == MaskingCase.State.QUEUED) {
                was = c.state.name().toLowerCase(java.util.Locale.ROOT);
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

    private MaskingStatus status(MaskingCase c) {
        return MaskingStatus.of(c, queue.position(c));
    }

    /** The masking of a camera of a request as the review page shows it. */
    public MaskingStatus status(String number, String camera) {
        scope.approvedOrFulfilled(number, camera);
        return status(cases.computeIfAbsent(key(number, camera), k -> new MaskingCase(number, camera)));
    }

    /** A face track's thumbnail (unmasked: staff only), or null. */
    public byte[] thumbnail(String number, String camera, int trackId) {
        scope.approved(number, camera);
        MaskingCase c = cases.get(key(number, camera));
        if (c == null) return null;
        synchronized (c) {
            if (c.preview == null) return null;
            return c.preview.tracks().stream().filter(t -> t.id() == trackId).map(t -> t.thumbnailJpeg()).findFirst().orElse(null);
        }
    }

    /** The preview under review (the sealed masked MP4), or a refusal when none is ready. */
    public RedactionResult preview(String number, String camera) {
        scope.approvedOrFulfilled(number, camera);
        MaskingCase c = cases.get(key(number, camera));
        synchronized (c == null ? this : c) {
            if (c == null || c.preview == null) {
                throw MaskingErrors.refused(HttpResponseStatus.NOT_FOUND, "no-preview", Map.of("number", number, "camera", camera));
            }
            return c.preview;
        }
    }

    /**
     * Releases the reviewed preview: signs its manifest, records the provision to the
     * requester (settings, model hash, reviewer, output hash) through the request's
     * fulfilment, and keeps the copy for hand-over and the kiosk.
     */
    public MaskingStatus release(String number, String camera, String reviewer) {
        SubjectRequest r = scope.approved(number, camera);
        MaskingCase c = cases.get(key(number, camera));
        RedactionResult res;
        synchronized (c == null ? this : c) {
            if (c == null || c.state != MaskingCase.State.READY || c.preview == null) {
                throw MaskingErrors.refused(HttpResponseStatus.CONFLICT, "nothing-to-release", Map.of("number", number, "camera", camera));
            }
            res = c.preview;
        }
        ReleaseManifest manifest = redactor().release(res, reviewer, clock.instant());
        ViewingRequests.call(() -> requests.get().recordFulfilment(number, "copy", reviewer, "masked copy of " + camera + " released ("
                + res.frames() + " frames, SHA-256 " + res.outputSha256() + ")", MaskingLedger.releaseTemplate(r, camera, reviewer, res, manifest)));
        ReleasedCopy copy = new ReleasedCopy(res.output(), res.outputSha256(), res.frames(), res.duration().toMillis(), manifest,
                reviewer, clock.instant());
        synchronized (c) {
            kept().keep(number, camera, copy);
            c.replaceRelease(copy);
        }
        return status(c);
    }

    /** The released copy of a camera, or a refusal; {@code handedOverAs} non-null ledgers a hand-over to the requester. */
    public ReleasedCopy released(String number, String camera, String actor, String handedOverAs) {
        SubjectRequest r = scope.approvedOrFulfilled(number, camera);
        MaskingCase c = cases.get(key(number, camera));
        ReleasedCopy rel = c == null ? null : c.release;
        if (rel == null) throw MaskingErrors.refused(HttpResponseStatus.NOT_FOUND, "not-released", Map.of("number", number, "camera", camera));
        if (handedOverAs != null) ledger.handover(r, camera, actor, handedOverAs, handedOverAs.endsWith(".json")
                ? ViewingRequests.sha256(rel.manifest().json())
                : rel.sha256());
        return rel;
    }

    /** The cameras of a request that have a released masked copy (what the kiosk may play). */
    public List<String> releasedCameras(String number) {
        List<String> out = new ArrayList<>();
        for (MaskingCase c : cases.values()) {
            synchronized (c) {
                if (c.number.equals(number) && c.release != null) out.add(c.camera);
            }
        }
        out.sort(null);
        return out;
    }

    /** Deletes the previews and copies of requests that are closed, refused or gone (housekeeping, every minute). */
    public void sweep() {
        for (Map.Entry<String, MaskingCase> e : cases.entrySet()) {
            MaskingCase c = e.getValue();
            if (!isOpen(c.number)) {
                synchronized (c) {
                    if (c.state == MaskingCase.State.QUEUED || c.state == MaskingCase.State.RUNNING) continue;
                    if (c.release != null) kept().forget(c.number, c.camera);
                    c.discard();
                }
                cases.remove(e.getKey());
                log.info("deleted the masked preview and copy of subject request {} camera {}: the request is no longer open", c.number, c.camera);
            }
        }
    }

    @Override
    public void close() {
        queue.close();
        for (MaskingCase c : cases.values()) c.shutdown();
        cases.clear();
    }

    /** Whether a request is still approved or fulfilled (its masked copies are kept), not closed, refused or gone. */
    private boolean isOpen(String number) {
        try {
            RequestState s = requests.get().get(number).state();
            return s == RequestState.APPROVED || s == RequestState.FULFILLED;
        } catch (RequestException gone) {
            return false;
        }
    }

    /**
     * Reads back the released copies kept by an earlier run (call once, before serving): each
     * request's camera has its copy again for hand-over and the kiosk, until the request closes
     * (the copies of requests closed meanwhile are deleted now).
     */
    public void restore() {
        if (signingKey.get() == null) return; // no keystore key (a read-only tool): nothing was kept under it either
        for (KeptCopies.Restored r : kept().restore()) {
            if (!isOpen(r.number())) { // closed while the server was down
                kept().forget(r.number(), r.camera());
                r.copy().output().close();
                log.info("deleted the kept masked copy of subject request {} camera {}: the request is no longer open", r.number(), r.camera());
                continue;
            }
            MaskingCase c = cases.computeIfAbsent(key(r.number(), r.camera()), k -> new MaskingCase(r.number(), r.camera()));
            synchronized (c) {
                c.replaceRelease(r.copy());
            }
            log.info("kept masked copy of subject request {} camera {} (released by {} at {}) read back", r.number(), r.camera(),
                    r.copy().by(), r.copy().at());
        }
    }

    /** The kept copies' store, once the keystore's key is known (the gateway may be given it after construction). */
    private synchronized KeptCopies kept() {
        if (keptCopies == null) {
            KeyPair key = signingKey.get();
            if (key == null) throw new RedactionException("no keystore key: the server has no ledger key pair to keep masked copies under");
            keptCopies = new KeptCopies(store.table(VigilStore.META), workDir, key);
        }
        return keptCopies;
    }

    private Redactor redactor() {
        KeyPair key = signingKey.get();
        if (key == null) throw new RedactionException("no manifest signing key: the server has no ledger key pair");
        return new Redactor(workDir, new Ed25519ManifestSigner(key));
    }

    private static String key(String number, String camera) {
        return number + "/" + camera;
    }
}
