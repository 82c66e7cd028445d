package io.vigil.gateway.audit;

import io.vigil.storage.Ledger;
import io.vigil.storage.LedgerEntry;
import io.vigil.storage.LedgerRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Groups the ledger into the officer's rows ({@link Activity}), newest first. A viewing is
 * every entry carrying the same {@code grantId} (grant.issue, view.start, export, view.end),
 * a live session every entry with the same {@code monitoringSession}; the rest stand alone.
 *
 * <p>Done on the server because the members of one viewing are written minutes apart with
 * other entries between them: the filter matches any member (an export, a view.end), and
 * the row must still show the whole viewing, so the other members are fetched from the
 * ledger around the matched ones (within {@code span}, the longest a grant or a live session
 * can run). The limit counts rows, not entries.
 */
public final class LedgerActivities {
    private static final int PAGE = 2048;

    private final Ledger ledger;
    private final Duration span;

    /** @param span how far from its matched entries a viewing's other entries may lie */
    public LedgerActivities(Ledger ledger, Duration span) {
        this.ledger = ledger;
        this.span = span;
    }

    /** The grouping key of an entry: its grant or monitoring session, else the entry itself. */
    public static String keyOf(LedgerEntry e) {
        Map<String, String> d = e.record().details();
        String grant = d.get("grantId");
        if (grant != null && e.record().type().matches("grant\\.issue|view\\.start|view\\.end|export")) return "grant:" + grant;
        String live = d.get("monitoringSession");
        if (live != null && e.record().type().startsWith("live.")) return "live:" + live;
        return "entry:" + e.number();
    }

    /** At most {@code limit} rows with an entry matching {@code filter}, newest first, each complete. */
    public List<Activity> find(Predicate<LedgerEntry> filter, int limit) {
        Map<String, List<LedgerEntry>> rows = new LinkedHashMap<>();
        long size = ledger.size();
        scan:
        for (long hi = size; hi >= 1; hi -= PAGE) {
            List<LedgerEntry> page = ledger.range(Math.max(1, hi - PAGE + 1), hi);
            for (int i = page.size() - 1; i >= 0; i--) {
                LedgerEntry e = page.get(i);
                if (!filter.test(e)) continue;
                String key = keyOf(e);
                if (!rows.containsKey(key) && rows.size() >= limit) break scan;
                rows.computeIfAbsent(key, k -> new ArrayList<>()).add(e);
            }
        }
        complete(rows, size);
        List<Activity> out = new ArrayList<>(rows.size());
        for (Map.Entry<String, List<LedgerEntry>> r : rows.entrySet()) {
            List<LedgerEntry> entries = new ArrayList<>(r.getValue());
            entries.sort(Comparator.comparingLong(LedgerEntry::number));
            out.add(new Activity(r.getKey(), kindOf(r.getKey()), entries));
        }
        return out;
    }

    private static Activity.Kind kindOf(String key) {
        return key.startsWith("grant:") ? Activity.Kind.VIEWING : key.startsWith("live:") ? Activity.Kind.LIVE : Activity.Kind.ENTRY;
    }

    /** Adds to every grouped row the members the filter did not match, from around the matched ones. */
    private void complete(Map<String, List<LedgerEntry>> rows, long size) {
        long lo = Long.MAX_VALUE, hi = 0;
        Instant earliest = Instant.MAX, latest = Instant.MIN;
        for (Map.Entry<String, List<LedgerEntry>> r : rows.entrySet()) {
            if (r.getKey().startsWith("entry:")) continue;
            for (LedgerEntry e : r.getValue()) {
                lo = Math.min(lo, e.number());
                hi = Math.max(hi, e.number());
                if (e.record().time().isBefore(earliest)) earliest = e.record().time();
                if (e.record().time().isAfter(latest)) latest = e.record().time();
            }
        }
        if (hi == 0) return;
        Map<String, TreeMap<Long, LedgerEntry>> members = new LinkedHashMap<>();
        for (Map.Entry<String, List<LedgerEntry>> r : rows.entrySet()) {
            if (r.getKey().startsWith("entry:")) continue;
            TreeMap<Long, LedgerEntry> m = new TreeMap<>();
            for (LedgerEntry e : r.getValue()) m.put(e.number(), e);
            members.put(r.getKey(), m);
        }
        Instant before = earliest.minus(span), after = latest.plus(span);
        // Backwards from the newest matched entry to before the oldest one's span (or until every row has its opening entry).
        for (long top = hi; top >= 1; top -= PAGE) {
            List<LedgerEntry> page = ledger.range(Math.max(1, top - PAGE + 1), top);
            boolean done = false;
            for (int i = page.size() - 1; i >= 0 && !done; i--) {
                LedgerEntry e = page.get(i);
                if (e.number() < lo && (e.record().time().isBefore(before) || allOpened(members))) done = true;
                else add(members, e);
            }
            if (done) break;
        }
        // Forwards after the newest matched entry, within the span (later exports and ends).
        for (long from = hi + 1; from <= size; from += PAGE) {
            boolean done = false;
            for (LedgerEntry e : ledger.range(from, Math.min(size, from + PAGE - 1))) {
                if (e.record().time().isAfter(after)) {
                    done = true;
                    break;
                }
                add(members, e);
            }
            if (done) break;
        }
        for (Map.Entry<String, TreeMap<Long, LedgerEntry>> m : members.entrySet()) rows.put(m.getKey(), new ArrayList<>(m.getValue().values()));
    }

    private static void add(Map<String, TreeMap<Long, LedgerEntry>> members, LedgerEntry e) {
        TreeMap<Long, LedgerEntry> m = members.get(keyOf(e));
        if (m != null) m.putIfAbsent(e.number(), e);
    }

    private static boolean allOpened(Map<String, TreeMap<Long, LedgerEntry>> members) {
        for (TreeMap<Long, LedgerEntry> m : members.values()) {
            LedgerRecord first = m.firstEntry().getValue().record();
            if (!first.type().equals("grant.issue") && !first.type().equals("live.start")) return false;
        }
        return true;
    }
}
