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
    /** The reasons' codes: keys of the gateway's bundles, which word them in Korean and English. */
    public static final String NEVER_RAN = "health.purge.neverRan";
    public static final String FAILING = "health.purge.failing";
    public static final String BOUND_AT_RISK = "health.purge.boundAtRisk";
    public static final String CLOCK_HELD = "health.purge.clockHeld";
    public static final String CLOCK_BEHIND = "health.purge.clockBehind";
    public static final String EARLY_DESTRUCTION = "health.purge.early";
    public static final String FLOOR_UNREACHABLE = "health.purge.floorUnreachable";
    /** Tolerance for the time a run itself takes before the bound counts as broken. */
    static final Duration RUN_GRACE = Duration.ofMinutes(1);

    private final Supplier<PurgeStatus> status;
    private final Clock clock;
    private final Duration retention;
    private final Duration interval;
    private final Supplier<Map<String, Instant>> oldestStarts;

    /**
     * One reason as a code the gateway words in the reader's language (a key of its bundles,
     * {@code health.purge.*}; the purge has no bundles) with its arguments, and in English words
     * for the log. Times are {@link Instant}s; durations are already short ("2d 3h").
     */
    public record Reason(String code, Map<String, Object> args, String text) {
        public Reason {
            args = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(args));
        }
    }

    /** One evaluation: status, reasons in words (empty when UP) and as codes, and facts for the JSON body. */
    public record Result(String status, List<String> reasons, Map<String, Object> details, List<Reason> coded) {
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
        List<Reason> reasons = new ArrayList<>();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("retentionDays", retention.toDays());
        details.put("intervalSeconds", interval.toSeconds());
        details.put("lastRun", s.lastRunWall() == null ? null : s.lastRunWall().toString());
        Map<String, Long> ages = new LinkedHashMap<>();
        oldestStarts.get().forEach((camera, start) -> ages.put(camera, Math.max(0, Duration.between(start, now).toSeconds())));
        // Oldest stored footage per camera, held footage included (by its start).
        details.put("oldestFootageAgeSeconds", ages);

        if (s.lastRunWall() == null) {
            if (s.startedAt() != null && Duration.between(s.startedAt(), now).compareTo(interval.plus(RUN_GRACE)) > 0) {
                reasons.add(reason(NEVER_RAN, "the purge has not completed a run since it started at " + s.startedAt(),
                        "startedAt", s.startedAt()));
            }
        } else {
            runReasons(s, now, details, reasons);
        }
        if (s.lastEarlyAt() != null && Duration.between(s.lastEarlyAt(), now).compareTo(Duration.ofHours(24)) < 0) {
            reasons.add(reason(EARLY_DESTRUCTION, "disk pressure: " + s.lastEarlySegments() + " segments of the oldest unheld footage were "
                    + "destroyed before the end of retention at " + s.lastEarlyAt() + " to keep recording",
                    "segments", s.lastEarlySegments(), "destroyedAt", s.lastEarlyAt()));
        }
        if (s.lastEarlyAt() != null) details.put("lastEarlyDestruction", s.lastEarlyAt().toString());
        if (s.floorUnreachable()) {
            reasons.add(reason(FLOOR_UNREACHABLE, "disk pressure: free space is below the configured floor and no unheld "
                    + "footage old enough is left to erase; add disk space or lower retention.minFreeSpace"));
        }
        return new Result(reasons.isEmpty() ? UP : DEGRADED, reasons.stream().map(Reason::text).toList(), details, List.copyOf(reasons));
    }

    /** What the last run and the purge clock tell: a failing run, the bound at risk, a clock anomaly. */
    private void runReasons(PurgeStatus s, Instant now, Map<String, Object> details, List<Reason> reasons) {
        if (!s.lastRunOk()) reasons.add(reason(FAILING, "purge failing: " + s.lastError(), "error", s.lastError()));
        if (s.unheldNotBefore() != null) {
            Duration bound = retention.plus(interval);
            Duration worst = Duration.between(s.unheldNotBefore(), now);
            details.put("oldestUnheldFootageAgeAtMostSeconds", Math.max(0, worst.toSeconds()));
            if (worst.compareTo(bound.plus(RUN_GRACE)) > 0) {
                reasons.add(reason(BOUND_AT_RISK, "retention bound at risk: unheld footage may be up to " + pretty(worst)
                        + " old, more than retention + interval (" + pretty(bound) + "); last run " + s.lastRunWall(),
                        "age", pretty(worst), "bound", pretty(bound), "lastRunAt", s.lastRunWall()));
            }
        }
        if (!s.lag().isZero()) {
            reasons.add(reason(CLOCK_HELD, "clock: the wall clock jumped forward; the purge clock is held " + pretty(s.lag())
                    + " behind it, so footage is kept up to that long past the bound until an operator confirms "
                    + "the time (vigil purge --confirm-clock)", "lag", pretty(s.lag())));
        }
        if (s.effective() != null && now.isBefore(s.effective())) {
            String behind = pretty(Duration.between(now, s.effective()));
            reasons.add(reason(CLOCK_BEHIND, "clock: the wall clock is " + behind
                    + " behind the purge clock (it went backwards); the purge waits for it to catch up", "behind", behind));
        }
    }

    /** @param kv argument names and values, alternating */
    private static Reason reason(String code, String text, Object... kv) {
        Map<String, Object> args = new LinkedHashMap<>();
        for (int i = 0; i + 1 < kv.length; i += 2) args.put((String) kv[i], kv[i + 1]);
        return new Reason(code, args, text);
    }

    private static String pretty(Duration d) {
        long s = Math.abs(d.toSeconds());
        if (s >= 86400) return String.format("%dd %dh", s / 86400, (s % 86400) / 3600);
        if (s >= 3600) return String.format("%dh %dm", s / 3600, (s % 3600) / 60);
        if (s >= 60) return String.format("%dm %ds", s / 60, s % 60);
        return s + "s";
    }
}
