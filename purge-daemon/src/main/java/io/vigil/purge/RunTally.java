package io.vigil.purge;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What one run has done so far: destroyed for retention ({@code done}), destroyed early
 * under disk pressure ({@code early}), erasures that failed, and the oldest footage it had
 * to leave behind. Filled batch by batch by {@link BatchEraser}, saved in the journal after
 * every batch, and finally turned into the run's ledger entries, report and status.
 */
final class RunTally {
    final String id;
    final Instant startedAt;
    final ErasureTally done = new ErasureTally();
    final ErasureTally early = new ErasureTally();
    final List<String> errors = new ArrayList<>();
    int daysErased;
    /** End of the oldest footage this run should have erased but did not (failed or stopped), or null. */
    Instant leftBehind;

    RunTally(String id, Instant startedAt) {
        this.id = id;
        this.startedAt = startedAt;
    }

    void leftBehind(Instant end) {
        if (leftBehind == null || end.isBefore(leftBehind)) leftBehind = end;
    }

    String firstError() {
        return errors.isEmpty() ? null : errors.get(0);
    }
}
