package io.vigil.gateway.requests;

import io.vigil.storage.LedgerEventType;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The privacy officer's decisions (docs/requests.md, "Deciding"): review, approve (with the
 * kiosk code for a viewing), defer to a later day with the reason, refuse on statutory
 * grounds. The person who registered a request never decides it ({@link RequestJournal#move}).
 * Called under {@link RequestWorkflow}'s lock.
 */
final class RequestDecisions {
    private final RequestJournal journal;
    private final RequestHolds holds;
    private final KioskCodes codes;
    private final Deadlines deadlines;

    RequestDecisions(RequestJournal journal, RequestHolds holds, KioskCodes codes, Deadlines deadlines) {
        this.journal = journal;
        this.holds = holds;
        this.codes = codes;
        this.deadlines = deadlines;
    }

    SubjectRequest review(String number, String actor, String note) {
        return journal.move(number, RequestState.IN_REVIEW, actor, RequestJournal.orDefault(note, "review started"), true, r -> { }, Map.of());
    }

    RequestWorkflow.Approval approve(String number, String actor, String reason) {
        String[] code = new String[1];
        SubjectRequest r = journal.move(number, RequestState.APPROVED, actor, RequestJournal.orDefault(reason, "approved"), true, req -> {
            req.decision = new SubjectRequest.Decision(RequestState.APPROVED, actor, journal.clock.instant(), List.of(), reason, null);
            if (req.asks(RequestKind.VIEW)) code[0] = codes.issue(req, actor);
        }, Map.of());
        return new RequestWorkflow.Approval(r, code[0]);
    }

    RequestWorkflow.Approval reissueKioskCode(String number, String actor) {
        SubjectRequest r = journal.get(number);
        if (r.state != RequestState.APPROVED || !r.asks(RequestKind.VIEW)) {
            throw RequestException.conflict("request " + number + " is " + r.state.wire() + ": a kiosk code is issued only for an approved viewing");
        }
        Instant now = journal.clock.instant();
        String code = codes.issue(r, actor);
        String hash = journal.store.put(r);
        journal.ledger.append(RequestJournal.entry(LedgerEventType.SUBJECT_REQUEST_KIOSK_CODE, r, now, actor, hash,
                Map.of("expiresAt", r.kiosk.expiresAt().toString())));
        return new RequestWorkflow.Approval(r, code);
    }

    SubjectRequest defer(String number, String actor, LocalDate until, String reason) {
        if (until == null) throw RequestException.invalid("until", "requests.invalid.required");
        if (!until.isAfter(deadlines.today(journal.clock.instant()))) throw RequestException.invalid("until", "requests.invalid.until-past");
        String why = RequestJournal.required(reason, "reason");
        return journal.move(number, RequestState.DEFERRED, actor, why, true, req -> {
            Instant due = deadlines.endOfDay(until);
            req.decision = new SubjectRequest.Decision(RequestState.DEFERRED, actor, journal.clock.instant(), List.of(), why, due);
            req.deadline = due;
            holds.extendPast(req, due, actor);
        }, Map.of("deferredUntil", until.toString()));
    }

    SubjectRequest refuse(String number, String actor, List<RefusalGround> grounds, String text) {
        if (grounds == null || grounds.isEmpty()) throw RequestException.invalid("grounds", "requests.invalid.grounds-none");
        String why = RequestJournal.required(text, "text");
        String cited = grounds.stream().map(RefusalGround::code).collect(Collectors.joining(","));
        return journal.move(number, RequestState.REFUSED, actor, why, true, req ->
                req.decision = new SubjectRequest.Decision(RequestState.REFUSED, actor, journal.clock.instant(), List.copyOf(grounds), why, null),
                Map.of("grounds", cited));
    }
}
