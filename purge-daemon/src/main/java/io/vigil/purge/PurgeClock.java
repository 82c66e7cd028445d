package io.vigil.purge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.storage.RecordTable;
import io.vigil.storage.StorageException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The purge clock: the instant from which retention is measured, derived from the wall
 * clock but guarded against steps of it. Its state (the previous run's wall time, the
 * purge clock at that run, and the lag) lives in the {@code meta} table under
 * {@value #KEY}, so the rule holds across restarts.
 *
 * <p>The rule, with {@code I} the purge interval and {@code W} the trusted forward step
 * (one day by default), {@code N} the wall clock now, {@code L} the previous run's wall
 * time, {@code H} the previous purge clock and {@code O} the lag:
 * <ul>
 *   <li>normal ({@code L-1s <= N <= L+2I+1min}): purge clock {@code E = max(H, N - O)};</li>
 *   <li>forward step up to {@code I + W}: accepted as downtime or a clock correction, written to
 *       the ledger as {@code clock.anomaly} (kind {@code forward}); {@code E = max(H, N - O)};</li>
 *   <li>forward step beyond {@code I + W}: not followed; the purge clock advances by {@code I}
 *       only and the rest is added to the lag {@code O}, so a clock set months ahead never
 *       destroys footage. Health reports the lag (footage is kept past the bound, not silently)
 *       until an operator confirms the wall clock ({@link #confirm}) or the clock is set back;</li>
 *   <li>backwards step of {@code J}: first cancels up to {@code J} of the lag (a wrong forward step
 *       being corrected); any remainder leaves the purge clock at {@code H} ({@code E = max(H, N - O)})
 *       until the wall clock passes it again: nothing is erased that the previous run would not
 *       have erased, and health reports the wall clock behind meanwhile.</li>
 * </ul>
 * The purge clock never moves backwards.
 */
public final class PurgeClock {
    static final String KEY = "purge.clock";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration BACKWARDS_TOLERANCE = Duration.ofSeconds(1);
    private static final Duration FORWARD_SLACK = Duration.ofMinutes(1);

    private final RecordTable meta;
    private final Duration interval;
    private final Duration trustedForwardStep;

    /** Persisted state; null before the first run. */
    record State(Instant lastWall, Instant effective, Duration lag) {}

    public PurgeClock(RecordTable meta, Duration interval, Duration trustedForwardStep) {
        this.meta = meta;
        this.interval = interval;
        this.trustedForwardStep = trustedForwardStep;
    }

    /** What a run starting now would use; persists nothing (a dry run reads this too). */
    public ClockReading read(Instant now) {
        State s = load();
        if (s == null) return new ClockReading(now, now, Duration.ZERO, Optional.empty());
        Duration step = Duration.between(s.lastWall(), now);
        Duration lag = s.lag();
        ClockAnomaly anomaly = null;
        if (step.compareTo(BACKWARDS_TOLERANCE.negated()) < 0) {
            Duration back = step.negated();
            Duration cancelled = min(lag, back);
            lag = lag.minus(cancelled);
            Instant effective = max(s.effective(), now.minus(lag));
            String action = (cancelled.isZero() ? "" : "cancels " + cancelled + " of the lag left by an earlier forward step; ")
                    + (effective.isAfter(now)
                        ? "the purge clock stays at " + effective + " until the wall clock passes it: nothing is erased "
                          + "earlier than before the step; footage may be kept up to " + Duration.between(now, effective)
                          + " past the bound meanwhile (health reports it)"
                        : "the purge clock follows the wall clock again");
            anomaly = new ClockAnomaly("backwards", s.lastWall(), now, step, action);
            return new ClockReading(now, effective, lag, Optional.of(anomaly));
        }
        if (step.compareTo(interval.plus(trustedForwardStep)) > 0) {
            Duration untrusted = step.minus(interval);
            lag = lag.plus(untrusted);
            Instant effective = max(s.effective(), now.minus(lag));
            anomaly = new ClockAnomaly("forward-untrusted", s.lastWall(), now, step,
                    "step larger than the trusted " + trustedForwardStep + ": the purge clock advances by one interval only ("
                    + effective + "), so no footage is erased early; footage is kept up to " + lag
                    + " past the bound until an operator confirms the clock (vigil purge --confirm-clock) or it is set back");
            return new ClockReading(now, effective, lag, Optional.of(anomaly));
        }
        Instant effective = max(s.effective(), now.minus(lag));
        if (step.compareTo(interval.multipliedBy(2).plus(FORWARD_SLACK)) > 0) {
            anomaly = new ClockAnomaly("forward", s.lastWall(), now, step,
                    "accepted (within the trusted step of " + trustedForwardStep + "): downtime or a clock correction; "
                    + "footage is erased by the purge clock " + effective);
        }
        return new ClockReading(now, effective, lag, Optional.ofNullable(anomaly));
    }

    /** Remembers the run's times; called when a run has used {@code reading}. */
    public void commit(ClockReading reading) {
        store(new State(reading.wall(), reading.effective(), reading.lag()));
    }

    /**
     * An operator states that the wall clock is right: the lag is dropped and the purge clock
     * jumps to the wall clock at the next run. Returns the lag cancelled.
     */
    public Duration confirm(Instant now) {
        State s = load();
        if (s == null || s.lag().isZero()) return Duration.ZERO;
        store(new State(s.lastWall(), s.effective(), Duration.ZERO));
        return s.lag();
    }

    /** The persisted state, or null before the first run. */
    State load() {
        return meta.get(KEY).map(PurgeClock::parse).orElse(null);
    }

    private void store(State s) {
        ObjectNode n = JSON.createObjectNode();
        n.put("lastWall", s.lastWall().toString());
        n.put("effective", s.effective().toString());
        n.put("lagMillis", s.lag().toMillis());
        try {
            meta.put(KEY, JSON.writeValueAsBytes(n));
        } catch (IOException e) {
            throw new StorageException("cannot encode purge clock state", e);
        }
    }

    private static State parse(byte[] bytes) {
        try {
            JsonNode n = JSON.readTree(bytes);
            return new State(Instant.parse(n.get("lastWall").asText()), Instant.parse(n.get("effective").asText()),
                    Duration.ofMillis(n.get("lagMillis").asLong()));
        } catch (IOException | RuntimeException e) {
            throw new StorageException("purge clock state in the meta table is unreadable: " + e.getMessage(), e);
        }
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
