package io.vigil.gateway.requests;

import io.vigil.storage.LedgerEventType;
import java.time.Instant;
import java.util.Map;

/**
 * Registering a request at the desk: the whole form is validated before anything happens
 * (nothing is stored on bad input), then the request is numbered, its window held, stored,
 * and ledgered as {@code subject-request.register}. Called under {@link RequestWorkflow}'s lock.
 */
final class RequestRegistration {
    private final RequestJournal journal;
    private final RequestHolds holds;
    private final RequestValidator validator;
    private final Deadlines deadlines;
    private final RequestSettings settings;

    RequestRegistration(RequestJournal journal, RequestHolds holds, RequestValidator validator, Deadlines deadlines, RequestSettings settings) {
        this.journal = journal;
        this.holds = holds;
        this.validator = validator;
        this.deadlines = deadlines;
        this.settings = settings;
    }

    SubjectRequest register(RequestForm form, String actor) {
        Instant now = journal.clock.instant();
        SubjectRequest r = validator.validate(form, now);
        r.number = journal.store.nextNumber(now, settings.zone());
        r.state = RequestState.RECEIVED;
        r.receivedAt = now;
        r.deadline = deadlines.deadlineFor(now);
        r.registeredBy = actor;
        r.holdId = holds.place(r, actor);
        r.history.add(new SubjectRequest.Transition(RequestState.RECEIVED, now, actor, "registered"));
        String hash = journal.store.put(r);
        journal.ledger.append(RequestJournal.entry(LedgerEventType.SUBJECT_REQUEST_REGISTER, r, now, actor, hash, Map.of("holdId", r.holdId,
                "deadline", r.deadline.toString(), "urgent", Boolean.toString(r.urgent))));
        return r;
    }
}
