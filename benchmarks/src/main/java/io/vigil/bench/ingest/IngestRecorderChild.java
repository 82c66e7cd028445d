package io.vigil.bench.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.vigil.config.CameraId;
import io.vigil.config.Transport;
import io.vigil.ingest.recording.CameraRecorders;
import io.vigil.ingest.rtsp.client.PullOptions;
import io.vigil.ingest.rtsp.client.RtspPullSession;
import io.vigil.storage.StoreOptions;
import io.vigil.storage.VigilStore;
import io.vigil.storage.VigilStores;
import io.vigil.storage.keys.KdfParameters;
import io.vigil.storage.keys.Keystore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The {@code record} child of the ingest benchmark ({@link IngestBench}): Vigil recording
 * {@code COUNT} pulled RTSP streams into an encrypted store, answering the orchestrator's
 * {@code mark} and {@code stop} on standard input with its meters' figures (frames, losses,
 * segments, durable latency buckets, heap, the activity line's CPU).
 */
final class IngestRecorderChild {
    private IngestRecorderChild() {}

    /**
     * @param forceGc heap figures after a forced full GC (once a minute and at mark/stop):
     *     comparable over a long run ("scale"); otherwise the heap after the JVM's own last
     *     collection, so a CPU measurement ("cpu") is not charged for collections and heap
     *     shrinking that only the benchmark caused
     */
    static void record(String urlBase, int count, Path dataDir, boolean forceGc) throws Exception {
        Files.createDirectories(dataDir);
        char[] pass = "benchmark passphrase only".toCharArray();
        Path keystore = dataDir.resolve("keystore");
        Clock clock = Clock.systemUTC();
        SimpleMeterRegistry meters = latencyCountingMeters();
        Keystore.create(keystore, pass.clone(), KdfParameters.DEFAULT, clock);
        ExecutorService disk = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "disk");
            t.setDaemon(true);
            return t;
        });
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        try (VigilStore store = VigilStores.open(new StoreOptions(dataDir.resolve("data"), keystore, pass, clock, meters))) {
            CameraRecorders factory = new CameraRecorders(store.segments(), Duration.ofSeconds(2), meters, clock, disk);
            List<RtspPullSession> sessions = new ArrayList<>();
            for (int i = 1; i <= count; i++) {
                CameraId id = CameraId.of(String.format("cam%02d", i));
                RtspPullSession s = new RtspPullSession(id, PullOptions.of(urlBase + id, Transport.TCP, null, null), group,
                        factory.forCamera(id));
                s.start();
                sessions.add(s);
            }
            System.out.println("READY");
            System.out.flush();
            answerUntilStop(meters, forceGc);
            for (RtspPullSession s : sessions) s.close("benchmark over");
            for (RtspPullSession s : sessions) s.ended().get(10, TimeUnit.SECONDS);
            disk.shutdown();
            disk.awaitTermination(30, TimeUnit.SECONDS);
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }

    /**
     * A registry whose durable-latency buckets count since start, so the window's
     * distribution is stop minus mark (by default Micrometer's histograms decay over two minutes).
     */
    private static SimpleMeterRegistry latencyCountingMeters() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        meters.config().meterFilter(new io.micrometer.core.instrument.config.MeterFilter() {
            @Override
            public io.micrometer.core.instrument.distribution.DistributionStatisticConfig configure(
                    io.micrometer.core.instrument.Meter.Id id, io.micrometer.core.instrument.distribution.DistributionStatisticConfig config) {
                if (!id.getName().equals("vigil.ingest.segment.durable.latency")) return config;
                double[] slos = new double[LATENCY_BUCKETS_MS.length];
                for (int i = 0; i < slos.length; i++) slos[i] = LATENCY_BUCKETS_MS[i] * 1e6;
                // one buffer that never rotates during a run: bucket counts are then since start
                return io.micrometer.core.instrument.distribution.DistributionStatisticConfig.builder()
                        .serviceLevelObjectives(slos).expiry(Duration.ofDays(7)).bufferLength(1).build().merge(config);
            }
        });
        return meters;
    }

    /**
     * Answers the orchestrator's "mark" and "stop" on standard input with the meters' figures,
     * and prints the heap once a minute meanwhile (does it stay flat over a long run?); returns at "stop".
     */
    private static void answerUntilStop(MeterRegistry meters, boolean forceGc) throws IOException {
        java.util.concurrent.ScheduledExecutorService heapProbe = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "heap-probe");
            t.setDaemon(true);
            return t;
        });
        long started = System.nanoTime();
        heapProbe.scheduleAtFixedRate(() -> System.out.printf(Locale.ROOT, "HEAP t=%ds usedAfterGcMB=%d%n",
                (System.nanoTime() - started) / 1_000_000_000L, heapAfterGcMb(forceGc)), 60, 60, TimeUnit.SECONDS);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            if (line.equals("mark") || line.equals("stop")) {
                long heap = heapAfterGcMb(forceGc);
                System.out.println(line.toUpperCase(Locale.ROOT) + " " + stats(meters) + " heapAfterGcMB=" + heap);
                System.out.flush();
            }
            if (line.equals("stop")) break;
        }
    }

    private static long heapAfterGcMb(boolean forceGc) {
        if (forceGc) {
            System.gc(); // benchmark only: a comparable heap figure needs a collection first
            Runtime rt = Runtime.getRuntime();
            return (rt.totalMemory() - rt.freeMemory()) >> 20;
        }
        // heap in use right after the JVM's most recent collection (any kind)
        long used = 0;
        long latestEnd = -1;
        for (java.lang.management.GarbageCollectorMXBean gc : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
            if (!(gc instanceof com.sun.management.GarbageCollectorMXBean g)) continue;
            com.sun.management.GcInfo info = g.getLastGcInfo();
            if (info == null || info.getEndTime() < latestEnd) continue;
            latestEnd = info.getEndTime();
            used = 0;
            for (java.lang.management.MemoryPoolMXBean pool : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
                java.lang.management.MemoryUsage u = info.getMemoryUsageAfterGc().get(pool.getName());
                if (pool.getType() == java.lang.management.MemoryType.HEAP && u != null) used += u.getUsed();
            }
        }
        return used >> 20;
    }

    static final long[] LATENCY_BUCKETS_MS = {100, 200, 300, 500, 750, 1000, 1500, 2000, 2500, 3000, 5000, 10000, 60000};

    private static String stats(MeterRegistry meters) {
        long[] buckets = new long[LATENCY_BUCKETS_MS.length];
        for (Timer t : meters.find("vigil.ingest.segment.durable.latency").timers()) {
            io.micrometer.core.instrument.distribution.CountAtBucket[] counts = t.takeSnapshot().histogramCounts();
            for (int i = 0; i < counts.length && i < buckets.length; i++) buckets[i] += (long) counts[i].count();
        }
        StringBuilder hist = new StringBuilder();
        for (int i = 0; i < buckets.length; i++) hist.append(" le").append(LATENCY_BUCKETS_MS[i]).append("ms=").append(buckets[i]);
        double p99 = 0;
        double max = 0;
        for (Timer t : meters.find("vigil.ingest.segment.durable.latency").timers()) {
            for (ValueAtPercentile v : t.takeSnapshot().percentileValues()) {
                if (v.percentile() == 0.99) p99 = Math.max(p99, v.value(TimeUnit.MILLISECONDS));
            }
            max = Math.max(max, t.max(TimeUnit.MILLISECONDS));
        }
        Runtime rt = Runtime.getRuntime();
        // the activity line's measure (issue 12): CPU time of the keyframe decodes, on its own thread
        double activityCpuMs = meters.find("vigil.ingest.activity.cpu").timers().stream()
                .mapToDouble(t -> t.totalTime(TimeUnit.MILLISECONDS)).sum();
        long activityKeyframes = meters.find("vigil.ingest.activity.cpu").timers().stream().mapToLong(Timer::count).sum();
        return String.format(Locale.ROOT, "frames=%.0f framesLost=%.0f packetsLost=%.0f segments=%.0f dropped=%.0f failed=%.0f "
                        + "latencyP99Ms=%.0f latencyMaxMs=%.0f heapUsedMB=%d activityKeyframes=%d activityMeasured=%.0f "
                        + "activitySkipped=%.0f activityFailed=%.0f activityCpuMs=%.0f%s",
                sum(meters, "vigil.ingest.frames"), sum(meters, "vigil.ingest.frames.lost"),
                sum(meters, "vigil.ingest.packets.lost"), sum(meters, "vigil.ingest.segments.written"),
                sum(meters, "vigil.ingest.segments.dropped"), sum(meters, "vigil.ingest.segments.failed"), p99, max,
                (rt.totalMemory() - rt.freeMemory()) >> 20, activityKeyframes, sum(meters, "vigil.ingest.activity.measured"),
                sum(meters, "vigil.ingest.activity.skipped"), sum(meters, "vigil.ingest.activity.failed"), activityCpuMs, hist);
    }

    private static double sum(MeterRegistry meters, String name) {
        return meters.find(name).counters().stream().mapToDouble(Counter::count).sum();
    }
}
