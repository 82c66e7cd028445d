package io.vigil.gateway.requests;

import io.vigil.config.CameraId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One subject request as stored in the {@code requests} table: the only place the
 * requester's personal data (name, contact, identity check, representative, description
 * of themselves) is kept. The ledger carries the number and a hash of this record, never
 * its contents. Mutated only by {@link RequestWorkflow} under its lock, then written whole.
 *
 * <p>Once the record's retention after closing has passed, {@link #erasePersonalData}
 * blanks every personal field and keeps only what the management ledger needs (number,
 * kinds, cameras, window, dates, decisions).
 */
public final class SubjectRequest {
    /** How identity was checked in person (privacy policy Art. 7 ②). Never the document's number. */
    public record IdentityCheck(String documentType, String checkedBy, Instant checkedAt) {}

    /** The legal representative of a child under 14 (privacy policy Art. 7 ④). */
    public record Representative(String name, String relationship, String proof) {}

    /** One move of the state machine, as it was ledgered. */
    public record Transition(RequestState to, Instant at, String by, String reason) {}

    /** The officer's decision. {@code deferredUntil} for a deferral, {@code grounds} for a refusal. */
    public record Decision(RequestState outcome, String by, Instant at, List<RefusalGround> grounds, String text, Instant deferredUntil) {}

    /** One act of fulfilment (existence confirmed, viewed at the kiosk, copy released, footage erased). */
    public record Fulfilment(String action, Instant at, String by, String summary) {}

    /**
     * A written notice as it was issued (docs/requests.md, "Notices"), kept so it can be
     * printed again later exactly as given, whatever happened to the request since.
     *
     * @param id       1, 2, ... per request
     * @param kind     the notice's kind (its wire name)
     * @param language "ko" or "en"
     * @param state    the request's state when the notice was issued
     * @param content  the notice's words (title and sections, JSON), null once the personal data is erased
     */
    public record IssuedNotice(int id, String kind, String language, RequestState state, Instant issuedAt, String issuedBy,
                               String footer, String content) {}

    /** The one-time kiosk code issued on approval; only its hash is stored. */
    public record KioskCode(String codeSha256, Instant issuedAt, String issuedBy, Instant expiresAt, Instant usedAt, String usedBy) {}

    String number;
    RequestState state;
    List<RequestKind> kinds = new ArrayList<>();
    String requesterName;
    String requesterContact;
    IdentityCheck identity;
    boolean childUnder14;
    Representative representative;
    List<CameraId> cameras = new ArrayList<>();
    Instant from;
    Instant to;
    String description;
    String reason;
    boolean urgent;
    Instant receivedAt;
    Instant deadline;
    String registeredBy;
    String holdId;
    Decision decision;
    List<Transition> history = new ArrayList<>();
    List<Fulfilment> fulfilments = new ArrayList<>();
    KioskCode kiosk;
    Instant closedAt;
    Instant personalDataErasedAt;
    List<IssuedNotice> notices = new ArrayList<>();

    SubjectRequest() {}

    public String number() { return number; }
    public RequestState state() { return state; }
    public List<RequestKind> kinds() { return List.copyOf(kinds); }
    public String requesterName() { return requesterName; }
    public String requesterContact() { return requesterContact; }
    public IdentityCheck identity() { return identity; }
    public boolean childUnder14() { return childUnder14; }
    public Representative representative() { return representative; }
    /** Configured cameras when the request was registered; stored as their plain strings. */
    public List<CameraId> cameras() { return List.copyOf(cameras); }
    public Instant from() { return from; }
    public Instant to() { return to; }
    public String description() { return description; }
    public String reason() { return reason; }
    public boolean urgent() { return urgent; }
    public Instant receivedAt() { return receivedAt; }
    public Instant deadline() { return deadline; }
    public String registeredBy() { return registeredBy; }
    public String holdId() { return holdId; }
    public Decision decision() { return decision; }
    public List<Transition> history() { return List.copyOf(history); }
    public List<Fulfilment> fulfilments() { return List.copyOf(fulfilments); }
    public KioskCode kiosk() { return kiosk; }
    public Instant closedAt() { return closedAt; }
    public Instant personalDataErasedAt() { return personalDataErasedAt; }
    public List<IssuedNotice> notices() { return notices == null ? List.of() : List.copyOf(notices); }

    public boolean asks(RequestKind k) {
        return kinds.contains(k);
    }

    /** Whether a fulfilment action of that name was recorded. */
    public boolean fulfilled(String action) {
        return fulfilments.stream().anyMatch(f -> f.action().equals(action));
    }

    /** Blanks the requester's personal data; the record keeps number, kinds, cameras, window, dates and decisions. */
    void erasePersonalData(Instant now) {
        requesterName = null;
        requesterContact = null;
        representative = null;
        description = null;
        reason = null;
        if (notices != null) { // the notices' words carry the requester's name
            notices.replaceAll(n -> new IssuedNotice(n.id(), n.kind(), n.language(), n.state(), n.issuedAt(), n.issuedBy(), n.footer(), null));
        }
        personalDataErasedAt = now;
    }
}
