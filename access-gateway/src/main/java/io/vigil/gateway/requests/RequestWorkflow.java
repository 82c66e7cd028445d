package io.vigil.gateway.requests;

import io.vigil.config.CameraId;
import io.vigil.storage.Ledger;
import io.vigil.storage.LedgerRecord;
import io.vigil.storage.RecordTable;
import io.vigil.storage.holds.HoldRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The subject-request workflow (docs/requests.md): the one entry point, and the one lock that
 * orders every change, so two officers cannot decide the same request at once. Each job is
 * its own class: {@link RequestRegistration} (validate, number, hold, store),
 * {@link RequestDecisions} (review, approve, defer, refuse), {@link RequestCompletion}
 * (fulfilment acts, the kiosk code's use, fulfilled, closed), {@link IssuedNotices} (notices
 * kept as issued) and {@link RequestHousekeeping} (deadline flags, personal data erased after
 * the retention); {@link RequestJournal} stores and ledgers each move (who, the number, the
 * reason, the SHA-256 of the record as stored; never the requester's personal data).
 *
 * <p>Which role may call what is the gateway's business ({@code RequestsApi}); this class
 * enforces what holds for everyone: the person who registered a request never decides it.
 */
public final class RequestWorkflow {
    private final RequestJournal journal;
    private final RequestSettings settings;
    private final Deadlines deadlines;
    private final RequestRegistration registration;
    private final RequestDecisions decisions;
    private final RequestCompletion completion;
    private final IssuedNotices notices;
    private final RequestHousekeeping housekeeping;

    public RequestWorkflow(RecordTable table, HoldRegistry holds, Ledger ledger, Clock clock,
                           RequestSettings settings, Set<CameraId> cameras, Duration retention) {
        this.journal = new RequestJournal(new RequestStore(table), ledger, clock);
        this.settings = settings;
        this.deadlines = new Deadlines(settings);
        RequestHolds requestHolds = new RequestHolds(holds, clock, settings);
        KioskCodes codes = new KioskCodes(clock, settings.kioskCodeValidity());
        this.registration = new RequestRegistration(journal, requestHolds, new RequestValidator(cameras, retention), deadlines, settings);
        this.decisions = new RequestDecisions(journal, requestHolds, codes, deadlines);
        this.completion = new RequestCompletion(journal, requestHolds, codes);
        this.notices = new IssuedNotices(journal);
        this.housekeeping = new RequestHousekeeping(journal, deadlines, settings);
    }

    public Deadlines deadlines() {
        return deadlines;
    }

    public RequestSettings settings() {
        return settings;
    }

    public SubjectRequest get(String number) {
        return journal.get(number);
    }

    public List<SubjectRequest> all() {
        return journal.store.all();
    }

    /** Validates, numbers, holds the window's footage, stores, ledgers {@code request.register}. Nothing is stored on bad input. */
    public synchronized SubjectRequest register(RequestForm form, String actor) {
        return registration.register(form, actor);
    }

    /** The officer takes the request up. */
    public synchronized SubjectRequest review(String number, String actor, String note) {
        return decisions.review(number, actor, note);
    }

    /** Approval; for a viewing, issues the one-time kiosk code (returned once, only its hash stored). */
    public synchronized Approval approve(String number, String actor, String reason) {
        return decisions.approve(number, actor, reason);
    }

    /** The approved request and, when it asks for a viewing, the kiosk code to hand to the subject. */
    public record Approval(SubjectRequest request, String kioskCode) {}

    /** Issues a fresh kiosk code for an approved viewing (the first expired or was lost); the old one stops working. */
    public synchronized Approval reissueKioskCode(String number, String actor) {
        return decisions.reissueKioskCode(number, actor);
    }

    /** Deferral to a later day, with the reason; the deadline becomes the end of that day and the hold is extended. */
    public synchronized SubjectRequest defer(String number, String actor, LocalDate until, String reason) {
        return decisions.defer(number, actor, until, reason);
    }

    /** Refusal on statutory grounds with free text. */
    public synchronized SubjectRequest refuse(String number, String actor, List<RefusalGround> grounds, String text) {
        return decisions.refuse(number, actor, grounds, text);
    }

    /** Marks an approved request fulfilled. */
    public synchronized SubjectRequest fulfil(String number, String actor, String note) {
        return completion.fulfil(number, actor, note);
    }

    /** Closes the request (also a withdrawal) and releases its legal hold; other holds stay. */
    public synchronized SubjectRequest close(String number, String actor, String reason) {
        return completion.close(number, actor, reason);
    }

    /**
     * Records one act of fulfilment on an approved request: the ledger entry {@code type}
     * with the footage and form given, then the record. Returns the stored request.
     */
    public synchronized SubjectRequest recordFulfilment(String number, String action, String actor, String summary,
                                                       LedgerRecord ledgerTemplate) {
        return completion.recordFulfilment(number, action, actor, summary, ledgerTemplate);
    }

    /** Refuses an action that needs an approved request. */
    public void requireApproved(SubjectRequest r, String action) {
        RequestJournal.requireApproved(r, action);
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
        return completion.useKioskCode(number, code, staffPresent, ready);
    }

    /**
     * Keeps a notice as issued ({@code content}: its words, {@code footer}: who issued it
     * when); the same notice issued again is the one kept before. The ledger entry is the caller's.
     */
    public synchronized NoticeIssue issueNotice(String number, String kind, String language, String footer, String content, String actor) {
        return notices.issue(number, kind, language, footer, content, actor);
    }

    /** A notice kept: {@code fresh} when this call issued it, {@code recordSha256} the stored record's hash then (else null). */
    public record NoticeIssue(SubjectRequest.IssuedNotice notice, boolean fresh, String recordSha256) {}

    /** Blanks the personal data of requests closed longer ago than the configured period; returns how many. */
    public synchronized int erasePersonalDataDue() {
        return housekeeping.erasePersonalDataDue();
    }

    /** For the list page: open requests flagged near or past their deadline. */
    public Map<Deadlines.Flag, Long> flagCounts() {
        return housekeeping.flagCounts();
    }

    /** The requester as the ledger names them: by request number only. */
    public static String subjectOf(SubjectRequest r) {
        return "data subject of " + r.number;
    }
}
