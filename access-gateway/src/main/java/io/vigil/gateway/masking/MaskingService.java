package io.vigil.gateway.masking;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.vigil.gateway.http.ApiException;
import io.vigil.gateway.requests.RequestException;
import io.vigil.gateway.requests.RequestKind;
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
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Masking for subject requests that ask to view their footage, once approved: still frames
 * to mark the requester, the masking job (one at a time, on its own thread: the machine has
 * two cores and the job blocks for minutes; never on a Netty event loop or a gateway
 * worker), the review's status, and the release of the reviewed copy. Released copies and
 * previews stay in sealed files under {@code <dataDir>/masking} until the request is closed
 * (or refused), the preview is replaced, or the server stops (docs/redaction.md).
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
    private final ExecutorService jobs = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "masking-job");
        t.setDaemon(true);
        return t;
    });

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
            c.marks = List.copyOf(marks);
            c.mode = mode;
            c.edits = edits;
            c.failure = null;
            c.startedBy = actor;
            c.startedAt = clock.instant();
            c.segmentsRead.set(0);
            c.segmentsTotal = store.segments().list(camera, r.from(), r.to()).size();
            c.state = MaskingCase.State.QUEUED;
            generation = ++c.generation;
        }
        Map<String, String> d = new TreeMap<>();
        d.put("mode", mode.name());
        d.put("marks", Integer.toString(marks.size()));
        d.put("unmaskedTracks", edits.unmaskedTracks().toString());
        d.put("addedRegions", Integer.toString(edits.addedRegions().size()));
        ledger.run(r, camera, actor, d);
        jobs.execute(() -> run(c, generation, req, edits));
        return MaskingStatus.of(c);
    }

    private void run(MaskingCase c, long generation, RedactionRequest req, ReviewEdits edits) {
        synchronized (c) {
            if (c.generation != generation) return;
            c.state = MaskingCase.State.RUNNING;
        }
        ApiException failure;
        try {
            RedactionResult res = redactor().redact(req, new ProgressSource(
                    new StoredSegmentSource(store.segments(), req.cameraId(), req.from(), req.to()), c.segmentsRead), edits);
            synchronized (c) {
                if (c.generation != generation) {
                    res.close();
                    return;
                }
                c.replacePreview(res);
                c.state = MaskingCase.State.READY;
            }
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

    /** The masking of a camera of a request as the review page shows it. */
    public MaskingStatus status(String number, String camera) {
        scope.approvedOrFulfilled(number, camera);
        return MaskingStatus.of(cases.computeIfAbsent(key(number, camera), k -> new MaskingCase(number, camera)));
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
        Map<String, String> details = new TreeMap<>(Redactor.ledgerDetails(res, reviewer));
        details.put("camera", camera);
        details.put("output.bytes", Long.toString(res.output().size()));
        details.put("manifest.sha256", ViewingRequests.sha256(manifest.json()));
        ViewingRequests.call(() -> requests.get().recordFulfilment(number, "copy", reviewer, "masked copy of " + camera + " released ("
                + res.frames() + " frames, SHA-256 " + res.outputSha256() + ")", MaskingLedger.releaseTemplate(r, camera, reviewer, details)));
        synchronized (c) {
            c.replaceRelease(new ReleasedCopy(res, manifest, reviewer, clock.instant()));
        }
        return MaskingStatus.of(c);
    }

    /** The released copy of a camera, or a refusal; {@code handedOverAs} non-null ledgers a hand-over to the requester. */
    public ReleasedCopy released(String number, String camera, String actor, String handedOverAs) {
        SubjectRequest r = scope.approvedOrFulfilled(number, camera);
        MaskingCase c = cases.get(key(number, camera));
        ReleasedCopy rel = c == null ? null : c.release;
        if (rel == null) throw MaskingErrors.refused(HttpResponseStatus.NOT_FOUND, "not-released", Map.of("number", number, "camera", camera));
        if (handedOverAs != null) ledger.handover(r, camera, actor, handedOverAs, handedOverAs.endsWith(".json")
                ? ViewingRequests.sha256(rel.manifest().json())
                : rel.copy().outputSha256());
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
            boolean keep;
            try {
                RequestState s = requests.get().get(c.number).state();
                keep = s == RequestState.APPROVED || s == RequestState.FULFILLED;
            } catch (RequestException gone) {
                keep = false;
            }
            if (!keep) {
                synchronized (c) {
                    if (c.state == MaskingCase.State.QUEUED || c.state == MaskingCase.State.RUNNING) continue;
                    c.discard();
                }
                cases.remove(e.getKey());
                log.info("deleted the masked preview and copy of subject request {} camera {}: the request is no longer open", c.number, c.camera);
            }
        }
    }

    @Override
    public void close() {
        jobs.shutdownNow();
        for (MaskingCase c : cases.values()) c.discard();
        cases.clear();
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
