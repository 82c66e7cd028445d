package io.vigil.purge;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What one run did.
 *
 * @param runId            id of the run (also in its ledger entries)
 * @param clock            the times it used
 * @param daysErased       camera-days erased by their day key
 * @param segmentsErased   segments destroyed for retention
 * @param bytesErased      their stored bytes
 * @param keyIdsDestroyed  ids of the keys destroyed for retention (never key material)
 * @param earlySegments    segments destroyed early under disk pressure
 * @param earlyBytes       their stored bytes
 * @param heldBytes        expired footage kept by legal holds
 * @param errors           erasures that failed, each naming the footage and the cause
 * @param stoppedEarly     the daemon was closing; the next run finishes the job
 * @param floorUnreachable free space stayed below the floor with nothing left that may be erased
 * @param recoveredRunId   id of an interrupted earlier run whose destruction entry this run wrote, if any
 * @param duration         wall time the run took
 */
public record PurgeReport(
        String runId,
        ClockReading clock,
        int daysErased,
        long segmentsErased,
        long bytesErased,
        List<String> keyIdsDestroyed,
        long earlySegments,
        long earlyBytes,
        long heldBytes,
        List<String> errors,
        boolean stoppedEarly,
        boolean floorUnreachable,
        Optional<String> recoveredRunId,
        Duration duration) {

    /** Whether everything the plan asked for was done. */
    public boolean complete() {
        return errors.isEmpty() && !stoppedEarly;
    }

    public Instant wall() {
        return clock.wall();
    }
}
