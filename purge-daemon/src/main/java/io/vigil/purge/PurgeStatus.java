package io.vigil.purge;

import java.time.Duration;
import java.time.Instant;

/**
 * The facts health is judged on, as of the last run; replaced whole after each run.
 * Changed through {@link #toBuilder()} so each change names the facts it sets.
 *
 * @param startedAt         when the daemon started (null if never started)
 * @param lastRunWall       wall time of the last run (null before the first)
 * @param lastRunOk         the last run did everything it planned
 * @param lastError         the last run's first error, or null
 * @param unheldNotBefore   no unheld footage ends before this instant (the last complete run's cutoff,
 *                          or the end of the oldest footage it failed to erase); null before the first run
 * @param lag               purge clock held behind the wall clock (unconfirmed forward step)
 * @param effective         the last run's purge clock
 * @param lastEarlyAt       last early destruction under disk pressure, or null
 * @param lastEarlySegments segments it destroyed
 * @param floorUnreachable  free space stayed below the floor at the last run
 */
public record PurgeStatus(
        Instant startedAt,
        Instant lastRunWall,
        boolean lastRunOk,
        String lastError,
        Instant unheldNotBefore,
        Duration lag,
        Instant effective,
        Instant lastEarlyAt,
        long lastEarlySegments,
        boolean floorUnreachable) {

    static PurgeStatus initial() {
        return new Builder().build();
    }

    Builder toBuilder() {
        return new Builder(this);
    }

    /** Sets facts by name; unset facts keep their value. */
    static final class Builder {
        private Instant startedAt;
        private Instant lastRunWall;
        private boolean lastRunOk = true;
        private String lastError;
        private Instant unheldNotBefore;
        private Duration lag = Duration.ZERO;
        private Instant effective;
        private Instant lastEarlyAt;
        private long lastEarlySegments;
        private boolean floorUnreachable;

        Builder() {}

        private Builder(PurgeStatus s) {
            startedAt = s.startedAt;
            lastRunWall = s.lastRunWall;
            lastRunOk = s.lastRunOk;
            lastError = s.lastError;
            unheldNotBefore = s.unheldNotBefore;
            lag = s.lag;
            effective = s.effective;
            lastEarlyAt = s.lastEarlyAt;
            lastEarlySegments = s.lastEarlySegments;
            floorUnreachable = s.floorUnreachable;
        }

        Builder startedAt(Instant v) {
            startedAt = v;
            return this;
        }

        /** A run at {@code wall} that finished: ok when {@code firstError} is null. */
        Builder runFinished(Instant wall, String firstError) {
            lastRunWall = wall;
            lastRunOk = firstError == null;
            lastError = firstError;
            return this;
        }

        /** A run at {@code wall} that threw: not ok, whatever the error says. */
        Builder runFailed(Instant wall, String error) {
            runFinished(wall, error);
            lastRunOk = false;
            return this;
        }

        Builder unheldNotBefore(Instant v) {
            unheldNotBefore = v;
            return this;
        }

        Builder lag(Duration v) {
            lag = v;
            return this;
        }

        Builder effective(Instant v) {
            effective = v;
            return this;
        }

        Builder lastEarly(Instant at, long segments) {
            lastEarlyAt = at;
            lastEarlySegments = segments;
            return this;
        }

        Builder floorUnreachable(boolean v) {
            floorUnreachable = v;
            return this;
        }

        PurgeStatus build() {
            return new PurgeStatus(startedAt, lastRunWall, lastRunOk, lastError, unheldNotBefore, lag, effective, lastEarlyAt,
                    lastEarlySegments, floorUnreachable);
        }
    }
}
