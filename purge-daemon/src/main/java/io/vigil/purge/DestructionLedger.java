package io.vigil.purge;

import io.vigil.storage.holds.HoldRegistry;
import io.vigil.storage.Ledger;
import io.vigil.storage.LedgerEventType;
import io.vigil.storage.LedgerRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the purge writes to the ledger: a run's {@code destruction} and
 * {@code destruction.early} entries, an interrupted run's entries written by the next run,
 * {@code clock.anomaly} and {@code clock.confirm}. In one place so the details of an entry
 * (run id, clocks, result) are spelled the same whichever path writes it.
 * ({@link HoldRegistry} writes the hold entries itself.)
 *
 * @param ledger     where the entries go
 * @param clock      the time an entry is written
 * @param retention  the retention the entries name (days) and their cutoff derives from
 * @param floorBytes the free-space floor an early destruction names
 */
record DestructionLedger(Ledger ledger, Clock clock, Duration retention, long floorBytes) {
    static final String ACTOR = "purge-daemon";
    static final LedgerEventType DESTRUCTION = LedgerEventType.DESTRUCTION;
    static final LedgerEventType DESTRUCTION_EARLY = LedgerEventType.DESTRUCTION_EARLY;
    /** How far back an interrupted run's own entries are looked for (a run writes at most two). */
    private static final int RECENT_ENTRIES = 20;

    /** A finished (or stopped) run's entries: one per tally that destroyed anything. */
    void recordRun(RunTally run, ClockReading reading, boolean stopped, Optional<String> recovered) {
        String result = result(run, stopped);
        if (!run.done.isEmpty()) append(DESTRUCTION, run.done, result, runDetails(run, reading, recovered));
        if (!run.early.isEmpty()) {
            Map<String, String> extra = runDetails(run, reading, recovered);
            extra.put("floorBytes", Long.toString(floorBytes));
            append(DESTRUCTION_EARLY, run.early, result, extra);
        }
    }

    /**
     * The entries of a run that died, written by run {@code currentRunId} from its journal;
     * skipped for an entry the dead run had written before it died (then only its journal was left).
     */
    void recordInterrupted(PurgeJournal.Entry dead, ErasureTally done, ErasureTally early, String currentRunId) {
        String result = "interrupted: run " + dead.runId() + " started " + dead.startedAt()
                + " stopped before it finished (process killed or crashed); this entry records what it destroyed, "
                + "run " + currentRunId + " does the rest";
        Map<String, String> d = new LinkedHashMap<>();
        d.put("runId", dead.runId());
        d.put("recordedByRun", currentRunId);
        if (!done.isEmpty() && !recorded(DESTRUCTION, dead.runId())) append(DESTRUCTION, done, result, d);
        if (!early.isEmpty() && !recorded(DESTRUCTION_EARLY, dead.runId())) append(DESTRUCTION_EARLY, early, result, d);
    }

    private void append(LedgerEventType type, ErasureTally tally, String result, Map<String, String> details) {
        ledger.append(tally.toLedgerRecord(type, clock.instant(), retentionDays(), result, details));
    }

    void recordAnomaly(ClockAnomaly a, ClockReading reading, String runId) {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("kind", a.kind());
        d.put("lastRun", a.lastWall().toString());
        d.put("wallClock", a.wall().toString());
        d.put("step", a.step().toString());
        d.put("purgeClock", reading.effective().toString());
        d.put("lag", reading.lag().toString());
        d.put("action", a.action());
        d.put("runId", runId);
        ledger.append(LedgerRecord.of(LedgerEventType.CLOCK_ANOMALY, reading.wall(), ACTOR, d));
    }

    void recordClockConfirmed(Instant now, String actor, Duration lagCancelled) {
        ledger.append(LedgerRecord.of(LedgerEventType.CLOCK_CONFIRM, now, actor,
                Map.of("wall", now.toString(), "lagCancelled", lagCancelled.toString(),
                        "effect", "the purge clock follows the wall clock from the next run")));
    }

    private int retentionDays() {
        return (int) retention.toDays();
    }

    private static String result(RunTally run, boolean stopped) {
        if (run.errors.isEmpty() && !stopped) return "completed";
        StringBuilder b = new StringBuilder("partial: ");
        if (!run.errors.isEmpty()) {
            b.append(run.errors.size()).append(" erasures failed (retried next run): ")
                    .append(String.join("; ", run.errors.subList(0, Math.min(5, run.errors.size()))));
        }
        if (stopped) {
            if (!run.errors.isEmpty()) b.append("; ");
            b.append("stopped early because the daemon is closing; the next run finishes the job");
        }
        return b.toString();
    }

    private Map<String, String> runDetails(RunTally run, ClockReading reading, Optional<String> recovered) {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("runId", run.id);
        d.put("wallClock", reading.wall().toString());
        d.put("purgeClock", reading.effective().toString());
        d.put("cutoff", reading.effective().minus(retention).toString());
        d.put("daysErasedByDayKey", Integer.toString(run.daysErased));
        reading.anomaly().ifPresent(a -> d.put("clockAnomaly", a.kind() + " step of " + a.step() + ": " + a.action()));
        recovered.ifPresent(r -> d.put("recoveredInterruptedRun", r));
        return d;
    }

    /** Whether one of the last ledger entries is run {@code runId}'s entry of {@code type}. */
    private boolean recorded(LedgerEventType type, String runId) {
        long size = ledger.size();
        if (size == 0) return false;
        List<io.vigil.storage.LedgerEntry> recent = ledger.range(Math.max(1, size - RECENT_ENTRIES), size);
        return recent.stream().anyMatch(x -> x.record().is(type) && runId.equals(x.record().details().get("runId")));
    }
}
