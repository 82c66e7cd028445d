package io.vigil.purge;

import io.micrometer.core.instrument.MeterRegistry;
import io.vigil.config.VigilConfig;
import io.vigil.storage.CameraDay;
import io.vigil.storage.VigilStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enforces retention: at start and every purge interval, on its own low-priority thread,
 * every segment whose filming ended at least {@code retention.days} before the purge clock
 * is cryptographically erased (the day key when the whole camera-day has expired and
 * nothing of it is held, segment keys otherwise), unless an active legal hold covers it.
 * When free space is below {@code retention.minFreeBytes} the oldest unheld footage is
 * then erased early until it is above. Each run writes one {@code destruction} ledger
 * entry (and one {@code destruction.early} entry if it erased early). See docs/purge.md.
 *
 * <p>This class is the front and the schedule: it owns the thread, keeps runs from
 * overlapping, and keeps the status health is judged on. A run itself is {@link PurgeRun};
 * what survives a restart is {@link PurgeState}.
 */
public final class PurgeDaemon implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PurgeDaemon.class);
    /** After each batch the run pauses as long as the batch took (at most this), leaving the disk to ingest half the time. */
    public static final Duration MAX_PAUSE = Duration.ofSeconds(2);
    /** Largest forward step of the wall clock between runs the purge follows without an operator. */
    public static final Duration TRUSTED_FORWARD_STEP = Duration.ofDays(1);

    private final PurgeContext ctx;
    private final PurgeHealth health;
    private final ReentrantLock runLock = new ReentrantLock();
    private volatile PurgeStatus status;
    private volatile boolean closing;
    private volatile Duration pacing = MAX_PAUSE;
    private ScheduledExecutorService executor;

    public PurgeDaemon(VigilConfig config, VigilStore store, MeterRegistry meters, Clock clock) {
        this(config, store, meters, clock, FreeSpaceProbe.of(store.dataDir()));
    }

    /** As above with an explicit free-space probe (tests simulate a full disk with it). */
    public PurgeDaemon(VigilConfig config, VigilStore store, MeterRegistry meters, Clock clock, FreeSpaceProbe probe) {
        this(config, store, meters, clock, probe, TRUSTED_FORWARD_STEP);
    }

    PurgeDaemon(VigilConfig config, VigilStore store, MeterRegistry meters, Clock clock, FreeSpaceProbe probe,
                Duration trustedForwardStep) {
        this.ctx = new PurgeContext(config, store, meters, clock, probe, trustedForwardStep);
        PurgeState.EarlyDestruction early = ctx.states.load().lastEarly();
        this.status = early == null ? PurgeStatus.initial()
                : PurgeStatus.initial().toBuilder().lastEarly(early.at(), early.segments()).build();
        this.health = new PurgeHealth(() -> status, clock, ctx.retention, ctx.interval, ctx.metrics::oldestStarts);
        // With the real wall clock, real elapsed time tells a wall-clock step from downtime.
        if (clock.getClass().getName().equals("java.time.Clock$SystemClock")) {
            useMonotonicClock(System::nanoTime, RealElapsedTime.systemBootId());
        }
    }

    /** Cross-checks the wall clock against this source of elapsed nanoseconds (tests inject one beside a simulated clock). */
    void useMonotonicClock(LongSupplier nanos) {
        useMonotonicClock(nanos, null);
    }

    /** As above; with a boot id, the last run's reading kept in {@link PurgeState} is used after a restart of the same boot. */
    void useMonotonicClock(LongSupplier nanos, String bootId) {
        ctx.elapsed.use(nanos, bootId, bootId == null ? null : ctx.states.load().monotonic());
    }

    /** Runs now and then every purge interval on the daemon's own thread. */
    public synchronized void start() {
        if (executor != null) throw new IllegalStateException("purge daemon already started");
        closing = false;
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "vigil-purge");
            t.setDaemon(true);
            // Recording and playback come first; erasing can wait a few milliseconds.
            t.setPriority(Thread.NORM_PRIORITY - 1);
            return t;
        });
        status = status.toBuilder().startedAt(ctx.clock.instant()).build();
        executor.scheduleAtFixedRate(this::runScheduled, 0, ctx.interval.toMillis(), TimeUnit.MILLISECONDS);
        log.info("purge daemon started: retention {} days, every {}, free-space floor {} bytes",
                ctx.retention.toDays(), ctx.interval, ctx.floorBytes);
    }

    /** Stops scheduling; a run under way stops after its current batch and records what it did. */
    @Override
    public synchronized void close() {
        closing = true;
        if (executor == null) return;
        executor.shutdown();
        try {
            if (!executor.awaitTermination(60, TimeUnit.SECONDS)) {
                log.warn("purge run did not stop within 60 s of close; interrupting it");
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        executor = null;
    }

    /** What the next run would erase and why, and what holds keep; changes nothing. */
    public PurgePlan plan() {
        PurgeState state = ctx.states.load();
        ClockReading reading = ctx.purgeClock.read(state.clock(), ctx.clock.instant(), ctx.elapsed.sinceLastRun());
        return ctx.planner.plan(reading, ctx.holds.all(), ctx.usableOrUnknown(), ctx.floorBytes, state.emptiedCameraDays());
    }

    /**
     * Sets the longest pause between batches ({@link #MAX_PAUSE} by default; zero: no pauses,
     * e.g. for a one-off purge run by an operator, or tests).
     */
    public void setPacing(Duration maxPause) {
        this.pacing = Objects.requireNonNull(maxPause, "maxPause");
    }

    /** The health check the server plugs into {@code /health}. */
    public PurgeHealth health() {
        return health;
    }

    /** Facts of the last run. */
    public PurgeStatus status() {
        return status;
    }

    /**
     * An operator confirms that the wall clock is right after an untrusted forward step: the
     * purge clock follows it from the next run. Recorded as {@code clock.confirm}. Returns the
     * lag cancelled (zero when there was none).
     */
    public Duration confirmClock(String actor) {
        runLock.lock();
        try {
            Instant now = ctx.clock.instant();
            PurgeState state = ctx.states.load();
            PurgeState.MonotonicMark mark = ctx.elapsed.markRun();
            PurgeState.ClockState confirmed = PurgeClock.confirm(state.clock(), now).orElse(null);
            if (confirmed == null) {
                if (mark != null) ctx.states.save(state.withMonotonic(mark));
                return Duration.ZERO;
            }
            Duration lag = state.clock().lag();
            ctx.states.save(state.withClock(confirmed).withMonotonic(mark != null ? mark : state.monotonic()));
            ctx.destructions.recordClockConfirmed(now, actor, lag);
            status = status.toBuilder().lag(Duration.ZERO).build();
            ctx.metrics.lag(Duration.ZERO);
            log.warn("{} confirmed the wall clock {}; purge clock lag of {} cancelled", actor, now, lag);
            return lag;
        } finally {
            runLock.unlock();
        }
    }

    private void runScheduled() {
        try {
            runOnce();
        } catch (RuntimeException e) {
            // Logged and kept in the status (health says "purge failing"); the schedule goes on.
            log.error("purge run failed: {}", e.getMessage(), e);
        }
    }

    /** One run, now, on the calling thread (runs never overlap). */
    public PurgeReport runOnce() {
        runLock.lock();
        long t0 = System.nanoTime();
        Instant wall = ctx.clock.instant();
        try {
            PurgeRun.Outcome o = new PurgeRun(ctx, wall, pacing, () -> closing).execute();
            PurgeReport r = o.report();
            // A run stopped by close() has not failed; what it left is covered by the bound check.
            PurgeStatus.Builder next = status.toBuilder()
                    .runFinished(r.wall(), r.errors().isEmpty() ? null : r.errors().get(0))
                    .unheldNotBefore(o.unheldNotBefore()).lag(r.clock().lag()).effective(r.clock().effective())
                    .floorUnreachable(r.floorUnreachable());
            if (r.earlySegments() > 0) next.lastEarly(r.wall(), r.earlySegments());
            status = next.build();
            return r;
        } catch (RuntimeException e) {
            ctx.metrics.run("failed", Duration.ofNanos(System.nanoTime() - t0));
            status = status.toBuilder().runFailed(wall, e.getMessage()).build();
            throw e;
        } finally {
            runLock.unlock();
        }
    }
}
