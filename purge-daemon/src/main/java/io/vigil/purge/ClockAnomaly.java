package io.vigil.purge;

import java.time.Duration;
import java.time.Instant;

/**
 * A wall-clock step the purge noticed between two runs, and what it did about it.
 *
 * @param kind       {@code backwards}, {@code forward} (accepted, e.g. after downtime) or
 *                   {@code forward-untrusted} (too large to follow without an operator)
 * @param lastWall   wall time of the previous run
 * @param wall       wall time now
 * @param step       now minus the previous run's wall time (negative when backwards)
 * @param action     what the purge does, in English words (the log, the ledger)
 * @param why        the same as a key and arguments ({@code purge.anomaly.*} of the command line's bundles), for readers
 */
public record ClockAnomaly(String kind, Instant lastWall, Instant wall, Duration step, String action, io.vigil.storage.Reason why) {}
