package io.vigil.gateway.masking;

import io.vigil.gateway.requests.RequestWorkflow;
import io.vigil.gateway.requests.SubjectRequest;
import io.vigil.storage.Ledger;
import io.vigil.storage.LedgerRecord;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

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
    static final String RELEASE = "subject-request.copy-release";
    static final String HANDOVER = "subject-request.copy-handover";
    static final String BASIS = "PIPA Art. 35; video policy Art. 6";

    private final Ledger ledger;
    private final Clock clock;

    MaskingLedger(Ledger ledger, Clock clock) {
        this.ledger = ledger;
        this.clock = clock;
    }

    /** A still frame shown to staff for marking (written before the frame is read). */
    void frame(SubjectRequest r, String camera, Instant at, String actor) {
        append(FRAME, r, camera, at, at, actor, "use: still frame shown to staff to mark the requester", null, Map.of());
    }

    /** The masking job reads and analyses the window (written before the first segment is read). */
    void run(SubjectRequest r, String camera, String actor, Map<String, String> details) {
        append(RUN, r, camera, r.from(), r.to(), actor, "use: footage analysed for masking, preview shown to staff", null, details);
    }

    /** The released copy (MP4 and manifest) handed over, e.g. downloaded to give to the requester. */
    void handover(SubjectRequest r, String camera, String actor, String what, String sha256) {
        append(HANDOVER, r, camera, r.from(), r.to(), actor, "provision: masked copy handed over (" + what + ")",
                RequestWorkflow.subjectOf(r), Map.of("sha256", sha256, "file", what));
    }

    /** The template of the release entry, completed by {@link RequestWorkflow#recordFulfilment}. */
    static LedgerRecord releaseTemplate(SubjectRequest r, String camera, String actor, Map<String, String> details) {
        return new LedgerRecord(RELEASE, Instant.EPOCH, actor, camera, r.from(), r.to(), purpose(r, "masked copy"),
                RequestWorkflow.subjectOf(r), BASIS, "provision: masked MP4 with signed manifest (originals never leave)", null, details);
    }

    private void append(String type, SubjectRequest r, String camera, Instant from, Instant to, String actor, String form,
                        String recipient, Map<String, String> extra) {
        Map<String, String> d = new LinkedHashMap<>(extra);
        d.put("request", r.number());
        d.put("camera", camera);
        ledger.append(new LedgerRecord(type, clock.instant(), actor, camera, from, to, purpose(r, "masking"),
                recipient, BASIS, form, null, d));
    }

    private static String purpose(SubjectRequest r, String step) {
        return "subject request " + r.number() + ": view (" + step + ")";
    }
}
