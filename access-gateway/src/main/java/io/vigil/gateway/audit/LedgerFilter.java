package io.vigil.gateway.audit;

import io.vigil.storage.LedgerEntry;
import io.vigil.storage.LedgerRecord;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What an officer searches the ledger for, applied to one entry. Every field is optional
 * (null = any); the same filter serves the page, the grouped view and the CSV.
 *
 * @param user        the entry's actor (the staff member), exact, case-insensitive
 * @param cameras     the entry names one of these camera ids (a typed name is resolved to ids by the caller)
 * @param from        the entry was written at or after this instant ("happened between")
 * @param to          ... and before this instant
 * @param footageFrom the entry's footage range overlaps [footageFrom, footageTo)
 * @param footageTo   see footageFrom
 * @param purpose     text contained in the purpose, case-insensitive
 * @param action      the type code, or a family of codes ({@code view} matches {@code view.start})
 */
public record LedgerFilter(String user, Set<String> cameras, Instant from, Instant to, Instant footageFrom, Instant footageTo,
                           String purpose, String action) implements Predicate<LedgerEntry> {

    public static final LedgerFilter ANY = new LedgerFilter(null, null, null, null, null, null, null, null);

    public LedgerFilter {
        purpose = purpose == null ? null : purpose.toLowerCase(Locale.ROOT);
        cameras = cameras == null ? null : Set.copyOf(cameras);
    }

    @Override
    public boolean test(LedgerEntry e) {
        LedgerRecord r = e.record();
        if (user != null && !r.actor().equalsIgnoreCase(user)) return false;
        if (cameras != null && (r.cameraIds() == null || Arrays.stream(r.cameraIds().split(",")).noneMatch(cameras::contains))) return false;
        if (from != null && r.time().isBefore(from)) return false;
        if (to != null && !r.time().isBefore(to)) return false;
        if (purpose != null && (r.purpose() == null || !r.purpose().toLowerCase(Locale.ROOT).contains(purpose))) return false;
        if (action != null && !(r.type().equals(action) || r.type().startsWith(action + "."))) return false;
        return footageMatches(r);
    }

    private boolean footageMatches(LedgerRecord r) {
        if (footageFrom == null && footageTo == null) return true;
        if (r.footageFrom() == null) return false;
        Instant end = r.footageTo() == null ? r.footageFrom() : r.footageTo(); // a live session still open: its start
        if (footageTo != null && !r.footageFrom().isBefore(footageTo)) return false;
        return footageFrom == null || end.isAfter(footageFrom) || end.equals(r.footageFrom()) && !end.isBefore(footageFrom);
    }

    /** True when nothing is filtered (the CSV then is the whole ledger). */
    public boolean isEmpty() {
        return equals(ANY);
    }
}
