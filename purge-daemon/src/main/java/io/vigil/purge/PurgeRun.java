package io.vigil.purge;

import io.vigil.config.CameraId;
import io.vigil.storage.CameraDay;
import io.vigil.storage.SegmentInfo;
import io.vigil.storage.holds.LegalHold;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One purge run, start to end: record an interrupted predecessor, read the purge clock,
 * plan, erase what expired (camera-days by day key, other segments in batches), relieve
 * disk pressure, then commit: the new {@link PurgeState} (one write), the ledger entries,
 * and the journal cleared. Made and used once, on the daemon's run lock.
 */
final class PurgeRun {
    private static final Logger log = LoggerFactory.getLogger(PurgeRun.class);
    static final int EARLY_BATCH = 64;
    private static final DateTimeFormatter RUN_ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What the run did, and the bound it proved: no unheld footage ends before {@code unheldNotBefore}. */
    record Outcome(PurgeReport report, Instant unheldNotBefore) {}

    private final PurgeContext ctx;
    private final Duration pacing;
    private final BooleanSupplier stopping;
    private final RunTally run;

    PurgeRun(PurgeContext ctx, Instant wall, Duration pacing, BooleanSupplier stopping) {
        this.ctx = ctx;
        this.pacing = pacing;
        this.stopping = stopping;
        this.run = new RunTally(newRunId(wall), wall);
    }

    Outcome execute() {
        long t0 = System.nanoTime();
        Optional<String> recovered = new InterruptedRunRecovery(ctx).recover(run.id);
        PurgeState state = ctx.states.load();
        ClockReading reading = ctx.purgeClock.read(state.clock(), run.startedAt, ctx.elapsed.sinceLastRun());
        reading.anomaly().ifPresent(a -> {
            log.warn("wall clock {} step of {} since the last purge run at {} (now {}): {}",
                    a.kind(), a.step(), a.lastWall(), a.wall(), a.action());
            ctx.metrics.clockAnomaly(a.kind());
            ctx.destructions.recordAnomaly(a, reading, run.id);
        });
        List<LegalHold> allHolds = ctx.holds.all();
        SortedSet<CameraDay> emptied = state.emptiedCameraDays();
        PurgePlan plan = ctx.planner.plan(reading, allHolds, ctx.usableOrUnknown(), ctx.floorBytes, emptied);

        BatchEraser eraser = new BatchEraser(ctx, run, reading, pacing, stopping);
        eraseExpired(plan, eraser, emptied);
        boolean floorUnreachable = ctx.floorBytes > 0 && !stopping.getAsBoolean()
                && relieveDiskPressure(eraser, reading, allHolds, emptied);

        commit(state, reading, emptied, recovered);
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        boolean stopped = stopping.getAsBoolean();
        PurgeReport report = new PurgeReport(run.id, reading, run.daysErased, run.done.segments(), run.done.bytes(),
                run.done.keyIds(), run.early.segments(), run.early.bytes(), plan.heldBytes(), List.copyOf(run.errors), stopped,
                floorUnreachable, recovered, took);
        ctx.metrics.afterRun(report, plan, ctx.segments, ctx.configuredCameras);
        logSummary(report);
        Instant unheldNotBefore = plan.cutoff();
        if (run.leftBehind != null && run.leftBehind.isBefore(unheldNotBefore)) unheldNotBefore = run.leftBehind;
        return new Outcome(report, unheldNotBefore);
    }

    /** Retention: whole camera-days by day key, then the other expired segments in batches, until the daemon closes. */
    private void eraseExpired(PurgePlan plan, BatchEraser eraser, SortedSet<CameraDay> emptied) {
        for (PurgePlan.DayErase d : plan.days()) {
            if (stopping.getAsBoolean()) {
                run.leftBehind(d.from());
                continue;
            }
            eraser.eraseDay(d);
            emptied.remove(d.cameraDay());
        }
        for (PurgePlan.SegmentErase s : plan.segments()) {
            List<SegmentInfo> list = s.segments();
            for (int i = 0; i < list.size(); i += BatchEraser.SEGMENT_BATCH) {
                List<SegmentInfo> batch = list.subList(i, Math.min(list.size(), i + BatchEraser.SEGMENT_BATCH));
                if (stopping.getAsBoolean()) {
                    run.leftBehind(batch.get(0).end());
                    continue;
                }
                eraser.eraseSegments(s.cameraId(), batch, false);
            }
            // The day is not over (or partly held): its key is destroyed once the day is past and empty.
            emptied.add(s.cameraDay());
        }
    }

