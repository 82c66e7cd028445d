package io.vigil.purge;

import java.time.Duration;
import java.time.Instant;

/**
 * The facts health is judged on, as of the last run; replaced whole after each run.
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
        return new PurgeStatus(null, null, true, null, null, Duration.ZERO, null, null, 0, false);
    }
}
