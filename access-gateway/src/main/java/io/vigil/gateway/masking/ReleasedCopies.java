package io.vigil.gateway.masking;

import io.vigil.config.CameraId;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.vigil.gateway.requests.RequestException;
import io.vigil.gateway.requests.RequestState;
import io.vigil.gateway.requests.RequestWorkflow;
import io.vigil.gateway.requests.SubjectRequest;
import io.vigil.redaction.RedactionException;
import io.vigil.redaction.RedactionResult;
import io.vigil.redaction.Redactor;
import io.vigil.redaction.ReleaseManifest;
import io.vigil.storage.RecordTable;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The life of a released masked copy: released from the reviewed preview (manifest signed,
 * the provision recorded through the request's fulfilment), handed over or played at the
 * kiosk while the request is open, kept across restarts ({@link KeptCopies}), and deleted,
 * ledgered, once the request is closed, refused or gone: at the housekeeping's next tick
 * ({@link #sweep}) or, when that happened while the server was down, at start ({@link #restore}).
 */
final class ReleasedCopies {
    private static final Logger log = LoggerFactory.getLogger(ReleasedCopies.class);

    private final Supplier<RequestWorkflow> requests;
    private final Supplier<KeyPair> signingKey;
    private final Supplier<RecordTable> meta;
    private final Path workDir;
    private final ViewingRequests scope;
    private final MaskingLedger ledger;
    private final MaskingCases cases;
    private final Supplier<Redactor> redactor;
    private final Clock clock;
    private KeptCopies keptCopies;

    ReleasedCopies(Supplier<RequestWorkflow> requests, Supplier<KeyPair> signingKey, Supplier<RecordTable> meta, Path workDir,
                   ViewingRequests scope, MaskingLedger ledger, MaskingCases cases, Supplier<Redactor> redactor, Clock clock) {
        this.requests = requests;
        this.signingKey = signingKey;
        this.meta = meta;
        this.workDir = workDir;
        this.scope = scope;
        this.ledger = ledger;
        this.cases = cases;
        this.redactor = redactor;
        this.clock = clock;
    }

    /**
     * Releases the reviewed preview: signs its manifest, records the provision to the
     * requester (settings, model hash, reviewer, output hash) through the request's
     * fulfilment, and keeps the copy for hand-over and the kiosk. Returns the case.
     */
    MaskingCase release(String number, CameraId camera, String reviewer) {
        SubjectRequest r = scope.approved(number, camera);
        MaskingCase c = cases.find(number, camera);
        RedactionResult res = c == null ? null : reviewed(c);
        if (res == null) {
            throw MaskingErrors.refused(HttpResponseStatus.CONFLICT, "nothing-to-release", Map.of("number", number, "camera", camera.value()));
        }
        ReleaseManifest manifest = redactor.get().release(res, reviewer, clock.instant());
        ViewingRequests.call(() -> requests.get().recordFulfilment(number, "copy", reviewer, "masked copy of " + camera + " released ("
                + res.frames() + " frames, SHA-256 " + res.outputSha256() + ")", MaskingLedger.releaseTemplate(r, camera, reviewer, res, manifest)));
        ReleasedCopy copy = new ReleasedCopy(res.output(), res.outputSha256(), res.frames(), res.duration().toMillis(), manifest,
                reviewer, clock.instant());
        synchronized (c) {
            kept().keep(number, camera, copy);
            c.replaceRelease(copy);
        }
        return c;
    }

    /** The finished preview under review, or null. */
    private static RedactionResult reviewed(MaskingCase c) {
        synchronized (c) {
            return c.state == MaskingCase.State.READY ? c.preview : null;
        }
    }

    /** The released copy of a camera, or a refusal; {@code handedOverAs} non-null ledgers a hand-over to the requester. */
    ReleasedCopy released(String number, CameraId camera, String actor, String handedOverAs) {
        SubjectRequest r = scope.approvedOrFulfilled(number, camera);
        MaskingCase c = cases.find(number, camera);
        ReleasedCopy rel = c == null ? null : c.release;
        if (rel == null) throw MaskingErrors.refused(HttpResponseStatus.NOT_FOUND, "not-released", Map.of("number", number, "camera", camera.value()));
        if (handedOverAs != null) ledger.handover(r, camera, actor, handedOverAs, handedOverAs.endsWith(".json")
                ? ViewingRequests.sha256(rel.manifest().json())
                : rel.sha256());
        return rel;
    }

    /** The cameras of a request that have a released masked copy (what the kiosk may play). */
    List<CameraId> releasedCameras(String number) {
        List<CameraId> out = new ArrayList<>();
        for (MaskingCase c : cases.all()) {
            synchronized (c) {
                if (c.number.equals(number) && c.release != null) out.add(c.camera);
            }
        }
        out.sort(null);
        return out;
    }

    /**
     * Deletes the previews and copies of requests that are closed, refused or gone (the
     * gateway's housekeeping, every minute); each released copy deleted is ledgered. A job
     * still queued or running is left to finish first.
     */
    void sweep() {
        for (MaskingCase c : cases.all()) {
            String closed = closedState(c.number);
            if (closed == null) continue;
            ReleasedCopy copy;
            synchronized (c) {
                if (c.state == MaskingCase.State.QUEUED || c.state == MaskingCase.State.RUNNING) continue;
                copy = c.release;
                if (copy != null) kept().forget(c.number, c.camera);
                c.discard();
            }
            cases.remove(c);
            if (copy != null) ledger.copyDeleted(c.number, c.camera, closed, copy.sha256(), "housekeeping");
            log.info("deleted the masked preview and copy of subject request {} camera {}: the request is {}", c.number, c.camera, closed);
        }
    }

    /**
     * Reads back the released copies kept by an earlier run (call once, before serving): each
     * request's camera has its copy again for hand-over and the kiosk, until the request closes
     * (the copies of requests closed meanwhile are deleted now, ledgered).
     */
    void restore() {
        if (signingKey.get() == null) return; // no keystore key (a read-only tool): nothing was kept under it either
        for (KeptCopies.Restored r : kept().restore()) {
            String closed = closedState(r.number());
            if (closed != null) { // closed while the server was down
                kept().forget(r.number(), r.camera());
                r.copy().output().close();
                ledger.copyDeleted(r.number(), r.camera(), closed, r.copy().sha256(), "start");
                log.info("deleted the kept masked copy of subject request {} camera {}: the request is {}", r.number(), r.camera(), closed);
                continue;
            }
            MaskingCase c = cases.of(r.number(), r.camera());
            synchronized (c) {
                c.replaceRelease(r.copy());
            }
            log.info("kept masked copy of subject request {} camera {} (released by {} at {}) read back", r.number(), r.camera(),
                    r.copy().by(), r.copy().at());
        }
    }

    /** Null while the request is approved or fulfilled (its masked copies are kept); else its state's name, or "gone". */
    private String closedState(String number) {
        try {
            RequestState s = requests.get().get(number).state();
            return s == RequestState.APPROVED || s == RequestState.FULFILLED ? null : s.wire();
        } catch (RequestException gone) {
            return "gone";
        }
    }

    /** The kept copies' store, once the keystore's key is known (the gateway may be given it after construction). */
    private synchronized KeptCopies kept() {
        if (keptCopies == null) {
            KeyPair key = signingKey.get();
            if (key == null) throw new RedactionException("no keystore key: the server has no ledger key pair to keep masked copies under");
            keptCopies = new KeptCopies(meta.get(), workDir, key);
        }
        return keptCopies;
    }
}