    /**
     * Erases the oldest unheld footage, oldest first across cameras, in small batches until
     * free space is above the floor. Never touches footage that ended less than one interval
     * before the purge clock (erasing what was just recorded would defeat the purpose).
     * Returns true when the floor could not be reached.
     */
    private boolean relieveDiskPressure(BatchEraser eraser, ClockReading reading, List<LegalHold> allHolds,
                                        SortedSet<CameraDay> emptied) {
        long floor = ctx.floorBytes;
        long usable = ctx.probe.usableBytes();
        if (usable >= floor) return false;
        log.warn("free space {} bytes is below the floor of {} bytes: erasing the oldest unheld footage early", usable, floor);
        OldestUnheldFootage candidates = new OldestUnheldFootage(ctx.segments,
                PurgePlanner.protecting(allHolds, reading), reading.effective().minus(ctx.interval));
        while (usable < floor && !stopping.getAsBoolean()) {
            List<SegmentInfo> batch = candidates.next(EARLY_BATCH, floor - usable);
            if (batch.isEmpty()) {
                log.error("free space {} bytes is still below the floor of {} bytes and no unheld footage older than {} "
                        + "is left to erase", usable, floor, ctx.interval);
                return true;
            }
            Map<CameraId, List<SegmentInfo>> byCamera = new TreeMap<>();
            for (SegmentInfo s : batch) {
                byCamera.computeIfAbsent(s.cameraId(), k -> new ArrayList<>()).add(s);
                // Early erasure empties old days segment by segment: their keys go once the days are past and empty.
                emptied.add(CameraDay.of(s.cameraId(), s.start()));
            }
            byCamera.forEach((camera, list) -> eraser.eraseSegments(camera, list, true));
            usable = ctx.probe.usableBytes();
        }
        return false;
    }

    /**
     * The state first (one write: clock, monotonic mark, emptied days, last early destruction),
     * then the ledger entries, then the journal cleared. Dying after the state write leaves the
     * journal, so the next run still writes this run's entries (once: it looks for them first).
     */
    private void commit(PurgeState before, ClockReading reading, SortedSet<CameraDay> emptied, Optional<String> recovered) {
        PurgeState.MonotonicMark mark = ctx.elapsed.markRun();
        PurgeState after = before.withClock(PurgeClock.after(reading))
                .withMonotonic(mark != null ? mark : before.monotonic())
                .withEmptiedDays(emptied);
        if (!run.early.isEmpty()) {
            after = after.withLastEarly(new PurgeState.EarlyDestruction(reading.wall(), run.early.segments(), run.early.bytes(), run.id));
        }
        ctx.states.save(after);
        ctx.destructions.recordRun(run, reading, stopping.getAsBoolean(), recovered);
        ctx.journal.clear();
    }

    private void logSummary(PurgeReport r) {
        if (!run.done.isEmpty() || !run.early.isEmpty() || !run.errors.isEmpty()) {
            log.info("purge run {}: erased {} segments ({} bytes, {} whole camera-days), {} early ({} bytes), {} errors, "
                    + "{} bytes held, took {} ms", r.runId(), r.segmentsErased(), r.bytesErased(), r.daysErased(),
                    r.earlySegments(), r.earlyBytes(), r.errors().size(), r.heldBytes(), r.duration().toMillis());
        } else {
            log.debug("purge run {}: nothing expired, {} bytes held, took {} ms", r.runId(), r.heldBytes(), r.duration().toMillis());
        }
    }

    private static String newRunId(Instant wall) {
        byte[] b = new byte[2];
        RANDOM.nextBytes(b);
        return "P-" + RUN_ID_TIME.format(wall) + "-" + HexFormat.of().formatHex(b);
    }
}
