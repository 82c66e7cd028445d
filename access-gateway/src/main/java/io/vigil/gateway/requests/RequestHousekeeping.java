package io.vigil.gateway.requests;

import io.vigil.storage.LedgerEventType;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the clock does to requests: counting those near or past their deadline (the page's
 * flags, the gauge, {@code /health}), and blanking the requester's personal data once the
 * configured period after closing has passed (docs/requests.md, "Retention of the request record").
 */
final class RequestHousekeeping {
    private final RequestJournal journal;
    private final Deadlines deadlines;
    private final RequestSettings settings;

    RequestHousekeeping(RequestJournal journal, Deadlines deadlines, RequestSettings settings) {
        this.journal = journal;
        this.deadlines = deadlines;
        this.settings = settings;
    }

    /** Called under {@link RequestWorkflow}'s lock. */
    int erasePersonalDataDue() {
        Instant now = journal.clock.instant();
        int n = 0;
        for (SubjectRequest r : journal.store.all()) {
            if (r.closedAt == null || r.personalDataErasedAt != null) continue;
            if (now.isBefore(r.closedAt.plus(settings.personalDataRetention()))) continue;
            r.erasePersonalData(now);
            String hash = journal.store.put(r);
            journal.ledger.append(RequestJournal.entry(LedgerEventType.SUBJECT_REQUEST_PERSONAL_DATA_ERASED, r, now, "request-retention", hash,
                    Map.of("closedAt", r.closedAt.toString(), "retention", settings.personalDataRetention().toString())));
            n++;
        }
        return n;
    }

    /** Open requests by deadline flag (reads only; needs no lock). */
    Map<Deadlines.Flag, Long> flagCounts() {
        Instant now = journal.clock.instant();
        Map<Deadlines.Flag, Long> out = new LinkedHashMap<>();
        for (Deadlines.Flag f : Deadlines.Flag.values()) out.put(f, 0L);
        for (SubjectRequest r : journal.store.all()) out.merge(deadlines.flag(r, now), 1L, Long::sum);
        return out;
    }
}
