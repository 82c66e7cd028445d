package io.vigil.purge;

import io.vigil.storage.CameraDay;
import io.vigil.storage.SegmentInfo;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finishes the record of a run that died (kill -9, power loss) before it wrote its ledger
 * entries: the journal it left says what it had destroyed and which batch was in flight;
 * whether that batch happened is read from the index (its rows are gone or not). The dead
 * run's destruction entries are then written by the next run, and the journal cleared, so
 * no destruction goes unrecorded. Runs at the start of every run, before it plans.
 */
final class InterruptedRunRecovery {
    private static final Logger log = LoggerFactory.getLogger(InterruptedRunRecovery.class);

    private final PurgeContext ctx;

    InterruptedRunRecovery(PurgeContext ctx) {
        this.ctx = ctx;
    }

    /** Records the interrupted run, if there was one; returns its id. */
    Optional<String> recover(String currentRunId) {
        Optional<PurgeJournal.Entry> found = ctx.journal.load();
        if (found.isEmpty()) return Optional.empty();
        PurgeJournal.Entry dead = found.get();
        ErasureTally done = ErasureTally.from(dead.done());
        ErasureTally early = ErasureTally.from(dead.early());
        PurgeJournal.Inflight in = dead.inflight();
        if (in != null) countInflightIfErased(in, in.early() ? early : done);
        ctx.destructions.recordInterrupted(dead, done, early, currentRunId);
        ctx.journal.clear();
        log.warn("purge run {} was interrupted; recorded what it destroyed ({} segments, {} early)",
                dead.runId(), done.segments(), early.segments());
        return Optional.of(dead.runId());
    }

    /**
     * Adds the in-flight batch to the tally if it was erased: a camera-day with none of its
     * segments left, or each listed segment no longer in the index. The key ids destroyed are
     * not known (the store's answer was lost with the process); the entry says so.
     */
    private void countInflightIfErased(PurgeJournal.Inflight in, ErasureTally tally) {
        CameraDay day = in.cameraDay();
        if (day != null) {
            if (!DaySegments.anyLeft(ctx.segments, day)) tally.add(in.camera(), in.from(), in.to(), in.daySegments(), in.dayBytes(), null);
            return;
        }
        for (SegmentInfo s : in.segmentInfos()) {
            boolean present = ctx.segments.list(in.camera(), s.start(), s.start().plusMillis(1)).stream()
                    .anyMatch(x -> x.key().equals(s.key()));
            if (!present) tally.add(in.camera(), s.start(), s.end(), 1, s.storedBytes(), null);
        }
    }
}
