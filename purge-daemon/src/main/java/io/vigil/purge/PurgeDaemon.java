package io.vigil.purge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.vigil.config.VigilConfig;
import io.vigil.storage.EraseResult;
import io.vigil.storage.RecordTable;
import io.vigil.storage.SegmentInfo;
import io.vigil.storage.SegmentKey;
import io.vigil.storage.SegmentStore;
import io.vigil.storage.StorageException;
import io.vigil.storage.VigilStore;
import io.vigil.storage.holds.HoldRegistry;
import io.vigil.storage.holds.LegalHold;
import io.vigil.storage.Ledger;
import io.vigil.storage.LedgerRecord;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
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
 * <p>Erasures go in bounded batches (a camera-day, or at most {@value #SEGMENT_BATCH}
 * segments) between which the run checks whether the daemon is closing; each batch is
 * journaled in the {@code meta} table first so a killed run is recorded by the next.
 */
public final class PurgeDaemon implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PurgeDaemon.class);
    static final int SEGMENT_BATCH = 256;
    static final int EARLY_BATCH = 64;
    /** After each batch the run pauses as long as the batch took (at most this), leaving the disk to ingest half the time. */
    public static final Duration MAX_PAUSE = Duration.ofSeconds(2);
    /** Largest forward step of the wall clock between runs the purge follows without an operator. */
    public static final Duration TRUSTED_FORWARD_STEP = Duration.ofDays(1);
    static final String EARLY_KEY = "purge.early.last";
    static final String EMPTIED_DAYS_KEY = "purge.emptiedDays";
    static final String ACTOR = "purge-daemon";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter RUN_ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ZoneOffset.UTC);

    private final VigilConfig config;
    private final SegmentStore segments;
    private final Ledger ledger;
    private final RecordTable meta;
    private final Clock clock;
    private final FreeSpaceProbe probe;
    private final HoldRegistry holds;
    private final PurgeClock purgeClock;
    private final PurgePlanner planner;
    private final PurgeJournal journal;
    private final PurgeMetrics metrics;
    private final PurgeHealth health;
    private final Duration retention;
    private final Duration interval;
    private final ReentrantLock runLock = new ReentrantLock();
    private final SecureRandom random = new SecureRandom();
    private volatile PurgeStatus status;
    private volatile boolean closing;
    private volatile Duration pacing = MAX_PAUSE;
    private ScheduledExecutorService executor;
    /** Real elapsed time source; null when the wall clock is simulated (tests) and so cannot be cross-checked. */
    private volatile java.util.function.LongSupplier monotonicNanos;
    /** {@link #monotonicNanos} at the last committed run (of this boot), or -1. */
    private volatile long lastCommitNanos = -1;
    /** Identifies the running kernel: monotonic readings compare across restarts of Vigil within one boot. */
    private volatile String bootId;
    static final String MONOTONIC_KEY = "purge.monotonic";

    public PurgeDaemon(VigilConfig config, VigilStore store, MeterRegistry meters, Clock clock) {
        this(config, store, meters, clock, FreeSpaceProbe.of(store.dataDir()));
    }

    /** As above with an explicit free-space probe (tests simulate a full disk with it). */
    public PurgeDaemon(VigilConfig config, VigilStore store, MeterRegistry meters, Clock clock, FreeSpaceProbe probe) {
        this(config, store, meters, clock, probe, TRUSTED_FORWARD_STEP);
    }

    PurgeDaemon(VigilConfig config, VigilStore store, MeterRegistry meters, Clock clock, FreeSpaceProbe probe,
                Duration trustedForwardStep) {
        this.config = Objects.requireNonNull(config, "config");
        this.segments = store.segments();
        this.ledger = store.ledger();
        this.meta = store.table(VigilStore.META);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.probe = Objects.requireNonNull(probe, "probe");
        this.retention = config.retention().retention();
        this.interval = config.retention().purgeInterval();
        if (interval == null || interval.isZero() || interval.isNegative()) {
            throw new IllegalArgumentException("retention.purgeInterval must be positive, got " + interval);
        }
        this.holds = new HoldRegistry(store.table(VigilStore.HOLDS), ledger, clock);
        this.purgeClock = new PurgeClock(meta, interval, trustedForwardStep);
        this.planner = new PurgePlanner(segments, retention);
        this.journal = new PurgeJournal(meta);
        this.metrics = new PurgeMetrics(meters, clock);
        PurgeStatus initial = PurgeStatus.initial();
        Optional<JsonNode> early = meta.get(EARLY_KEY).map(PurgeDaemon::readJson);
        if (early.isPresent()) {
            initial = new PurgeStatus(null, null, true, null, null, Duration.ZERO, null,
                    Instant.parse(early.get().get("at").asText()), early.get().get("segments").asLong(), false);
        }
        this.status = initial;
        this.health = new PurgeHealth(() -> status, clock, retention, interval, metrics::oldestStarts);
        // With the real wall clock, real elapsed time tells a wall-clock step from downtime.
        if (clock.getClass().getName().equals("java.time.Clock$SystemClock")) {
            // System.nanoTime is CLOCK_MONOTONIC on Linux: it counts from boot, so a reading kept
            // in the meta table still measures real elapsed time after Vigil restarts, until a reboot.
            useMonotonicClock(System::nanoTime, readBootId());
        }
    }

    private static String readBootId() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/sys/kernel/random/boot_id")).trim();
        } catch (java.io.IOException | RuntimeException e) {
            return null; // not Linux: monotonic readings are trusted within this process only
        }
    }

    /** Cross-checks the wall clock against this source of elapsed nanoseconds (tests inject one beside a simulated clock). */
    void useMonotonicClock(java.util.function.LongSupplier nanos) {
        useMonotonicClock(nanos, null);
    }

    /** As above; with a boot id, the last reading is kept in the meta table and used after a restart of the same boot. */
    void useMonotonicClock(java.util.function.LongSupplier nanos, String bootId) {
        this.monotonicNanos = nanos;
        this.bootId = bootId;
        this.lastCommitNanos = -1;
        if (bootId != null) {
            meta.get(MONOTONIC_KEY).map(PurgeDaemon::readJson).ifPresent(n -> {
                if (bootId.equals(n.path("bootId").asText(null))) lastCommitNanos = n.path("nanos").asLong(-1);
            });
        }
    }

    /** Real time since this process's last committed run, or null when unknown. */
    private Duration monotonicElapsed() {
        java.util.function.LongSupplier m = monotonicNanos;
        long last = lastCommitNanos;
        return m == null || last < 0 ? null : Duration.ofNanos(m.getAsLong() - last);
    }

    private void rememberCommit() {
        java.util.function.LongSupplier m = monotonicNanos;
        lastCommitNanos = m == null ? -1 : m.getAsLong();
        String boot = bootId;
        if (boot != null && lastCommitNanos >= 0) {
            com.fasterxml.jackson.databind.node.ObjectNode n = JSON.createObjectNode().put("bootId", boot).put("nanos", lastCommitNanos);
            meta.put(MONOTONIC_KEY, n.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
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
        PurgeStatus s = status;
        status = new PurgeStatus(clock.instant(), s.lastRunWall(), s.lastRunOk(), s.lastError(), s.unheldNotBefore(), s.lag(),
                s.effective(), s.lastEarlyAt(), s.lastEarlySegments(), s.floorUnreachable());
        executor.scheduleAtFixedRate(this::runScheduled, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        log.info("purge daemon started: retention {} days, every {}, free-space floor {} bytes",
                retention.toDays(), interval, config.retention().minFreeBytes());
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
        ClockReading reading = purgeClock.read(clock.instant(), monotonicElapsed());
        return planner.plan(reading, holds.all(), usableOrUnknown(), config.retention().minFreeBytes(), emptiedDays());
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
            Instant now = clock.instant();
            Duration lag = purgeClock.confirm(now);
            rememberCommit();
            if (!lag.isZero()) {
                ledger.append(LedgerRecord.of("clock.confirm", now, actor,
                        Map.of("wall", now.toString(), "lagCancelled", lag.toString(),
                                "effect", "the purge clock follows the wall clock from the next run")));
                PurgeStatus s = status;
                status = new PurgeStatus(s.startedAt(), s.lastRunWall(), s.lastRunOk(), s.lastError(), s.unheldNotBefore(),
                        Duration.ZERO, s.effective(), s.lastEarlyAt(), s.lastEarlySegments(), s.floorUnreachable());
                metrics.lag(Duration.ZERO);
                log.warn("{} confirmed the wall clock {}; purge clock lag of {} cancelled", actor, now, lag);
            }
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
        Instant wall = clock.instant();
        try {
            String runId = newRunId(wall);
            Optional<String> recovered = recoverInterruptedRun(runId);
            ClockReading reading = purgeClock.read(wall, monotonicElapsed());
            Run run = new Run(runId, wall, reading);
            reading.anomaly().ifPresent(a -> recordAnomaly(a, reading, run.id));
            List<LegalHold> allHolds = holds.all();
            long floor = config.retention().minFreeBytes();
            Set<String> emptied = emptiedDays();
            PurgePlan plan = planner.plan(reading, allHolds, usableOrUnknown(), floor, emptied);

            for (PurgePlan.DayErase d : plan.days()) {
                if (closing) {
                    run.leftBehind(d.from());
                    continue;
                }
                run.eraseDay(d);
                emptied.remove(d.cameraId() + "/" + d.day());
            }
            for (PurgePlan.SegmentErase s : plan.segments()) {
                List<SegmentInfo> list = s.segments();
                for (int i = 0; i < list.size(); i += SEGMENT_BATCH) {
                    List<SegmentInfo> batch = list.subList(i, Math.min(list.size(), i + SEGMENT_BATCH));
                    if (closing) {
                        run.leftBehind(batch.get(0).end());
                        continue;
                    }
                    run.eraseSegments(s.cameraId(), batch, false);
                }
                // The day is not over (or partly held): its key is destroyed once the day is past and empty.
                emptied.add(s.cameraId() + "/" + s.day());
            }
            boolean floorUnreachable = floor > 0 && !closing && relieveDiskPressure(run, reading, allHolds, floor, emptied);
            saveEmptiedDays(emptied);

            writeLedgerEntries(run, reading, "completed", recovered);
            journal.clear();
            purgeClock.commit(reading);
            rememberCommit();
            return finish(run, reading, plan, floorUnreachable, recovered, t0);
        } catch (RuntimeException e) {
            Duration took = Duration.ofNanos(System.nanoTime() - t0);
            metrics.run("failed", took);
            PurgeStatus s = status;
            status = new PurgeStatus(s.startedAt(), wall, false, e.getMessage(), s.unheldNotBefore(), s.lag(), s.effective(),
                    s.lastEarlyAt(), s.lastEarlySegments(), s.floorUnreachable());
            throw e;
        } finally {
            runLock.unlock();
        }
    }

    /**
     * Erases the oldest unheld footage, oldest first across cameras, in small batches until
     * free space is above the floor. Never touches footage that ended less than one interval
     * before the purge clock (erasing what was just recorded would defeat the purpose).
     * Returns true when the floor could not be reached.
     */
    private boolean relieveDiskPressure(Run run, ClockReading reading, List<LegalHold> allHolds, long floor,
                                        Set<String> emptied) {
        long usable = probe.usableBytes();
        if (usable >= floor) return false;
        log.warn("free space {} bytes is below the floor of {} bytes: erasing the oldest unheld footage early", usable, floor);
        OldestUnheldFootage candidates = new OldestUnheldFootage(segments,
                PurgePlanner.protecting(allHolds, reading), reading.effective().minus(interval));
        while (usable < floor && !closing) {
            List<SegmentInfo> batch = candidates.next(EARLY_BATCH, floor - usable);
            if (batch.isEmpty()) {
                log.error("free space {} bytes is still below the floor of {} bytes and no unheld footage older than {} "
                        + "is left to erase", usable, floor, interval);
                return true;
            }
            Map<String, List<SegmentInfo>> byCamera = new TreeMap<>();
            for (SegmentInfo s : batch) {
                byCamera.computeIfAbsent(s.cameraId(), k -> new ArrayList<>()).add(s);
                // Early erasure empties old days segment by segment: their keys go once the days are past and empty.
                emptied.add(s.cameraId() + "/" + PurgePlanner.day(s.start()));
            }
            byCamera.forEach((camera, list) -> run.eraseSegments(camera, list, true));
            usable = probe.usableBytes();
        }
        return false;
    }

    private void writeLedgerEntries(Run run, ClockReading reading, String outcome, Optional<String> recovered) {
        int days = (int) retention.toDays();
        if (!run.done.isEmpty()) {
            ledger.append(run.done.toLedgerRecord("destruction", clock.instant(), days, result(run, outcome),
                    runDetails(run, reading, recovered)));
        }
        if (!run.early.isEmpty()) {
            Map<String, String> extra = runDetails(run, reading, recovered);
            extra.put("floorBytes", Long.toString(config.retention().minFreeBytes()));
            ledger.append(run.early.toLedgerRecord("destruction.early", clock.instant(), days, result(run, outcome), extra));
        }
    }

    private String result(Run run, String outcome) {
        if (run.errors.isEmpty() && !closing) return outcome;
        List<String> parts = new ArrayList<>();
        if (!run.errors.isEmpty()) {
            parts.add(run.errors.size() + " erasures failed (retried next run): "
                    + String.join("; ", run.errors.subList(0, Math.min(5, run.errors.size()))));
        }
        if (closing) parts.add("stopped early because the daemon is closing; the next run finishes the job");
        return "partial: " + String.join("; ", parts);
    }

    private Map<String, String> runDetails(Run run, ClockReading reading, Optional<String> recovered) {
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

    private PurgeReport finish(Run run, ClockReading reading, PurgePlan plan, boolean floorUnreachable,
                               Optional<String> recovered, long t0) {
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        boolean complete = run.errors.isEmpty() && !closing;
        metrics.run(complete ? "ok" : (closing ? "stopped" : "partial"), took);
        metrics.erased(run.done.segments(), run.done.bytes());
        if (!run.early.isEmpty()) metrics.erasedEarly(run.early.segments(), run.early.bytes());
        metrics.held(plan.heldBytes());
        metrics.lag(reading.lag());
        for (String camera : segments.cameras()) metrics.oldest(camera, segments.oldestStart(camera).orElse(null));
        if (config.cameras() != null) {
            config.cameras().forEach(c -> {
                if (!segments.cameras().contains(c.id())) metrics.oldest(c.id(), null);
            });
        }
        Instant unheldNotBefore = plan.cutoff();
        if (run.leftBehind != null && run.leftBehind.isBefore(unheldNotBefore)) unheldNotBefore = run.leftBehind;
        PurgeStatus s = status;
        Instant earlyAt = s.lastEarlyAt();
        long earlySegs = s.lastEarlySegments();
        if (!run.early.isEmpty()) {
            earlyAt = reading.wall();
            earlySegs = run.early.segments();
            meta.put(EARLY_KEY, ("{\"at\":\"" + earlyAt + "\",\"segments\":" + earlySegs + ",\"bytes\":" + run.early.bytes()
                    + ",\"runId\":\"" + run.id + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        // A run stopped by close() has not failed; what it left is covered by the bound check.
        status = new PurgeStatus(s.startedAt(), reading.wall(), run.errors.isEmpty(),
                run.errors.isEmpty() ? null : run.errors.get(0), unheldNotBefore, reading.lag(), reading.effective(),
                earlyAt, earlySegs, floorUnreachable);
        PurgeReport report = new PurgeReport(run.id, reading, run.daysErased, run.done.segments(), run.done.bytes(),
                run.done.keyIds(), run.early.segments(), run.early.bytes(), plan.heldBytes(), List.copyOf(run.errors), closing,
                floorUnreachable, recovered, took);
        if (!run.done.isEmpty() || !run.early.isEmpty() || !run.errors.isEmpty()) {
            log.info("purge run {}: erased {} segments ({} bytes, {} whole camera-days), {} early ({} bytes), {} errors, "
                    + "{} bytes held, took {} ms", run.id, report.segmentsErased(), report.bytesErased(), report.daysErased(),
                    report.earlySegments(), report.earlyBytes(), run.errors.size(), report.heldBytes(), took.toMillis());
        } else {
            log.debug("purge run {}: nothing expired, {} bytes held, took {} ms", run.id, report.heldBytes(), took.toMillis());
        }
        return report;
    }

    private void recordAnomaly(ClockAnomaly a, ClockReading reading, String runId) {
        log.warn("wall clock {} step of {} since the last purge run at {} (now {}): {}",
                a.kind(), a.step(), a.lastWall(), a.wall(), a.action());
        metrics.clockAnomaly(a.kind());
        Map<String, String> d = new LinkedHashMap<>();
        d.put("kind", a.kind());
        d.put("lastRun", a.lastWall().toString());
        d.put("wallClock", a.wall().toString());
        d.put("step", a.step().toString());
        d.put("purgeClock", reading.effective().toString());
        d.put("lag", reading.lag().toString());
        d.put("action", a.action());
        d.put("runId", runId);
        ledger.append(LedgerRecord.of("clock.anomaly", reading.wall(), ACTOR, d));
    }

    /**
     * A run that died (kill -9, power loss) left its journal: works out which in-flight
     * erasures happened and writes the run's destruction entry now. Returns its id.
     */
    private Optional<String> recoverInterruptedRun(String currentRunId) {
        Optional<PurgeJournal.Entry> found = journal.load();
        if (found.isEmpty()) return Optional.empty();
        PurgeJournal.Entry e = found.get();
        PurgeJournal.Inflight in = e.inflight();
        if (in != null) {
            ErasureTally tally = in.early() ? e.early() : e.done();
            if (in.day() != null) {
                Instant dayStart = in.day().atStartOfDay(ZoneOffset.UTC).toInstant();
                Instant dayEnd = in.day().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
                boolean anyLeft = segments.list(in.camera(), dayStart, dayEnd).stream()
                        .anyMatch(s -> !s.start().isBefore(dayStart) && s.start().isBefore(dayEnd));
                if (!anyLeft) tally.add(in.camera(), in.from(), in.to(), in.daySegments(), in.dayBytes(), null);
            } else {
                for (SegmentInfo s : in.segments()) {
                    boolean present = segments.list(in.camera(), s.start(), s.start().plusMillis(1)).stream()
                            .anyMatch(x -> x.key().equals(s.key()));
                    if (!present) tally.add(in.camera(), s.start(), s.end(), 1, s.storedBytes(), null);
                }
            }
        }
        String result = "interrupted: run " + e.runId() + " started " + e.startedAt()
                + " stopped before it finished (process killed or crashed); this entry records what it destroyed, "
                + "run " + currentRunId + " does the rest";
        Map<String, String> d = new LinkedHashMap<>();
        d.put("runId", e.runId());
        d.put("recordedByRun", currentRunId);
        int days = (int) retention.toDays();
        // The run may have died after writing its entries but before clearing its journal.
        if (!e.done().isEmpty() && !recorded("destruction", e.runId())) {
            ledger.append(e.done().toLedgerRecord("destruction", clock.instant(), days, result, d));
        }
        if (!e.early().isEmpty() && !recorded("destruction.early", e.runId())) {
            ledger.append(e.early().toLedgerRecord("destruction.early", clock.instant(), days, result, d));
        }
        journal.clear();
        log.warn("purge run {} was interrupted; recorded what it destroyed ({} segments, {} early)",
                e.runId(), e.done().segments(), e.early().segments());
        return Optional.of(e.runId());
    }

    /** Camera-days partly erased segment by segment whose day key is still to be destroyed. */
    private Set<String> emptiedDays() {
        Set<String> days = new java.util.TreeSet<>();
        meta.get(EMPTIED_DAYS_KEY).map(PurgeDaemon::readJson).ifPresent(n -> n.forEach(x -> days.add(x.asText())));
        return days;
    }

    private void saveEmptiedDays(Set<String> days) {
        com.fasterxml.jackson.databind.node.ArrayNode a = JSON.createArrayNode();
        days.forEach(a::add);
        try {
            meta.put(EMPTIED_DAYS_KEY, JSON.writeValueAsBytes(a));
        } catch (IOException e) {
            throw new StorageException("cannot encode the purge's emptied days", e);
        }
    }

    /** Whether one of the last ledger entries is run {@code runId}'s entry of {@code type}. */
    private boolean recorded(String type, String runId) {
        long size = ledger.size();
        if (size == 0) return false;
        return ledger.range(Math.max(1, size - 20), size).stream()
                .anyMatch(x -> x.record().type().equals(type) && runId.equals(x.record().details().get("runId")));
    }

    private long usableOrUnknown() {
        try {
            return probe.usableBytes();
        } catch (RuntimeException e) {
            log.warn("cannot read free space: {}", e.getMessage());
            return -1;
        }
    }

    private String newRunId(Instant wall) {
        byte[] b = new byte[2];
        random.nextBytes(b);
        return "P-" + RUN_ID_TIME.format(wall) + "-" + HexFormat.of().formatHex(b);
    }

    private static JsonNode readJson(byte[] bytes) {
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            throw new StorageException("purge record in the meta table is unreadable: " + e.getMessage(), e);
        }
    }

    /** Erases a batch with one index purge (a flush and compaction per segment would make steady-state purging slow). */
    private EraseResult eraseBatch(List<SegmentInfo> batch) {
        return segments.eraseSegments(batch.stream().map(SegmentInfo::key).toList());
    }

    /** The state of one run: what it destroyed so far, its errors, and its journal. */
    private final class Run {
        final String id;
        final Instant startedAt;
        final ErasureTally done = new ErasureTally();
        final ErasureTally early = new ErasureTally();
        final List<String> errors = new ArrayList<>();
        int daysErased;
        Instant leftBehind;

        final ClockReading reading;

        Run(String id, Instant startedAt, ClockReading reading) {
            this.id = id;
            this.startedAt = startedAt;
            this.reading = reading;
        }

        /**
         * Holds protecting footage right now: re-read before every batch, so a hold an officer
         * places while a long run is under way protects its footage from the next batch on.
         */
        private List<LegalHold> protectingNow() {
            return PurgePlanner.protecting(holds.all(), reading);
        }

        void leftBehind(Instant end) {
            if (leftBehind == null || end.isBefore(leftBehind)) leftBehind = end;
        }

        void eraseDay(PurgePlan.DayErase d) {
            long t0 = System.nanoTime();
            try {
                eraseDayNow(d);
            } finally {
                pace(t0);
            }
        }

        void eraseSegments(String camera, List<SegmentInfo> batch, boolean isEarly) {
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
            if (pacing.isZero() || closing) return;
            long took = System.nanoTime() - batchStartNanos;
            long pause = Math.min(took, pacing.toNanos());
            try {
                TimeUnit.NANOSECONDS.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private void eraseDayNow(PurgePlan.DayErase d) {
            if (d.segmentCount() > 0
                    && protectingNow().stream().anyMatch(h -> h.coversFootage(d.cameraId(), d.from(), d.to()))) {
                // A hold arrived since the plan: keep the day key, erase the unheld segments one key each.
                log.info("camera-day {}/{} came under a legal hold during the run; erasing its unheld segments only",
                        d.cameraId(), d.day());
                Instant dayStart = d.day().atStartOfDay(ZoneOffset.UTC).toInstant();
                Instant dayEnd = d.day().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
                Instant cutoff = reading.effective().minus(retention);
                List<SegmentInfo> expired = segments.list(d.cameraId(), dayStart, dayEnd).stream()
                        .filter(x -> !x.start().isBefore(dayStart) && x.start().isBefore(dayEnd) && !x.end().isAfter(cutoff))
                        .toList();
                for (int i = 0; i < expired.size(); i += SEGMENT_BATCH) {
                    eraseSegmentsNow(d.cameraId(), expired.subList(i, Math.min(expired.size(), i + SEGMENT_BATCH)), false);
                }
                return;
            }
            journal.save(id, startedAt, done, early,
                    new PurgeJournal.Inflight(false, d.cameraId(), d.day(), List.of(), d.segmentCount(), d.bytes(), d.from(), d.to()));
            try {
                EraseResult r = segments.eraseCameraDay(d.cameraId(), d.day());
                if (d.segmentCount() == 0 && r.segmentCount() == 0) {
                    // Only the key of a day whose segments went earlier: no footage in this run's ranges.
                    done.addDayKeyOnly(d.cameraId(), d.day(), r.destroyedKeyIds());
                } else {
                    done.add(d.cameraId(), d.from(), d.to(), r.segmentCount(), r.bytes(), r.destroyedKeyIds());
                    daysErased++;
                }
            } catch (StorageException e) {
                errors.add("camera-day " + d.cameraId() + "/" + d.day() + ": " + e.getMessage());
                leftBehind(d.from());
                log.error("erasing camera-day {}/{} failed: {}", d.cameraId(), d.day(), e.getMessage());
            }
            journal.save(id, startedAt, done, early, null);
        }

        private void eraseSegmentsNow(String camera, List<SegmentInfo> planned, boolean isEarly) {
            List<LegalHold> protecting = protectingNow();
            List<SegmentInfo> batch = planned.stream().filter(x -> PurgePlanner.holding(protecting, x).isEmpty()).toList();
            if (batch.isEmpty()) return;
            ErasureTally tally = isEarly ? early : done;
            Instant to = batch.stream().map(SegmentInfo::end).max(Instant::compareTo).orElseThrow();
            journal.save(id, startedAt, done, early,
                    new PurgeJournal.Inflight(isEarly, camera, null, List.copyOf(batch), 0, 0, batch.get(0).start(), to));
            try {
                EraseResult r = eraseBatch(batch);
                Set<SegmentKey> erased = new HashSet<>(r.segments());
                for (SegmentInfo s : batch) {
                    if (erased.contains(s.key())) tally.add(camera, s.start(), s.end(), 1, s.storedBytes(), List.of());
                }
                tally.addKeyIds(r.destroyedKeyIds());
            } catch (StorageException e) {
                errors.add(batch.size() + " segments of " + camera + " from " + batch.get(0).start() + ": " + e.getMessage());
                if (!isEarly) leftBehind(batch.get(0).end());
                log.error("erasing {} segments of {} from {} failed: {}", batch.size(), camera, batch.get(0).start(),
                        e.getMessage());
            }
            journal.save(id, startedAt, done, early, null);
        }
    }
}
