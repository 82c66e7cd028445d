package io.vigil.purge;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The time one purge run works with.
 *
 * @param wall       the wall clock now
 * @param effective  the purge clock: the instant retention is measured from (see {@link PurgeClock})
 * @param lag        how far the purge clock is held behind the wall clock after an untrusted
 *                   forward step (zero normally)
 * @param anomaly    the step noticed since the previous run, if any
 */
public record ClockReading(Instant wall, Instant effective, Duration lag, Optional<ClockAnomaly> anomaly) {

    /** The wall clock is behind the purge clock: it went backwards and has not caught up yet. */
    public boolean wallBehind() {
        return wall.isBefore(effective);
    }
}
