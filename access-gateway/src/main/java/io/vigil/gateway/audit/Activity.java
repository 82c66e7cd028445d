package io.vigil.gateway.audit;

import io.vigil.storage.LedgerEntry;
import java.util.List;

/**
 * One row of the officer's ledger: a viewing (grant issued, playbacks, exports, ends: one
 * grant id), a live monitoring session (start and end) or a single entry.
 *
 * @param key     {@code grant:<id>}, {@code live:<id>} or {@code entry:<number>}
 * @param kind    what the row is
 * @param entries its ledger entries, ascending by number
 */
public record Activity(String key, Kind kind, List<LedgerEntry> entries) {
    public enum Kind { VIEWING, LIVE, ENTRY }

    public Activity {
        entries = List.copyOf(entries);
        if (entries.isEmpty()) throw new IllegalArgumentException("an activity has at least one entry");
    }

    public LedgerEntry first() {
        return entries.get(0);
    }

    public LedgerEntry last() {
        return entries.get(entries.size() - 1);
    }
}
