package io.vigil.gateway.requests;

import io.vigil.storage.Ledger;
import io.vigil.storage.LedgerEventType;
import io.vigil.storage.LedgerRecord;
import io.vigil.storage.holds.HoldRegistry;
import io.vigil.storage.holds.LegalHold;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The subject-request state machine (docs/requests.md): registering places a legal hold on
 * the window, each move is checked against the state and the person, written to the ledger
 * (who, the number, the reason, and the SHA-256 of the request record as stored after the
 * move; never the requester's personal data) and then stored. Closing releases the hold.
 *
 * <p>Which role may call what is the gateway's business ({@code RequestsApi}); this class
 * enforces what holds for everyone: the person who registered a request never decides it.
 * One lock orders every change, so two officers cannot decide the same request at once.
 */
public final class RequestWorkflow {
    private static final String CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    static final String LEGAL_BASIS = "PIPA Art. 35-37; video policy Art. 6";

    private final RequestStore store;
    private final HoldRegistry holds;
    private final Ledger ledger;
    private final Clock clock;
    private final RequestSettings settings;
    private final Deadlines deadlines;
    private final RequestValidator validator;
    private final SecureRandom random = new SecureRandom();

    public RequestWorkflow(io.vigil.storage.RecordTable table, HoldRegistry holds, Ledger ledger, Clock clock,
                           RequestSettings settings, java.util.Set<String> cameras, java.time.Duration retention) {
        this.store = new RequestStore(table);
        this.holds = holds;
        this.ledger = ledger;
        this.clock = clock;
        this.settings = settings;
        this.deadlines = new Deadlines(settings);
        this.validator = new RequestValidator(cameras, retention);
    }

    public Deadlines deadlines() {
        return deadlines;
    }

    public RequestSettings settings() {
        return settings;
    }

    public SubjectRequest get(String number) {
        return store.get(number).orElseThrow(() -> RequestException.notFound(number));
    }

    public List<SubjectRequest> all() {
        return store.all();
    }

    /** Validates, numbers, holds the window's footage, stores, ledgers {@code request.register}. Nothing is stored on bad input. */
    public synchronized SubjectRequest register(RequestForm form, String actor) {
        Instant now = clock.instant();
        SubjectRequest r = validator.validate(form, now);
        r.number = store.nextNumber(now, settings.zone());
        r.state = RequestState.RECEIVED;
        r.receivedAt = now;
        r.deadline = deadlines.deadlineFor(now);
        r.registeredBy = actor;
        LegalHold hold = holds.place(r.cameras, r.from, r.to, "subject request " + r.number + " (kept while it is open)",
                r.number, r.deadline.plus(settings.holdGrace()), actor);
        r.holdId = hold.id();
        r.history.add(new SubjectRequest.Transition(RequestState.RECEIVED, now, actor, "registered"));
        String hash = store.put(r);
        ledger.append(entry(LedgerEventType.SUBJECT_REQUEST_REGISTER, r, now, actor, hash, Map.of("holdId", hold.id(),
                "deadline", r.deadline.toString(), "urgent", Boolean.toString(r.urgent))));
        return r;
    }

    /** The officer takes the request up. */
    public synchronized SubjectRequest review(String number, String actor, String note) {
        return move(number, RequestState.IN_REVIEW, actor, orDefault(note, "review started"), true, r -> { }, Map.of());
    }

    /** Approval; for a viewing, issues the one-time kiosk code (returned once, only its hash stored). */
    public synchronized Approval approve(String number, String actor, String reason) {
        String[] code = new String[1];
        SubjectRequest r = move(number, RequestState.APPROVED, actor, orDefault(reason, "approved"), true, req -> {
            req.decision = new SubjectRequest.Decision(RequestState.APPROVED, actor, clock.instant(), List.of(), reason, null);
            if (req.asks(RequestKind.VIEW)) code[0] = issueCode(req, actor);
        }, Map.of());
        return new Approval(r, code[0]);
    }

    /** The approved request and, when it asks for a viewing, the kiosk code to hand to the subject. */
    public record Approval(SubjectRequest request, String kioskCode) {}

    /** Issues a fresh kiosk code for an approved viewing (the first expired or was lost); the old one stops working. */
    public synchronized Approval reissueKioskCode(String number, String actor) {
        SubjectRequest r = get(number);
        if (r.state != RequestState.APPROVED || !r.asks(RequestKind.VIEW)) {
            throw RequestException.conflict("request " + number + " is " + r.state.wire() + ": a kiosk code is issued only for an approved viewing");
        }
        Instant now = clock.instant();
        String code = issueCode(r, actor);
        String hash = store.put(r);
        ledger.append(entry(LedgerEventType.SUBJECT_REQUEST_KIOSK_CODE, r, now, actor, hash, Map.of("expiresAt", r.kiosk.expiresAt().toString())));
        return new Approval(r, code);
    }

    /** Deferral to a later day, with the reason; the deadline becomes the end of that day and the hold is extended. */
    public synchronized SubjectRequest defer(String number, String actor, LocalDate until, String reason) {
        if (until == null) throw RequestException.invalid("until", "requests.invalid.required");
        if (!until.isAfter(deadlines.today(clock.instant()))) throw RequestException.invalid("until", "requests.invalid.until-past");
        String why = required(reason, "reason");
        return move(number, RequestState.DEFERRED, actor, why, true, req -> {
            Instant due = deadlines.endOfDay(until);
            req.decision = new SubjectRequest.Decision(RequestState.DEFERRED, actor, clock.instant(), List.of(), why, due);
            req.deadline = due;
            extendHold(req, due.plus(settings.holdGrace()), actor);
        }, Map.of("deferredUntil", until.toString()));
    }

    /** Refusal on statutory grounds with free text. */
    public synchronized SubjectRequest refuse(String number, String actor, List<RefusalGround> grounds, String text) {
        if (grounds == null || grounds.isEmpty()) throw RequestException.invalid("grounds", "requests.invalid.grounds-none");
        String why = required(text, "text");
        String cited = grounds.stream().map(RefusalGround::code).collect(Collectors.joining(","));
        return move(number, RequestState.REFUSED, actor, why, true, req ->
                req.decision = new SubjectRequest.Decision(RequestState.REFUSED, actor, clock.instant(), List.copyOf(grounds), why, null),
                Map.of("grounds", cited));
    }

    /** Marks an approved request fulfilled. */
    public synchronized SubjectRequest fulfil(String number, String actor, String note) {
        return move(number, RequestState.FULFILLED, actor, orDefault(note, "fulfilled"), false, r -> { }, Map.of());
    }

    /** Closes the request (also a withdrawal) and releases its legal hold; other holds stay. */
    public synchronized SubjectRequest close(String number, String actor, String reason) {
        String why = required(reason, "reason");
        return move(number, RequestState.CLOSED, actor, why, false, req -> {
            req.closedAt = clock.instant();
            releaseHold(req, why, actor);
        }, Map.of());
    }

    /**
     * Records one act of fulfilment on an approved request: the ledger entry {@code type}
     * with the footage and form given, then the record. Returns the stored request.
     */
    public synchronized SubjectRequest recordFulfilment(String number, String action, String actor, String summary,
                                                       LedgerRecord ledgerTemplate) {
        SubjectRequest r = get(number);
        requireApproved(r, action);
        Instant now = clock.instant();
        r.fulfilments.add(new SubjectRequest.Fulfilment(action, now, actor, summary));
        String hash = store.put(r);
        Map<String, String> details = new LinkedHashMap<>(ledgerTemplate.details());
        details.put("request", r.number);
        details.put("recordSha256", hash);
        ledger.append(new LedgerRecord(ledgerTemplate.type(), now, ledgerTemplate.actor(), ledgerTemplate.cameraIds(),
                ledgerTemplate.footageFrom(), ledgerTemplate.footageTo(), ledgerTemplate.purpose(), ledgerTemplate.recipient(),
                ledgerTemplate.legalBasis(), ledgerTemplate.form(), ledgerTemplate.period(), details));
        return r;
    }

    /** Refuses an action that needs an approved request. */
    public void requireApproved(SubjectRequest r, String action) {
        if (r.state != RequestState.APPROVED) {
            throw RequestException.conflict("request " + r.number + " is " + r.state.wire() + ": " + action + " needs an approved request");
        }
    }

    /**
     * Uses the kiosk code: valid only for an approved viewing, unused, unexpired. Marks it
     * used (stored before it is answered, so it works once even across a crash).
     */
    public synchronized SubjectRequest useKioskCode(String number, String code, String staffPresent) {
        return useKioskCode(number, code, staffPresent, req -> { });
    }

    /**
     * As {@link #useKioskCode(String, String, String)}, with {@code ready} run on a valid code
     * before it is marked used: it throws to refuse without using the code up (e.g. there is
     * no masked copy to show yet).
     */
    public synchronized SubjectRequest useKioskCode(String number, String code, String staffPresent, Consumer<SubjectRequest> ready) {
        SubjectRequest r = store.get(number).orElseThrow(() -> RequestException.forbidden("unknown request number or code"));
        Instant now = clock.instant();
        if (r.kiosk == null || code == null || !r.kiosk.codeSha256().equals(RequestCodec.sha256(normalizeCode(code)))) {
            throw RequestException.forbidden("unknown request number or code");
        }
        if (r.kiosk.usedAt() != null) throw RequestException.forbidden("this code was already used at " + r.kiosk.usedAt());
        if (!now.isBefore(r.kiosk.expiresAt())) throw RequestException.forbidden("this code expired at " + r.kiosk.expiresAt());
        requireApproved(r, "viewing");
        ready.accept(r);
        r.kiosk = new SubjectRequest.KioskCode(r.kiosk.codeSha256(), r.kiosk.issuedAt(), r.kiosk.issuedBy(), r.kiosk.expiresAt(), now, staffPresent);
        store.put(r);
        return r;
    }

    /** Blanks the personal data of requests closed longer ago than the configured period; returns how many. */
    public synchronized int erasePersonalDataDue() {
        Instant now = clock.instant();
        int n = 0;
        for (SubjectRequest r : store.all()) {
            if (r.closedAt == null || r.personalDataErasedAt != null) continue;
            if (now.isBefore(r.closedAt.plus(settings.personalDataRetention()))) continue;
            r.erasePersonalData(now);
            String hash = store.put(r);
            ledger.append(entry(LedgerEventType.SUBJECT_REQUEST_PERSONAL_DATA_ERASED, r, now, "request-retention", hash,
                    Map.of("closedAt", r.closedAt.toString(), "retention", settings.personalDataRetention().toString())));
            n++;
        }
        return n;
    }

    private SubjectRequest move(String number, RequestState to, String actor, String reason, boolean decision,
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

    private String issueCode(SubjectRequest r, String actor) {
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < 10; i++) code.append(CODE_ALPHABET.charAt(random.nextInt(CODE_ALPHABET.length())));
        Instant now = clock.instant();
        r.kiosk = new SubjectRequest.KioskCode(RequestCodec.sha256(normalizeCode(code.toString())), now, actor,
                now.plus(settings.kioskCodeValidity()), null, null);
        return code.substring(0, 5) + "-" + code.substring(5);
    }

    /** Codes are typed by people: case, spaces and dashes do not matter. */
    private static byte[] normalizeCode(String code) {
        return code.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    private void extendHold(SubjectRequest r, Instant until, String actor) {
        if (r.holdId == null) return;
        LegalHold h = holds.get(r.holdId);
        if (h.stateAt(clock.instant()).equals("active") && until.isAfter(h.expiresAt())) holds.extend(r.holdId, until, actor);
    }

    private void releaseHold(SubjectRequest r, String reason, String actor) {
        if (r.holdId == null) return;
        LegalHold h = holds.get(r.holdId);
        if (h.stateAt(clock.instant()).equals("active")) holds.release(r.holdId, "subject request " + r.number + " closed: " + reason, actor);
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
        return LedgerRecord.builder(type, now, actor).cameras(String.join(",", r.cameras)).footage(r.from, r.to)
                .purpose(purpose).recipient(subjectOf(r)).legalBasis(basis).details(d).build();
    }

    /** The requester as the ledger names them: by request number only. */
    public static String subjectOf(SubjectRequest r) {
        return "data subject of " + r.number;
    }

    private static String required(String v, String field) {
        if (v == null || v.isBlank()) throw RequestException.invalid(field, "requests.invalid.required");
        if (v.length() > 2000) throw RequestException.invalid(field, "requests.invalid.length", Map.of("min", 1, "max", 2000));
        return v.strip();
    }

    private static String orDefault(String v, String dflt) {
        return v == null || v.isBlank() ? dflt : required(v, "reason");
    }

    /** For the list page: open requests flagged near or past their deadline. */
    public Map<Deadlines.Flag, Long> flagCounts() {
        Instant now = clock.instant();
        Map<Deadlines.Flag, Long> out = new LinkedHashMap<>();
        for (Deadlines.Flag f : Deadlines.Flag.values()) out.put(f, 0L);
        for (SubjectRequest r : new ArrayList<>(store.all())) out.merge(deadlines.flag(r, now), 1L, Long::sum);
        return out;
    }
}
