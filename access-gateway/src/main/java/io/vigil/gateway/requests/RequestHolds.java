package io.vigil.gateway.requests;

import io.vigil.storage.holds.HoldRegistry;
import io.vigil.storage.holds.LegalHold;
import java.time.Clock;
import java.time.Instant;

/**
 * The legal hold that keeps a request's footage while it is open (docs/requests.md, "The
 * hold"): placed on registering, extended by a deferral, released on closing. Other holds
 * on the same footage are never touched.
 */
final class RequestHolds {
    private final HoldRegistry holds;
    private final Clock clock;
    private final RequestSettings settings;

    RequestHolds(HoldRegistry holds, Clock clock, RequestSettings settings) {
        this.holds = holds;
        this.clock = clock;
        this.settings = settings;
    }

    /** Holds the window until 30 days (the grace) after the deadline; returns the hold's id. */
    String place(SubjectRequest r, String actor) {
        LegalHold hold = holds.place(r.cameras, r.from, r.to, "subject request " + r.number + " (kept while it is open)",
                r.number, r.deadline.plus(settings.holdGrace()), actor);
        return hold.id();
    }

    /** Keeps the footage until the grace after a new deadline (a deferral), if the hold is still active. */
    void extendPast(SubjectRequest r, Instant deadline, String actor) {
        if (r.holdId == null) return;
        Instant until = deadline.plus(settings.holdGrace());
        LegalHold h = holds.get(r.holdId);
        if (h.stateAt(clock.instant()).equals("active") && until.isAfter(h.expiresAt())) holds.extend(r.holdId, until, actor);
    }

    void release(SubjectRequest r, String reason, String actor) {
        if (r.holdId == null) return;
        LegalHold h = holds.get(r.holdId);
        if (h.stateAt(clock.instant()).equals("active")) holds.release(r.holdId, "subject request " + r.number + " closed: " + reason, actor);
    }
}
