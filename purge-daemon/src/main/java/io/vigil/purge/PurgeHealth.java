package io.vigil.purge;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The purge's part of {@code /health}: UP, or DEGRADED with every reason in words. The
 * purge never makes the server DOWN: recording and playback work without it, but an
 * operator must act before the retention bound is broken or footage is lost early.
 *
 * <p>DEGRADED when: the last run failed; the bound is at risk (unheld footage may be older
 * than retention + one interval, e.g. because runs stopped); the purge clock is held behind
 * the wall clock or the wall clock is behind the purge clock (clock anomaly); footage was
 * destroyed early under disk pressure in the last 24 hours; free space could not be brought
 * above the floor.
 */
public final class PurgeHealth {
    public static final String UP = "UP";
    public static final String DEGRADED = "DEGRADED";
    /** Tolerance for the time a run itself takes before the bound counts as broken. */
    static final Duration RUN_GRACE = Duration.ofMinutes(1);

    private final Supplier<PurgeStatus> status;
    private final Clock clock;
    private final Duration retention;
    private final Duration interval;
    private final Supplier<Map<String, Instant>> oldestStarts;

    /** One evaluation: status, reasons (empty when UP) and facts for the JSON body. */
    public record Result(String status, List<String> reasons, Map<String, Object> details) {
        public boolean up() {
            return UP.equals(status);
        }

        /** {@code {"status": ..., "reasons": [...], ...details}} for the gateway's {@code checks} object. */
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("status", status);
            m.put("reasons", reasons);
            m.putAll(details);
            return m;
        }
    }

    PurgeHealth(Supplier<PurgeStatus> status, Clock clock, Duration retention, Duration interval,
                Supplier<Map<String, Instant>> oldestStarts) {
        this.oldestStarts = oldestStarts;
        this.status = status;
        this.clock = clock;
        this.retention = retention;
        this.interval = interval;
    }

    public Result check() {
        Instant now = clock.instant();
        PurgeStatus s = status.get();
        List<String> reasons = new ArrayList<>();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("retentionDays", retention.toDays());
        details.put("intervalSeconds", interval.toSeconds());
        details.put("lastRun", s.lastRunWall() == null ? null : s.lastRunWall().toString());
        Duration bound = retention.plus(interval);
        Map<String, Long> ages = new LinkedHashMap<>();
        oldestStarts.get().forEach((camera, start) -> ages.put(camera, Math.max(0, Duration.between(start, now).toSeconds())));
        // Oldest stored footage per camera, held footage included (by its start).
        details.put("oldestFootageAgeSeconds", ages);

        if (s.lastRunWall() == null) {
            if (s.startedAt() != null && Duration.between(s.startedAt(), now).compareTo(interval.plus(RUN_GRACE)) > 0) {
                reasons.add("the purge has not completed a run since it started at " + s.startedAt());
            }
        } else {
            if (!s.lastRunOk()) reasons.add("purge failing: " + s.lastError());
            if (s.unheldNotBefore() != null) {
                Duration worst = Duration.between(s.unheldNotBefore(), now);
                details.put("oldestUnheldFootageAgeAtMostSeconds", Math.max(0, worst.toSeconds()));
                if (worst.compareTo(bound.plus(RUN_GRACE)) > 0) {
                    reasons.add("retention bound at risk: unheld footage may be up to " + pretty(worst)
                            + " old, more than retention + interval (" + pretty(bound) + "); last run " + s.lastRunWall());
                }
            }
            if (!s.lag().isZero()) {
                reasons.add("clock: the wall clock jumped forward; the purge clock is held " + pretty(s.lag())
                        + " behind it, so footage is kept up to that long past the bound until an operator confirms "
                        + "the time (vigil purge --confirm-clock)");
            }
            if (s.effective() != null && now.isBefore(s.effective())) {
                reasons.add("clock: the wall clock is " + pretty(Duration.between(now, s.effective()))
                        + " behind the purge clock (it went backwards); the purge waits for it to catch up");
            }
        }
        if (s.lastEarlyAt() != null && Duration.between(s.lastEarlyAt(), now).compareTo(Duration.ofHours(24)) < 0) {
            reasons.add("disk pressure: " + s.lastEarlySegments() + " segments of the oldest unheld footage were destroyed "
                    + "before the end of retention at " + s.lastEarlyAt() + " to keep recording");
        }
        if (s.lastEarlyAt() != null) details.put("lastEarlyDestruction", s.lastEarlyAt().toString());
        if (s.floorUnreachable()) {
            reasons.add("disk pressure: free space is below the configured floor and no unheld footage old enough "
                    + "is left to erase; add disk space or lower retention.minFreeBytes");
        }
        return new Result(reasons.isEmpty() ? UP : DEGRADED, List.copyOf(reasons), details);
    }

    private static String pretty(Duration d) {
        long s = Math.abs(d.toSeconds());
        if (s >= 86400) return String.format("%dd %dh", s / 86400, (s % 86400) / 3600);
        if (s >= 3600) return String.format("%dh %dm", s / 3600, (s % 3600) / 60);
        if (s >= 60) return String.format("%dm %ds", s / 60, s % 60);
        return s + "s";
    }
}
