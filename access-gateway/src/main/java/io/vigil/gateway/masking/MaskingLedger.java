package io.vigil.gateway.masking;

import io.vigil.config.CameraId;
import io.vigil.gateway.requests.RequestWorkflow;
import io.vigil.gateway.requests.SubjectRequest;
import io.vigil.redaction.RedactionMode;
import io.vigil.redaction.RedactionResult;
import io.vigil.redaction.Redactor;
import io.vigil.redaction.ReleaseManifest;
import io.vigil.redaction.ReviewEdits;
import io.vigil.storage.Ledger;
import io.vigil.storage.LedgerRecord;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The ledger entries of masking, in the management ledger's terms: reading footage to mark
 * the requester or to run the masking is a <em>use</em> by staff under the request's
 * authority; handing the released copy over is part of the <em>provision</em> to the
 * requester (the release itself is recorded through the request's fulfilment). Each entry
 * names the request number, the camera and the footage read, never the requester's personal data.
 */
final class MaskingLedger {
    static final String FRAME = "subject-request.masking-frame";
    static final String RUN = "subject-request.masking-run";
    static final String CANCEL = "subject-request.masking-cancel";
    static final String RELEASE = "subject-request.copy-release";
    static final String HANDOVER = "subject-request.copy-handover";
    static final String DELETED = "subject-request.copy-deleted";
    /** Who deletes the copies of requests no longer open: the server itself, not a member of staff. */
    static final String SERVER = "vigil";
    static final String BASIS = "PIPA Art. 35; video policy Art. 6";

    private final Ledger ledger;
    private final Clock clock;

    MaskingLedger(Ledger ledger, Clock clock) {
        this.ledger = ledger;
        this.clock = clock;
    }

    /** A still frame shown to staff for marking (written before the frame is read). */
    void frame(SubjectRequest r, CameraId camera, Instant at, String actor) {
        append(FRAME, r, camera, at, at, actor, "use: still frame shown to staff to mark the requester", null, Map.of());
    }

    /** The masking job reads and analyses the window (written before the first segment is read). */
    void run(SubjectRequest r, CameraId camera, String actor, RedactionMode mode, int marks, ReviewEdits edits) {
        Map<String, String> d = new TreeMap<>();
        d.put("mode", mode.name());
        d.put("marks", Integer.toString(marks));
        d.put("unmaskedTracks", edits.unmaskedTracks().toString());
        d.put("addedRegions", Integer.toString(edits.addedRegions().size()));
        d.put("unmaskedSpans", Integer.toString(edits.unmaskedSpans().size()));
        append(RUN, r, camera, r.from(), r.to(), actor, "use: footage analysed for masking, preview shown to staff", null, d);
    }

    /** A masking job stopped by staff while it waited or ran (its partial output deleted). */
    void cancel(SubjectRequest r, CameraId camera, String actor, Map<String, String> details) {
        append(CANCEL, r, camera, r.from(), r.to(), actor, "use stopped: masking job cancelled by staff, partial output deleted",
                null, details);
    }

    /** The released copy (MP4 and manifest) handed over, e.g. downloaded to give to the requester. */
    void handover(SubjectRequest r, CameraId camera, String actor, String what, String sha256) {
        append(HANDOVER, r, camera, r.from(), r.to(), actor, "provision: masked copy handed over (" + what + ")",
                RequestWorkflow.subjectOf(r), Map.of("sha256", sha256, "file", what));
    }

    /**
     * A released copy deleted by the server because its request is no longer open (closed,
     * refused or gone): the request number and camera, the request's state, the copy's
     * SHA-256, and where it was noticed ({@code housekeeping} while running, {@code start} when
     * the request closed while the server was down): codes, which the ledger page puts in
     * words. No footage is read; the request's record may be gone, so only its number is used.
     */
    void copyDeleted(String number, CameraId camera, String requestState, String sha256, String noticed) {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("request", number);
        d.put("camera", camera.value());
        d.put("requestState", requestState);
        d.put("sha256", sha256);
        d.put("noticed", noticed);
        ledger.append(new LedgerRecord(DELETED, clock.instant(), SERVER, camera.value(), null, null,
                "subject request " + number + ": view (masked copy deleted)", null, BASIS,
                "masked copy and its key deleted (originals untouched)", null, d));
    }

    /**
     * The template of the release entry, completed by {@link RequestWorkflow#recordFulfilment}: the
     * settings, model hash, reviewer and output hash ({@link Redactor#ledgerDetails}), the camera,
     * the copy's length and the manifest's hash.
     */
    static LedgerRecord releaseTemplate(SubjectRequest r, CameraId camera, String actor, RedactionResult res, ReleaseManifest manifest) {
        Map<String, String> details = new TreeMap<>(Redactor.ledgerDetails(res, actor));
        details.put("camera", camera.value());
        details.put("output.bytes", Long.toString(res.output().size()));
        details.put("manifest.sha256", ViewingRequests.sha256(manifest.json()));
        return new LedgerRecord(RELEASE, Instant.EPOCH, actor, camera.value(), r.from(), r.to(), purpose(r, "masked copy"),
                RequestWorkflow.subjectOf(r), BASIS, "provision: masked MP4 with signed manifest (originals never leave)", null, details);
    }

    private void append(String type, SubjectRequest r, CameraId camera, Instant from, Instant to, String actor, String form,
                        String recipient, Map<String, String> extra) {
        Map<String, String> d = new LinkedHashMap<>(extra);
        d.put("request", r.number());
        d.put("camera", camera.value());
        ledger.append(new LedgerRecord(type, clock.instant(), actor, camera.value(), from, to, purpose(r, "masking"),
                recipient, BASIS, form, null, d));
    }

    private static String purpose(SubjectRequest r, String step) {
        return "subject request " + r.number() + ": view (" + step + ")";
    }
}
