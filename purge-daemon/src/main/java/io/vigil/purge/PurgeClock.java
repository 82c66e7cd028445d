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
 * time, {@code H} the previous purge clock and {@code O} the lag (how far the purge clock
 * is held behind the wall clock):
 * <ul>
 *   <li>the candidate purge clock is {@code N - O}; after a backwards step of the wall clock
 *       ({@code N < L - 1s}) the lag is dropped first (the clock was changed, so it is judged
 *       afresh) and the candidate is {@code N};</li>
 *   <li>if the candidate is more than {@code I + W} ahead of {@code H}, the step is not trusted:
 *       the purge clock becomes {@code H + I} and the lag {@code N - (H + I)}; a clock set months
 *       ahead never destroys footage. Health reports the lag (footage is kept past the bound,
 *       not silently) until an operator confirms the clock ({@link #confirm}) or it is set back;</li>
 *   <li>if the candidate is behind {@code H}, the purge clock stays at {@code H} until the wall
 *       clock passes it: nothing is erased that the previous run would not have erased, and
 *       health reports the wall clock behind meanwhile;</li>
 *   <li>otherwise the purge clock is the candidate.</li>
 * </ul>
 * Every backwards step, untrusted step, and forward step of more than {@code 2I + 1 min}
 * (downtime or a correction, accepted) is an anomaly: logged and written to the ledger.
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
        return read(now, null);
    }

    /**
     * As {@link #read(Instant)}, also told how much real time passed since the last committed
     * run of this same process ({@code monotonicElapsed}, from {@link System#nanoTime()}; null
     * when unknown, e.g. the first run after a start). A wall clock that advanced more than that
     * (plus a minute) was stepped while Vigil ran: no downtime explains it, so the purge clock
     * advances by the real elapsed time only, whatever the trusted step, and the rest is lag
     * until an operator confirms the clock.
     */
    public ClockReading read(Instant now, Duration monotonicElapsed) {
        State s = load();
        if (s == null) return new ClockReading(now, now, Duration.ZERO, Optional.empty());
        Duration step = Duration.between(s.lastWall(), now);
        boolean backwards = step.compareTo(BACKWARDS_TOLERANCE.negated()) < 0;
        // After a backwards step the wall clock has been changed: the old lag no longer
        // describes it, so it is judged afresh against the purge clock.
        Duration lag = backwards ? Duration.ZERO : s.lag();
        Instant candidate = now.minus(lag);
        Duration advance = Duration.between(s.effective(), candidate);
        Instant effective;
        boolean untrusted = advance.compareTo(interval.plus(trustedForwardStep)) > 0;
        boolean jumpedWhileRunning = !untrusted && !backwards && monotonicElapsed != null
                && step.minus(monotonicElapsed).compareTo(FORWARD_SLACK) > 0
                && advance.compareTo(monotonicElapsed.plus(FORWARD_SLACK)) > 0;
        if (jumpedWhileRunning) {
            effective = s.effective().plus(monotonicElapsed);
            lag = Duration.between(effective, now);
        } else if (untrusted) {
            effective = s.effective().plus(interval);
            lag = Duration.between(effective, now);
        } else {
            effective = advance.isNegative() ? s.effective() : candidate;
        }

        ClockAnomaly anomaly = null;
        if (jumpedWhileRunning) {
            anomaly = new ClockAnomaly("forward-jump", s.lastWall(), now, step,
                    "the wall clock advanced " + step + " while only " + monotonicElapsed + " passed (monotonic clock of this"
                    + " process): the purge clock advances by the real elapsed time only (to " + effective + "), so no footage is"
                    + " erased early; footage is kept up to " + lag + " past the bound until an operator confirms the clock"
                    + " (vigil purge --confirm-clock) or the clock is set back");
        } else if (untrusted) {
            anomaly = new ClockAnomaly("forward-untrusted", s.lastWall(), now, step,
                    "the purge clock would jump " + advance + ", more than the trusted " + trustedForwardStep
                    + ": it advances by one interval only (to " + effective + "), so no footage is erased early; footage "
                    + "is kept up to " + lag + " past the bound until an operator confirms the clock "
                    + "(vigil purge --confirm-clock) or the clock is set back");
        } else if (backwards) {
            anomaly = new ClockAnomaly("backwards", s.lastWall(), now, step,
                    (s.lag().isZero() ? "" : "cancels the lag of " + s.lag() + " left by an earlier forward step; ")
                    + (effective.isAfter(now)
                        ? "the purge clock stays at " + effective + " until the wall clock passes it: nothing is erased "
                          + "that the previous run would not have erased; footage may be kept up to "
                          + Duration.between(now, effective) + " past the bound meanwhile (health reports it)"
                        : "the purge clock follows the wall clock (" + effective + ")"));
        } else if (step.compareTo(interval.multipliedBy(2).plus(FORWARD_SLACK)) > 0) {
            anomaly = new ClockAnomaly("forward", s.lastWall(), now, step,
                    "accepted (the purge clock advances " + advance + ", within the trusted " + trustedForwardStep
                    + "): downtime or a clock correction; footage is erased by the purge clock " + effective);
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
        // The operator vouches for the wall clock: the purge clock takes its value now.
        store(new State(now, now, Duration.ZERO));
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
