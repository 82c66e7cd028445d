package io.vigil.gateway.refusals;

import io.vigil.storage.Ledger;
import io.vigil.storage.LedgerEventType;
import io.vigil.storage.LedgerRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes the ledger entries that refusals cause (denied requests, wrong codes, forbidden
 * reads, failed sign-ins), at most {@code limit} per source and interval. Beyond that a
 * refusal is only counted; when the source's interval ends one {@code refusals.suppressed}
 * entry says how many further refusals of which types were not written one by one, so a
 * flood costs the ledger one entry per interval and nothing disappears silently.
 * The interval of a source starts with its first refusal; summaries are written by
 * {@link #flushDue()} (the gateway's housekeeping calls it), by the source's next refusal
 * after the interval, and by {@link #flushAll()} when the gateway stops.
 */
public final class RefusalLedger {
    public static final int DEFAULT_LIMIT = 20;
    public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(1);
    /** More sources than this at once share one window, so memory stays bounded under a spray of addresses. */
    static final int MAX_SOURCES = 10_000;
    static final RefusalSource OVERFLOW = new RefusalSource("many sources", "many addresses");

    private final Ledger ledger;
    private final Clock clock;
    private final int limit;
    private final Duration interval;
    /** Guarded by {@code this}; ledger appends happen outside the lock. */
    private final Map<RefusalSource, Window> windows = new HashMap<>();

    public RefusalLedger(Ledger ledger, Clock clock) {
        this(ledger, clock, DEFAULT_LIMIT, DEFAULT_INTERVAL);
    }

    public RefusalLedger(Ledger ledger, Clock clock, int limit, Duration interval) {
        if (limit < 1 || interval.isNegative() || interval.isZero()) throw new IllegalArgumentException("limit >= 1 and a positive interval");
        this.ledger = ledger;
        this.clock = clock;
        this.limit = limit;
        this.interval = interval;
    }

    /** Writes {@code record} unless its source is over the limit; then counts it. Returns whether it was written. */
    public boolean append(RefusalSource source, LedgerRecord record) {
        Instant now = clock.instant();
        LedgerRecord summary = null;
        boolean write;
        synchronized (this) {
            Window w = windows.get(source);
            if (w != null && !now.isBefore(w.end)) {
                windows.remove(source);
                summary = w.summary(now);
                w = null;
            }
            if (w == null) {
                RefusalSource key = windows.size() < MAX_SOURCES ? source : OVERFLOW;
                w = windows.computeIfAbsent(key, k -> new Window(k, now, now.plus(interval)));
            }
            write = w.written < limit;
            if (write) w.written++;
            else w.suppressed.merge(record.type(), 1L, Long::sum);
        }
        if (summary != null) ledger.append(summary);
        if (write) ledger.append(record);
        return write;
    }

    /** Ends the windows whose interval is over, writing a summary for those that suppressed refusals. Returns how many summaries. */
    public int flushDue() {
        return flush(false);
    }

    /** Ends every window now (the gateway stops), writing a summary for those that suppressed refusals. */
    public int flushAll() {
        return flush(true);
    }

    private int flush(boolean all) {
        Instant now = clock.instant();
        List<LedgerRecord> summaries = new ArrayList<>();
        synchronized (this) {
            for (Iterator<Window> it = windows.values().iterator(); it.hasNext(); ) {
                Window w = it.next();
                if (!all && now.isBefore(w.end)) continue;
                it.remove();
                LedgerRecord s = w.summary(now);
                if (s != null) summaries.add(s);
            }
        }
        for (LedgerRecord s : summaries) ledger.append(s);
        return summaries.size();
    }

    /** Refusals counted but not yet summarised, over all sources (for metrics and tests). */
    public synchronized long pendingSuppressed() {
        return windows.values().stream().mapToLong(Window::total).sum();
    }

    /** One source's interval: how many refusals were written and which were only counted. */
    private static final class Window {
        final RefusalSource source;
        final Instant start;
        final Instant end;
        int written;
        final Map<String, Long> suppressed = new TreeMap<>();

        Window(RefusalSource source, Instant start, Instant end) {
            this.source = source;
            this.start = start;
            this.end = end;
        }

        long total() {
            return suppressed.values().stream().mapToLong(Long::longValue).sum();
        }

        /** The summary entry, or null when nothing was suppressed. */
        LedgerRecord summary(Instant now) {
            long n = total();
            if (n == 0) return null;
            Map<String, String> d = new LinkedHashMap<>();
            d.put("summary", n + " further refusal" + (n == 1 ? "" : "s") + " suppressed");
            d.put("suppressed", Long.toString(n));
            StringBuilder types = new StringBuilder();
            suppressed.forEach((type, count) -> types.append(types.length() == 0 ? "" : ", ").append(type).append(" x").append(count));
            d.put("types", types.toString());
            d.put("client", source.client());
            d.put("from", start.toString());
            d.put("to", (now.isBefore(end) ? now : end).toString());
            return LedgerRecord.of(LedgerEventType.REFUSALS_SUPPRESSED, now, source.actor(), d);
        }
    }
}
