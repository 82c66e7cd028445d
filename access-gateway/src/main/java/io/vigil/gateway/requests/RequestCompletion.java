package io.vigil.gateway.requests;

import io.vigil.storage.LedgerRecord;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Carrying out a decision taken: each act of fulfilment on an approved request (existence
 * confirmed, viewed at the kiosk, copy released, footage erased) recorded with its ledger
 * entry, the kiosk code used up, the request marked fulfilled, and closed (its hold
 * released). Called under {@link RequestWorkflow}'s lock.
 */
final class RequestCompletion {
    private final RequestJournal journal;
    private final RequestHolds holds;
    private final KioskCodes codes;

    RequestCompletion(RequestJournal journal, RequestHolds holds, KioskCodes codes) {
        this.journal = journal;
        this.holds = holds;
        this.codes = codes;
    }

    SubjectRequest recordFulfilment(String number, String action, String actor, String summary, LedgerRecord template) {
        SubjectRequest r = journal.get(number);
        RequestJournal.requireApproved(r, action);
        Instant now = journal.clock.instant();
        r.fulfilments.add(new SubjectRequest.Fulfilment(action, now, actor, summary));
        String hash = journal.store.put(r);
        Map<String, String> details = new LinkedHashMap<>(template.details());
        details.put("request", r.number);
        details.put("recordSha256", hash);
        journal.ledger.append(new LedgerRecord(template.type(), now, template.actor(), template.cameraIds(),
                template.footageFrom(), template.footageTo(), template.purpose(), template.recipient(),
                template.legalBasis(), template.form(), template.period(), details));
        return r;
    }

    SubjectRequest useKioskCode(String number, String code, String staffPresent, Consumer<SubjectRequest> ready) {
        SubjectRequest r = journal.store.get(number).orElseThrow(() -> RequestException.forbidden("unknown request number or code"));
        codes.use(r, code, staffPresent, ready);
        journal.store.put(r);
        return r;
    }

    SubjectRequest fulfil(String number, String actor, String note) {
        return journal.move(number, RequestState.FULFILLED, actor, RequestJournal.orDefault(note, "fulfilled"), false, r -> { }, Map.of());
    }

    SubjectRequest close(String number, String actor, String reason) {
        String why = RequestJournal.required(reason, "reason");
        return journal.move(number, RequestState.CLOSED, actor, why, false, req -> {
            req.closedAt = journal.clock.instant();
            holds.release(req, why, actor);
        }, Map.of());
    }
}
