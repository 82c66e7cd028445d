package io.vigil.gateway.requests;

import io.vigil.config.CameraId;
import io.vigil.storage.EraseResult;
import io.vigil.storage.Ledger;
import io.vigil.storage.LedgerEntry;
import io.vigil.storage.LedgerEventType;
import io.vigil.storage.LedgerRecord;
import io.vigil.storage.SegmentInfo;
import io.vigil.storage.SegmentKey;
import io.vigil.storage.SegmentStore;
import io.vigil.storage.Span;
import io.vigil.storage.holds.HoldRegistry;
import io.vigil.storage.holds.LegalHold;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Carries out what an approved request asks that needs no footage shown: the statement of
 * what is recorded in the window (confirm existence), and the cryptographic erase of the
 * footage in scope (delete). Each is ledgered through {@link RequestWorkflow#recordFulfilment}.
 * Blocking (disk): call from a worker thread.
 *
 * <p>Erasing writes its intent to the ledger <em>before</em> the first key is destroyed, so a
 * crash part-way leaves footage gone with the request that destroyed it named in the ledger
 * (never an erase without an entry). Calling erase again after such a crash finishes the job:
 * what is already gone is no longer listed, the rest is erased, the destruction entry follows.
 */
public final class RequestFulfilment {
    private final RequestWorkflow workflow;
    private final Ledger ledger;
    private final SegmentStore segments;
    private final HoldRegistry holds;
    private final Clock clock;

    public RequestFulfilment(RequestWorkflow workflow, Ledger ledger, SegmentStore segments, HoldRegistry holds, Clock clock) {
        this.workflow = workflow;
        this.ledger = ledger;
        this.segments = segments;
        this.holds = holds;
        this.clock = clock;
    }

    /** What one camera recorded in the window: recorded spans and gaps, covering it whole. */
    public record CameraStatement(CameraId cameraId, List<Span> spans) {}

    /** Confirms existence: per camera, recorded spans and gaps in the window; no footage is read or shown. */
    public List<CameraStatement> confirmExistence(String number, String actor) {
        SubjectRequest r = workflow.get(number);
        requireAsked(r, RequestKind.CONFIRM_EXISTENCE);
        workflow.requireApproved(r, "confirming existence");
        List<CameraStatement> out = new ArrayList<>();
        long recordedMillis = 0;
        for (CameraId cam : r.cameras()) {
            List<Span> spans = segments.timeline(cam, r.from(), r.to());
            for (Span s : spans) if (s.recorded()) recordedMillis += s.end().toEpochMilli() - s.start().toEpochMilli();
            out.add(new CameraStatement(cam, spans));
        }
        String summary = "recorded " + (recordedMillis / 1000) + " s in the window over " + r.cameras().size() + " camera(s)";
        workflow.recordFulfilment(number, "confirm-existence", actor, summary, template("subject-request.existence", r, actor,
                "statement of existence (no footage shown)", Map.of("recordedSeconds", Long.toString(recordedMillis / 1000))));
        return out;
    }

    /**
     * What an erase did: segments destroyed, and segments kept because another active hold
     * (not the request's own) covers them, with those holds' ids and references.
     */
    public record Erasure(int erasedSegments, long erasedBytes, int keptSegments, List<String> keptByHolds, List<String> keptReferences) {}

    /**
     * Erases the footage in scope: every segment of the request's cameras overlapping its
     * window (a segment at the window's edge is erased whole, since it shows the requester),
     * except segments another active hold keeps; those are reported so the notice can say why.
     */
    public Erasure erase(String number, String actor) {
        SubjectRequest r = workflow.get(number);
        requireAsked(r, RequestKind.DELETE);
        workflow.requireApproved(r, "erasing footage");
        if (r.fulfilled("delete")) throw RequestException.conflict("the footage of request " + number + " was already erased");
        Instant now = clock.instant();
        List<LegalHold> others = holds.activeAt(now).stream().filter(h -> !h.id().equals(r.holdId())).toList();
        List<SegmentKey> erase = new ArrayList<>();
        Set<String> keptBy = new LinkedHashSet<>();
        Set<String> keptRefs = new LinkedHashSet<>();
        int kept = 0;
        for (CameraId cam : r.cameras()) {
            for (SegmentInfo s : segments.list(cam, r.from(), r.to())) {
                List<LegalHold> keeping = others.stream().filter(h -> h.coversFootage(cam, s.start(), s.end())).toList();
                if (keeping.isEmpty()) {
                    erase.add(s.key());
                } else {
                    kept++;
                    for (LegalHold h : keeping) {
                        keptBy.add(h.id());
                        keptRefs.add(h.reference() == null ? h.reason() : h.reference());
                    }
                }
            }
        }
        LedgerEntry intent = ledger.append(intent(r, actor, now, erase.size(), kept, keptBy));
        EraseResult result = erase.isEmpty() ? EraseResult.empty() : segments.eraseSegments(erase);
        Erasure e = new Erasure(result.segmentCount(), result.bytes(), kept, List.copyOf(keptBy), List.copyOf(keptRefs));
        Map<String, String> details = new LinkedHashMap<>();
        details.put("intentEntry", Long.toString(intent.number()));
        details.put("erasedSegments", Integer.toString(e.erasedSegments()));
        details.put("erasedBytes", Long.toString(e.erasedBytes()));
        details.put("destroyedKeys", Integer.toString(result.destroyedKeyIds().size()));
        details.put("keptSegments", Integer.toString(kept));
        if (!keptBy.isEmpty()) details.put("keptByHolds", String.join(",", keptBy));
        String summary = "erased " + e.erasedSegments() + " segment(s)" + (kept > 0 ? ", kept " + kept + " under hold(s) " + String.join(", ", keptBy) : "");
        workflow.recordFulfilment(number, "delete", actor, summary, template("destruction", r, actor, "cryptographic erase", details));
        return e;
    }

    /** The entry written before any key is destroyed: which request, what it is about to erase, what holds keep. */
    private static LedgerRecord intent(SubjectRequest r, String actor, Instant now, int toErase, int kept, Set<String> keptBy) {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("request", r.number());
        d.put("segmentsToErase", Integer.toString(toErase));
        d.put("keptSegments", Integer.toString(kept));
        if (!keptBy.isEmpty()) d.put("keptByHolds", String.join(",", keptBy));
        return LedgerRecord.builder(LedgerEventType.SUBJECT_REQUEST_ERASE_INTENT, now, actor).cameras(r.cameras())
                .footage(r.from(), r.to()).purpose("subject request " + r.number() + ": delete").recipient(RequestWorkflow.subjectOf(r))
                .legalBasis("PIPA Art. 36; video policy Art. 6 (subject's request)").form("cryptographic erase (about to start)")
                .details(d).build();
    }

    private static void requireAsked(SubjectRequest r, RequestKind kind) {
        if (!r.asks(kind)) throw RequestException.conflict("request " + r.number() + " does not ask to " + kind.wire());
    }

    private static LedgerRecord template(String type, SubjectRequest r, String actor, String form, Map<String, String> details) {
        String purpose = "subject request " + r.number() + ": " + String.join(", ", r.kinds().stream().map(RequestKind::wire).toList());
        String basis = type.equals("destruction") ? "PIPA Art. 36; video policy Art. 6 (subject's request)" : "PIPA Art. 35; video policy Art. 6";
        return new LedgerRecord(type, Instant.EPOCH, actor, LedgerRecord.cameraList(r.cameras()), r.from(), r.to(), purpose,
                RequestWorkflow.subjectOf(r), basis, form, null, details);
    }
}
