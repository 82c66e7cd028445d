package io.vigil.purge;

import io.vigil.config.CameraId;
import io.vigil.storage.CameraDay;
import io.vigil.storage.EraseResult;
import io.vigil.storage.SegmentInfo;
import io.vigil.storage.SegmentKey;
import io.vigil.storage.StorageException;
import io.vigil.storage.holds.LegalHold;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Erases one bounded batch at a time for a run: a camera-day by its day key, or up to
 * {@value #SEGMENT_BATCH} segments by their own keys. Each batch is journaled before and
 * after (so a killed run is recorded by the next), re-checks the legal holds (so a hold
 * placed during a long run protects its footage from the next batch on), and is followed
 * by a pause that leaves the disk to recording. A failed batch is noted in the tally and
 * the run goes on.
 */
final class BatchEraser {
    private static final Logger log = LoggerFactory.getLogger(BatchEraser.class);
    static final int SEGMENT_BATCH = 256;

    private final PurgeContext ctx;
    private final RunTally run;
    private final ClockReading reading;
    private final Duration pacing;
    private final BooleanSupplier stopping;

    BatchEraser(PurgeContext ctx, RunTally run, ClockReading reading, Duration pacing, BooleanSupplier stopping) {
        this.ctx = ctx;
        this.run = run;
        this.reading = reading;
        this.pacing = pacing;
        this.stopping = stopping;
    }

    void eraseDay(PurgePlan.DayErase d) {
        long t0 = System.nanoTime();
        try {
            eraseDayNow(d);
        } finally {
            pace(t0);
        }
    }

    void eraseSegments(CameraId camera, List<SegmentInfo> batch, boolean isEarly) {
        long t0 = System.nanoTime();
        try {
            eraseSegmentsNow(camera, batch, isEarly);
        } finally {
            pace(t0);
        }
    }

    /**
     * Gives the disk back to recording between batches: a pause as long as the batch took
     * (capped), so a big purge (a backlog of camera-days) takes twice as long but never
     * holds the disk's flush and compaction capacity for long stretches.
     */
    private void pace(long batchStartNanos) {
        if (pacing.isZero() || stopping.getAsBoolean()) return;
        long took = System.nanoTime() - batchStartNanos;
        long pause = Math.min(took, pacing.toNanos());
        try {
            TimeUnit.NANOSECONDS.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Holds protecting footage right now: re-read before every batch. */
    private List<LegalHold> protectingNow() {
        return PurgePlanner.protecting(ctx.holds.all(), reading);
    }

    private void eraseDayNow(PurgePlan.DayErase d) {
        CameraDay day = d.cameraDay();
        if (d.segmentCount() > 0 && protectingNow().stream().anyMatch(h -> h.coversFootage(d.cameraId(), d.from(), d.to()))) {
            // A hold arrived since the plan: keep the day key, erase the unheld segments one key each.
            log.info("camera-day {} came under a legal hold during the run; erasing its unheld segments only", day);
            Instant cutoff = reading.effective().minus(ctx.retention);
            List<SegmentInfo> expired = DaySegments.of(ctx.segments, day).stream().filter(x -> !x.end().isAfter(cutoff)).toList();
            for (int i = 0; i < expired.size(); i += SEGMENT_BATCH) {
                eraseSegmentsNow(d.cameraId(), expired.subList(i, Math.min(expired.size(), i + SEGMENT_BATCH)), false);
            }
            return;
        }
        ctx.journal.save(run.id, run.startedAt, run.done, run.early,
                PurgeJournal.Inflight.ofDay(false, day, d.segmentCount(), d.bytes(), d.from(), d.to()));
        try {
            EraseResult r = ctx.segments.eraseCameraDay(day);
            if (d.segmentCount() == 0 && r.segmentCount() == 0) {
                // Only the key of a day whose segments went earlier: no footage in this run's ranges.
                run.done.addDayKeyOnly(d.cameraId(), d.day(), r.destroyedKeyIds());
            } else {
                run.done.add(d.cameraId(), d.from(), d.to(), r.segmentCount(), r.bytes(), r.destroyedKeyIds());
                run.daysErased++;
            }
        } catch (StorageException e) {
            run.errors.add("camera-day " + day + ": " + e.getMessage());
            run.leftBehind(d.from());
            log.error("erasing camera-day {} failed: {}", day, e.getMessage());
        }
        ctx.journal.save(run.id, run.startedAt, run.done, run.early, null);
    }

    private void eraseSegmentsNow(CameraId camera, List<SegmentInfo> planned, boolean isEarly) {
        List<LegalHold> protecting = protectingNow();
        List<SegmentInfo> batch = planned.stream().filter(x -> PurgePlanner.holding(protecting, x).isEmpty()).toList();
        if (batch.isEmpty()) return;
        ErasureTally tally = isEarly ? run.early : run.done;
        Instant from = batch.get(0).start();
        Instant to = batch.stream().map(SegmentInfo::end).max(Instant::compareTo).orElseThrow();
        ctx.journal.save(run.id, run.startedAt, run.done, run.early, PurgeJournal.Inflight.ofSegments(isEarly, camera, batch, from, to));
        try {
            EraseResult r = eraseBatch(batch);
            Set<SegmentKey> erased = new HashSet<>(r.segments());
            for (SegmentInfo s : batch) {
                if (erased.contains(s.key())) tally.add(camera, s.start(), s.end(), 1, s.storedBytes(), List.of());
            }
            tally.addKeyIds(r.destroyedKeyIds());
        } catch (StorageException e) {
            run.errors.add(batch.size() + " segments of " + camera + " from " + from + ": " + e.getMessage());
            if (!isEarly) run.leftBehind(batch.get(0).end());
            log.error("erasing {} segments of {} from {} failed: {}", batch.size(), camera, from, e.getMessage());
        }
        ctx.journal.save(run.id, run.startedAt, run.done, run.early, null);
    }

    /** Erases a batch with one index purge (a flush and compaction per segment would make steady-state purging slow). */
    private EraseResult eraseBatch(List<SegmentInfo> batch) {
        return ctx.segments.eraseSegments(batch.stream().map(SegmentInfo::key).toList());
    }
}
