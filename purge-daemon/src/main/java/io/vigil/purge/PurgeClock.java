package io.vigil.purge;

import io.vigil.purge.PurgeState.ClockState;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The purge clock: the instant from which retention is measured, derived from the wall
 * clock but guarded against steps of it. This class is the rule only: its state (the
 * previous run's wall time, the purge clock at that run, and the lag) is part of
 * {@link PurgeState}, kept in the {@code meta} table so the rule holds across restarts.
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
final class PurgeClock {
    private static final Duration BACKWARDS_TOLERANCE = Duration.ofSeconds(1);
    private static final Duration FORWARD_SLACK = Duration.ofMinutes(1);

    private final Duration interval;
    private final Duration trustedForwardStep;

    PurgeClock(Duration interval, Duration trustedForwardStep) {
        this.interval = interval;
        this.trustedForwardStep = trustedForwardStep;
    }

    /**
     * What a run starting at {@code now} would use, after the run that left {@code last}
     * (null before the first run); pure, so a dry run reads this too. {@code monotonicElapsed}
     * is how much real time passed since that run ({@link System#nanoTime()}; null when
     * unknown, e.g. after a reboot). A wall clock that advanced more than that (plus a minute)
     * was stepped while Vigil ran: no downtime explains it, so the purge clock advances by the
     * real elapsed time only, whatever the trusted step, and the rest is lag until an operator
     * confirms the clock.
     */
    ClockReading read(ClockState last, Instant now, Duration monotonicElapsed) {
        if (last == null) return new ClockReading(now, now, Duration.ZERO, Optional.empty());
        Duration step = Duration.between(last.lastWall(), now);
        boolean backwards = step.compareTo(BACKWARDS_TOLERANCE.negated()) < 0;
        // After a backwards step the wall clock has been changed: the old lag no longer
        // describes it, so it is judged afresh against the purge clock.
        Duration lag = backwards ? Duration.ZERO : last.lag();
        Instant candidate = now.minus(lag);
        Duration advance = Duration.between(last.effective(), candidate);
        Instant effective;
        boolean untrusted = advance.compareTo(interval.plus(trustedForwardStep)) > 0;
        boolean jumpedWhileRunning = !untrusted && !backwards && monotonicElapsed != null
                && step.minus(monotonicElapsed).compareTo(FORWARD_SLACK) > 0
                && advance.compareTo(monotonicElapsed.plus(FORWARD_SLACK)) > 0;
        if (jumpedWhileRunning) {
            effective = last.effective().plus(monotonicElapsed);
            lag = Duration.between(effective, now);
        } else if (untrusted) {
            effective = last.effective().plus(interval);
            lag = Duration.between(effective, now);
        } else {
            effective = advance.isNegative() ? last.effective() : candidate;
        }
        String kind = jumpedWhileRunning ? "forward-jump" : untrusted ? "forward-untrusted" : backwards ? "backwards"
                : step.compareTo(interval.multipliedBy(2).plus(FORWARD_SLACK)) > 0 ? "forward" : null;
        ClockAnomaly anomaly = kind == null ? null : new ClockAnomaly(kind, last.lastWall(), now, step,
                action(kind, last, now, effective, lag, advance, monotonicElapsed, step),
                actionWhy(kind, last, now, effective, lag, advance, monotonicElapsed, step));
        return new ClockReading(now, effective, lag, Optional.ofNullable(anomaly));
    }

    /** What the purge does about an anomaly of {@code kind}, in words for the log and the ledger. */
    private String action(String kind, ClockState last, Instant now, Instant effective, Duration lag, Duration advance,
                          Duration monotonicElapsed, Duration step) {
        return switch (kind) {
            case "forward-jump" -> "the wall clock advanced " + step + " while only " + monotonicElapsed
                    + " passed (monotonic clock of this process): the purge clock advances by the real elapsed time only (to "
                    + effective + "), so no footage is erased early; footage is kept up to " + lag
                    + " past the bound until an operator confirms the clock (vigil purge --confirm-clock) or the clock is set back";
            case "forward-untrusted" -> "the purge clock would jump " + advance + ", more than the trusted " + trustedForwardStep
                    + ": it advances by one interval only (to " + effective + "), so no footage is erased early; footage "
                    + "is kept up to " + lag + " past the bound until an operator confirms the clock "
                    + "(vigil purge --confirm-clock) or the clock is set back";
            case "backwards" -> (last.lag().isZero() ? "" : "cancels the lag of " + last.lag() + " left by an earlier forward step; ")
                    + (effective.isAfter(now)
                        ? "the purge clock stays at " + effective + " until the wall clock passes it: nothing is erased "
                          + "that the previous run would not have erased; footage may be kept up to "
                          + Duration.between(now, effective) + " past the bound meanwhile (health reports it)"
                        : "the purge clock follows the wall clock (" + effective + ")");
            default -> "accepted (the purge clock advances " + advance + ", within the trusted " + trustedForwardStep
                    + "): downtime or a clock correction; footage is erased by the purge clock " + effective;
        };
    }

    /** The same as {@link #action}, as a key of the command line's bundles and its arguments (times and durations as ISO text). */
    private io.vigil.storage.Reason actionWhy(String kind, ClockState last, Instant now, Instant effective, Duration lag,
                                                   Duration advance, Duration monotonicElapsed, Duration step) {
        return switch (kind) {
            case "forward-jump" -> io.vigil.storage.Reason.of("purge.anomaly.forwardJump", "step", step, "elapsed", monotonicElapsed,
                    "effectiveAt", effective, "lag", lag);
            case "forward-untrusted" -> io.vigil.storage.Reason.of("purge.anomaly.forwardUntrusted", "advance", advance,
                    "trusted", trustedForwardStep, "effectiveAt", effective, "lag", lag);
            case "backwards" -> effective.isAfter(now)
                    ? io.vigil.storage.Reason.of(last.lag().isZero() ? "purge.anomaly.backwardsHeld" : "purge.anomaly.backwardsHeldCancels",
                            "lastLag", last.lag(), "effectiveAt", effective, "behind", Duration.between(now, effective))
                    : io.vigil.storage.Reason.of(last.lag().isZero() ? "purge.anomaly.backwardsFollows" : "purge.anomaly.backwardsFollowsCancels",
                            "lastLag", last.lag(), "effectiveAt", effective);
            default -> io.vigil.storage.Reason.of("purge.anomaly.accepted", "advance", advance, "trusted", trustedForwardStep,
                    "effectiveAt", effective);
        };
    }

    /** The state a run leaves after it used {@code reading}. */
    static ClockState after(ClockReading reading) {
        return new ClockState(reading.wall(), reading.effective(), reading.lag());
    }

    /**
     * An operator states that the wall clock is right: the lag is dropped and the purge clock
     * takes the wall clock's value. Returns the new state, or empty when there was no lag to cancel.
     */
    static Optional<ClockState> confirm(ClockState last, Instant now) {
        if (last == null || last.lag().isZero()) return Optional.empty();
        return Optional.of(new ClockState(now, now, Duration.ZERO));
    }
}
