package io.vigil.purge;

import io.vigil.bench.ProcessSampler;
import io.vigil.bench.BenchFiles;
import io.vigil.config.CameraId;
import io.vigil.storage.segments.BenchSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Purge benchmark: {@code ./bench purge [WORKDIR]} (docs/benchmarks.md). It lives in package
 * {@code io.vigil.purge} of the benchmarks module to use the purge tests' {@code TestStore}.
 * <ol>
 *   <li>(a) one expired camera-day of 2-second segments (43,200, 1 KiB files) purged by
 *       {@link PurgeDaemon#runOnce()} (plan + day-key erase + unlink), beside the time to
 *       unlink as many files alone;</li>
 *   <li>(b) the expired day of 16 cameras purged while 16 writers append 512 KiB segments as
 *       fast as the store takes them: failed appends, and append latency before and during
 *       the purge.</li>
 * </ol>
 */
public final class PurgeBench {
    static final long SEGMENT_MILLIS = 2000;
    static final int FILE_BYTES = 1024;
    static final LocalDate DAY = LocalDate.of(2026, 11, 1);
    static final int CAMERAS = 16;
    static final int APPEND_BYTES = 512 * 1024;
    /**
     * Files for (b): 0 = none. 691,200 small files take many minutes to create and delete on a
     * shared test machine; their unlink cost is measured in (a) and scales linearly.
     */
    static final int B_FILE_BYTES = Integer.getInteger("vigil.bench.bFileBytes", 0);

    private PurgeBench() {}

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args.length > 0 ? args[0] : "/tmp/vigil-purge-bench");
        BenchFiles.deleteTree(work);
        Files.createDirectories(work);
        System.out.printf("Purge benchmark, %s, %d cores, load %s, work dir %s%n", Instant.now(),
                Runtime.getRuntime().availableProcessors(), ProcessSampler.loadAverage(), work);
        try {
            oneCameraDay(work.resolve("a"));
            sixteenCamerasWhileRecording(work.resolve("b0"), Duration.ZERO);
            sixteenCamerasWhileRecording(work.resolve("b1"), PurgeDaemon.MAX_PAUSE);
        } finally {
            BenchFiles.deleteTree(work);
        }
    }

    static Instant dayEndPlusRetention() {
        return DAY.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().plus(Duration.ofDays(14)).plus(Duration.ofMinutes(5));
    }

    static void oneCameraDay(Path root) throws Exception {
        Files.createDirectories(root);
        try (TestStore t = TestStore.create(root, DAY.atStartOfDay(ZoneOffset.UTC).toInstant())) {
            // Warm up the erase path on a small day first (JIT, RocksDB caches).
            fill(t, CameraId.of("warm"), 60_000, FILE_BYTES, new Random(1));
            t.store.segments().eraseCameraDay(CameraId.of("warm"), DAY);
            int n = fill(t, camera(1), SEGMENT_MILLIS, FILE_BYTES, new Random(2));
            t.clock.set(dayEndPlusRetention());
            PurgeDaemon purge = new PurgeDaemon(t.config(), t.store, t.meters, t.clock, () -> Long.MAX_VALUE);
            purge.setPacing(Duration.ZERO); // one camera-day: measure the erase itself
            long p0 = System.nanoTime();
            PurgePlan plan = purge.plan();
            double planMs = (System.nanoTime() - p0) / 1e6;
            long r0 = System.nanoTime();
            PurgeReport r = purge.runOnce();
            double runMs = (System.nanoTime() - r0) / 1e6;

            Path probe = root.resolve("unlink-probe");
            Files.createDirectories(probe);
            byte[] file = new byte[FILE_BYTES];
            for (int i = 0; i < n; i++) Files.write(probe.resolve(i + ".vseg"), file);
            long u0 = System.nanoTime();
            BenchFiles.deleteTree(probe);
            double unlinkMs = (System.nanoTime() - u0) / 1e6;

            System.out.printf("%n(a) one expired camera-day of %d s segments: %,d segments, %d KiB files%n",
                    SEGMENT_MILLIS / 1000, n, FILE_BYTES / 1024);
            System.out.printf("  plan (dry run) alone:                    %8.0f ms (%d day(s) by day key, %,d segments)%n",
                    planMs, plan.days().size(), plan.segmentCount());
            System.out.printf("  purge run (plan, day-key erase, unlink): %8.0f ms, erased %,d segments in %d day(s)%n",
                    runMs, r.segmentsErased(), r.daysErased());
            System.out.printf("  unlink of %,d files alone:              %8.0f ms  -> run minus unlink: %.0f ms; goal < 1000 ms%n",
                    n, unlinkMs, runMs - unlinkMs);
        }
    }

    static void sixteenCamerasWhileRecording(Path root, Duration pacing) throws Exception {
        Files.createDirectories(root);
        try (TestStore t = TestStore.create(root, DAY.atStartOfDay(ZoneOffset.UTC).toInstant())) {
            fillSixteenDays(t);
            Instant now = dayEndPlusRetention();
            t.clock.set(now);
            PurgeDaemon purge = new PurgeDaemon(t.config(), t.store, t.meters, t.clock, () -> Long.MAX_VALUE);
            purge.setPacing(pacing);
            System.out.printf("  pacing between batches: %s%n", pacing.isZero() ? "none" : "pause = batch time, at most " + pacing);

            BackToBackWriters writers = new BackToBackWriters(t, now);
            PurgeReport r;
            double runMs;
            try {
                writers.started.await();
                waitNanos(3_000_000_000L); // warm-up
                writers.phase.set(1);
                waitNanos(8_000_000_000L); // baseline
                writers.phase.set(2);
                long r0 = System.nanoTime();
                r = purge.runOnce();
                runMs = (System.nanoTime() - r0) / 1e6;
                writers.phase.set(3);
            } finally {
                writers.stopAll(); // before the store closes, whatever happened
            }

            System.out.printf("  purge run: %.0f ms, erased %,d segments in %d camera-days, %d errors%n", runMs,
                    r.segmentsErased(), r.daysErased(), r.errors().size());
            System.out.printf("  failed appends: %d%s%n", writers.failures.size(),
                    writers.failures.isEmpty() ? "" : " e.g. " + writers.failures.peek());
            report("append latency, baseline (8 s)", writers.samples, 1, 8.0);
            report("append latency, during the purge", writers.samples, 2, runMs / 1000);
        }
    }

    /** The expired day of every camera: index rows and day keys (and files when B_FILE_BYTES > 0). */
    private static void fillSixteenDays(TestStore t) throws Exception {
        long f0 = System.nanoTime();
        long rows = 0;
        System.out.printf("%n(b) filling %d camera-days ...%n", CAMERAS);
        for (int c = 0; c < CAMERAS; c++) {
            rows += fill(t, camera(c), SEGMENT_MILLIS, B_FILE_BYTES, new Random(c));
        }
        System.out.printf("(b) expired day of %d cameras (%,d segments, %s, filled in %.0f s) purged while %d "
                + "writers append %d KiB segments back to back%n", CAMERAS, rows,
                B_FILE_BYTES > 0 ? (B_FILE_BYTES / 1024) + " KiB files" : "index rows and day keys only, no files",
                (System.nanoTime() - f0) / 1e9, CAMERAS, APPEND_BYTES / 1024);
    }

    /**
     * One writer per camera appending APPEND_BYTES segments back to back through the real
     * append path from {@code from} on; each append's latency is kept with the phase it began in.
     */
    private static final class BackToBackWriters {
        final AtomicLong phase = new AtomicLong(); // 0 warm-up, 1 baseline, 2 purge running, 3 after
        final ConcurrentLinkedQueue<long[]> samples = new ConcurrentLinkedQueue<>(); // {phase, nanos}
        final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        final CountDownLatch started = new CountDownLatch(CAMERAS);
        private final AtomicBoolean stop = new AtomicBoolean();
        private final ExecutorService pool = Executors.newFixedThreadPool(CAMERAS);
        private final List<Future<?>> running = new ArrayList<>();

        BackToBackWriters(TestStore t, Instant from) {
            byte[] data = new byte[APPEND_BYTES];
            new Random(7).nextBytes(data);
            for (int c = 0; c < CAMERAS; c++) {
                CameraId cam = camera(c);
                running.add(pool.submit(() -> {
                    appendUntilStopped(t, cam, from, data);
                    return null;
                }));
            }
        }

        private void appendUntilStopped(TestStore t, CameraId cam, Instant from, byte[] data) {
            started.countDown();
            long seq = 0;
            Instant s = from;
            while (!stop.get()) {
                long p = phase.get();
                long a0 = System.nanoTime();
                try {
                    t.store.segments().append(cam, s, s.plusMillis(SEGMENT_MILLIS), seq++, data);
                    samples.add(new long[] {p, System.nanoTime() - a0});
                } catch (RuntimeException e) {
                    failures.add(cam + "@" + s + ": " + e.getMessage());
                }
                s = s.plusMillis(SEGMENT_MILLIS);
            }
        }

        /** Stops every writer and waits for it: writers must be stopped before the store closes. */
        void stopAll() throws InterruptedException {
            stop.set(true);
            for (Future<?> w : running) {
                try {
                    w.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    failures.add("writer died: " + e.getCause());
                }
            }
            pool.shutdown();
        }
    }

    static void report(String label, ConcurrentLinkedQueue<long[]> samples, long phase, double seconds) {
        long[] ns = samples.stream().filter(s -> s[0] == phase).mapToLong(s -> s[1]).sorted().toArray();
        if (ns.length == 0) {
            System.out.printf("  %-36s no samples%n", label + ":");
            return;
        }
        System.out.printf("  %-36s %,6d appends (%5.1f MB/s)  p50 %6.1f ms  p99 %6.1f ms  max %6.1f ms%n", label + ":",
                ns.length, ns.length * (double) APPEND_BYTES / 1e6 / seconds, ns[ns.length / 2] / 1e6,
                ns[(int) (ns.length * 0.99)] / 1e6, ns[ns.length - 1] / 1e6);
    }

    /** The benchmark's own pacing (not test synchronisation): let the writers run for a while. */
    static void waitNanos(long nanos) throws InterruptedException {
        long end = System.nanoTime() + nanos;
        for (long left; (left = end - System.nanoTime()) > 0; ) Thread.sleep(Math.max(1, left / 1_000_000));
    }

    /**
     * One expired camera-day of index rows (and files of {@code fileBytes}, if positive) under a
     * real day key, written directly by storage's bench fixture and flushed, in seconds instead
     * of hours; the purge then erases them through the ordinary store API, which is what is measured.
     */
    static int fill(TestStore t, CameraId camera, long segmentMillis, int fileBytes, Random random) throws Exception {
        int n = BenchSupport.fillDay(t.store.segments(), camera, DAY, segmentMillis, random, fileBytes);
        BenchSupport.flushAll(t.store.segments());
        return n;
    }

    static CameraId camera(int i) {
        return CameraId.of(String.format("cam-%02d", i));
    }
}
