package io.vigil.gateway.requests;

import io.vigil.storage.Ledger;
import io.vigil.storage.LedgerEventType;
import io.vigil.storage.LedgerRecord;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Stores each change of a request and ledgers it: the state machine's moves (checked against
 * the state and, for a decision, against the person who registered the request), each with a
 * ledger entry naming who, the number, the reason and the SHA-256 of the record as stored
 * after the move; never the requester's personal data. Called under {@link RequestWorkflow}'s lock.
 */
final class RequestJournal {
    static final String LEGAL_BASIS = "PIPA Art. 35-37; video policy Art. 6";

    final RequestStore store;
    final Ledger ledger;
    final Clock clock;

    RequestJournal(RequestStore store, Ledger ledger, Clock clock) {
        this.store = store;
        this.ledger = ledger;
        this.clock = clock;
    }

    SubjectRequest get(String number) {
        return store.get(number).orElseThrow(() -> RequestException.notFound(number));
    }

    /** Moves the request to {@code to} after {@code change}, stores it, ledgers the move with {@code extra} details. */
    SubjectRequest move(String number, RequestState to, String actor, String reason, boolean decision,
                        Consumer<SubjectRequest> change, Map<String, String> extra) {
        SubjectRequest r = get(number);
        if (!r.state.next().contains(to)) {
            throw RequestException.conflict("request " + number + " is " + r.state.wire() + " and cannot become " + to.wire()
                    + " (from " + r.state.wire() + ": " + r.state.next().stream().map(RequestState::wire).collect(Collectors.joining(", ")) + ")");
        }
        if (decision && actor.equals(r.registeredBy)) {
            throw RequestException.forbidden(actor + " registered request " + number
                    + " and so cannot also review or decide it; another privacy officer must");
        }
        Instant now = clock.instant();
        RequestState from = r.state;
        change.accept(r);
        r.state = to;
        r.history.add(new SubjectRequest.Transition(to, now, actor, reason));
        String hash = store.put(r);
        Map<String, String> details = new LinkedHashMap<>(extra);
        details.put("from", from.wire());
        details.put("reason", reason);
        ledger.append(entry(verb(to), r, now, actor, hash, details));
        return r;
    }

    /** Refuses an action that needs an approved request. */
    static void requireApproved(SubjectRequest r, String action) {
        if (r.state != RequestState.APPROVED) {
            throw RequestException.conflict("request " + r.number + " is " + r.state.wire() + ": " + action + " needs an approved request");
        }
    }

    private static LedgerEventType verb(RequestState to) {
        return switch (to) {
            case IN_REVIEW -> LedgerEventType.SUBJECT_REQUEST_REVIEW;
            case APPROVED -> LedgerEventType.SUBJECT_REQUEST_APPROVE;
            case DEFERRED -> LedgerEventType.SUBJECT_REQUEST_DEFER;
            case REFUSED -> LedgerEventType.SUBJECT_REQUEST_REFUSE;
            case FULFILLED -> LedgerEventType.SUBJECT_REQUEST_FULFIL;
            case CLOSED -> LedgerEventType.SUBJECT_REQUEST_CLOSE;
            case RECEIVED -> LedgerEventType.SUBJECT_REQUEST_REGISTER;
        };
    }

    /** A ledger entry for a request: footage and number, never the requester's personal data. */
    static LedgerRecord entry(LedgerEventType type, SubjectRequest r, Instant now, String actor, String recordSha256, Map<String, String> extra) {
        Map<String, String> d = new LinkedHashMap<>(extra);
        d.put("request", r.number);
        d.put("state", r.state.wire());
        d.put("recordSha256", recordSha256);
        String purpose = "subject request " + r.number + ": " + r.kinds.stream().map(RequestKind::wire).collect(Collectors.joining(", "));
        String basis = LEGAL_BASIS;
        if (r.decision != null && r.decision.outcome() == RequestState.REFUSED) {
            basis = r.decision.grounds().stream().map(RefusalGround::citation).collect(Collectors.joining("; "));
        }
        return LedgerRecord.builder(type, now, actor).cameras(r.cameras).footage(r.from, r.to)
                .purpose(purpose).recipient(RequestWorkflow.subjectOf(r)).legalBasis(basis).details(d).build();
    }

    /** Staff's free text: required, at most 2000 characters. */
    static String required(String v, String field) {
        if (v == null || v.isBlank()) throw RequestException.invalid(field, "requests.invalid.required");
        if (v.length() > 2000) throw RequestException.invalid(field, "requests.invalid.length", Map.of("min", 1, "max", 2000));
        return v.strip();
    }

    static String orDefault(String v, String dflt) {
        return v == null || v.isBlank() ? dflt : required(v, "reason");
    }
}
