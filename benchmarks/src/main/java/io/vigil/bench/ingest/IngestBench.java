package io.vigil.bench.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.vigil.config.Transport;
import io.vigil.ingest.sim.CameraSimulator;
import io.vigil.ingest.sim.RtspPlaySession;
import io.vigil.ingest.sim.SimSettings;
import io.vigil.ingest.recording.CameraRecorders;
import io.vigil.ingest.rtsp.client.PullOptions;
import io.vigil.ingest.rtsp.client.RtspPullSession;
import io.vigil.ingest.rtsp.server.RtspServer;
import io.vigil.ingest.rtsp.server.RtspServerOptions;
import io.vigil.ingest.stream.RtpSource;
import io.vigil.ingest.stream.StreamListener;
import io.vigil.ingest.stream.VideoTrack;
import io.vigil.storage.StoreOptions;
import io.vigil.storage.VigilStore;
import io.vigil.storage.VigilStores;
import io.vigil.storage.keys.KdfParameters;
import io.vigil.storage.keys.Keystore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Ingest benchmarks (results and commands in docs/benchmarks.md). Every party runs as its
 * own process so its CPU can be read from /proc: the simulator with Vigil's RTSP server
 * ({@code serve}), Vigil recording into an encrypted store ({@code record}), and Debian's
 * ffmpeg. The orchestrating modes:
 * <ul>
 * <li>{@code cpu STREAMS WARMUP_S MEASURE_S WORKDIR}: the same 4 Mbit/s RTSP streams
 *     recorded by Vigil and by {@code ffmpeg -rtsp_transport tcp -i URL -c copy -f segment
 *     -segment_time 2} (one ffmpeg per stream) in the same run; CPU-seconds per
 *     stream-hour of each over the measuring window.</li>
 * <li>{@code scale STREAMS WARMUP_S MEASURE_S WORKDIR}: Vigil records STREAMS streams;
 *     reports lost frames/packets, dropped segments, durable latency, heap and the CPU of
 *     recorder and simulator.</li>
 * </ul>
 * Children are driven over stdin with the lines {@code mark} (start of the window) and
 * {@code stop}.
 */
public final class IngestBench {
    private static final long CLK_TCK = 100; // Linux USER_HZ

    private IngestBench() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: IngestBench cpu|scale STREAMS WARMUP_S MEASURE_S [WORKDIR] | serve COUNT PORT | record URL_BASE COUNT DATADIR");
            System.exit(2);
        }
        switch (args[0]) {
            case "serve" -> serve(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
            case "record" -> record(args[1], Integer.parseInt(args[2]), Path.of(args[3]), args.length > 4 && args[4].equals("force-gc"));
            case "cpu", "scale" -> measure(args);
            default -> {
                System.err.println("unknown mode " + args[0]);
                System.exit(2);
            }
        }
    }

    /**
     * Runs one measurement in WORKDIR (default: a new temporary directory), prints the result and
     * appends it to target/ingest-bench.txt; what was recorded is deleted, the logs are kept.
     */
    private static void measure(String[] args) throws Exception {
        if (args.length < 4) throw new IllegalArgumentException("ingest: arguments are cpu|scale STREAMS WARMUP_S MEASURE_S [WORKDIR]");
        Path work = args.length > 4 ? Path.of(args[4]) : Files.createTempDirectory("ingest-bench");
        String result;
        try {
            result = orchestrate(args[0], Integer.parseInt(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]), work);
        } finally {
            deleteFootage(work);
        }
        System.out.println(result);
        String header = "# " + Instant.now() + " ingest " + String.join(" ", args) + " work=" + work + "\n";
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "ingest-bench.txt"), header + result + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        if (!result.contains("vigil at stop: STOP frames=")) throw new IllegalStateException("the recorder did not report at stop:\n" + result);
    }

    /**
     * Removes what was recorded (Vigil's store, ffmpeg's segments, the copied jars) and keeps
     * the logs: a 30-minute run at 16 cameras records ~15 GB, and runs left behind filled
     * this machine's disk once.
     */
    private static void deleteFootage(Path work) throws IOException {
        try (java.util.stream.Stream<Path> top = Files.list(work)) {
            for (Path p : top.toList()) {
                if (!Files.isDirectory(p)) continue;
                try (java.util.stream.Stream<Path> all = Files.walk(p)) {
                    for (Path q : all.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(q);
                }
            }
        }
    }

    // ------------------------------------------------------------------ children

    static void serve(int count, int port) throws Exception {
        try (CameraSimulator sim = new CameraSimulator(CameraSimulator.Mode.REPLAY, SimSettings.BENCH_4MBIT, Clock.systemUTC())) {
            List<RtpSource> cams = sim.start(count);
            RtspServer server = new RtspServer(new InetSocketAddress("127.0.0.1", port), id -> null,
                    id -> new StreamListener() {
                        @Override public void onStart(VideoTrack track) {}
                        @Override public void onRtp(byte[] packet) {}
                        @Override public void onEnd(String reason) {}
                    }, RtspServerOptions.DEFAULT, null);
            InetSocketAddress bound = server.start();
            server.servePlayers(RtspPlaySession.FACTORY);
            for (int i = 0; i < cams.size(); i++) server.registerSource(String.format("cam%02d", i + 1), cams.get(i));
            System.out.printf(Locale.ROOT, "READY %d %.0f%n", bound.getPort(), sim.replayBitsPerSecond());
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null && !line.equals("stop")) {
                // marks are read by the parent from /proc
            }
            server.close();
        }
    }

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
                String id = String.format("cam%02d", i);
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

    /**
     * What this JVM passes on to its children: its logging configuration (./bench sets the
     * benchmarks' own, warnings only, so that no test jar's logback-test.xml on the classpath
     * decides what a measured process writes) and the read pacing if one was asked for
     * ({@code -Dvigil.rtsp.readPacingMillis=N}; otherwise the recorder's default).
     */
    static List<String> childOptions() {
        List<String> options = new ArrayList<>();
        for (String name : List.of("logback.configurationFile", "vigil.rtsp.readPacingMillis")) {
            String value = System.getProperty(name);
            if (value != null) options.add("-D" + name + "=" + value);
        }
        return options;
    }

    // ------------------------------------------------------------------ orchestration

    static String orchestrate(String mode, int streams, int warmup, int measure, Path work) throws Exception {
        Files.createDirectories(work);
        String cp = privateClasspath(System.getProperty("java.class.path"), work);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> serve = new ArrayList<>(List.of(java, "-Xmx1g"));
        serve.addAll(childOptions());
        serve.addAll(List.of("-cp", cp, IngestBench.class.getName(), "serve", Integer.toString(streams), "0"));
        BenchChild source = BenchChild.start(work.resolve("serve.log"), serve.toArray(String[]::new));
        String[] ready = source.awaitLine("READY").split(" ");
        String urlBase = "rtsp://127.0.0.1:" + ready[1] + "/";
        double bps = Double.parseDouble(ready[2]);
        List<String> record = new ArrayList<>(List.of(java, "-Xmx2g"));
        record.addAll(childOptions());
        record.addAll(List.of("-cp", cp, IngestBench.class.getName(), "record",
                urlBase, Integer.toString(streams), work.resolve("vigil-data").toString(), mode.equals("scale") ? "force-gc" : "no-forced-gc"));
        BenchChild vigil = BenchChild.start(work.resolve("record.log"), record.toArray(String[]::new));
        vigil.awaitLine("READY");
        List<BenchChild> ffmpegs = mode.equals("cpu") ? startFfmpegs(work, urlBase, streams) : List.of();
        TimeUnit.SECONDS.sleep(warmup); // benchmark pacing, not synchronisation: let JITs and buffers settle
        long sourceCpu0 = source.cpuTicks();
        long vigilCpu0 = vigil.cpuTicks();
        long ffmpegCpu0 = 0;
        for (BenchChild f : ffmpegs) ffmpegCpu0 += f.cpuTicks();
        vigil.send("mark");
        String markStats = vigil.awaitLine("MARK");
        long t0 = System.nanoTime();
        TimeUnit.SECONDS.sleep(measure);
        double seconds = (System.nanoTime() - t0) / 1e9;
        long sourceCpu = source.cpuTicks() - sourceCpu0;
        long vigilCpu = vigil.cpuTicks() - vigilCpu0;
        long ffmpegCpu = -ffmpegCpu0;
        for (BenchChild f : ffmpegs) ffmpegCpu += f.cpuTicks();
        vigil.send("stop");
        String stopStats = vigil.awaitLine("STOP");
        for (BenchChild f : ffmpegs) f.terminate();
        vigil.waitFor();
        source.send("stop");
        source.waitFor();
        return report(mode, streams, bps, new Window(seconds, vigilCpu, ffmpegCpu, sourceCpu, markStats, stopStats));
    }

    /** One ffmpeg per stream copying it into 2 s segment files: what Vigil's CPU is compared with. */
    private static List<BenchChild> startFfmpegs(Path work, String urlBase, int streams) throws IOException {
        List<BenchChild> ffmpegs = new ArrayList<>();
        for (int i = 1; i <= streams; i++) {
            Path out = work.resolve("ffmpeg-" + i);
            Files.createDirectories(out);
            ffmpegs.add(BenchChild.start(work.resolve("ffmpeg-" + i + ".log"), "/usr/bin/ffmpeg", "-hide_banner", "-loglevel", "error",
                    "-nostdin", "-rtsp_transport", "tcp", "-i", urlBase + String.format("cam%02d", i), "-c", "copy", "-f", "segment",
                    "-segment_time", "2", out.resolve("seg%05d.mp4").toString()));
        }
        return ffmpegs;
    }

    /** What was measured over the window: its length, CPU ticks of each party, Vigil's figures at mark and stop. */
    private record Window(double seconds, long vigilCpu, long ffmpegCpu, long sourceCpu, String markStats, String stopStats) {}

    private static String report(String mode, int streams, double bps, Window w) {
        double seconds = w.seconds();
        long vigilCpu = w.vigilCpu(), ffmpegCpu = w.ffmpegCpu(), sourceCpu = w.sourceCpu();
        String markStats = w.markStats(), stopStats = w.stopStats();
        double streamHours = streams * seconds / 3600.0;
        StringBuilder r = new StringBuilder();
        r.append(String.format(Locale.ROOT, "mode=%s streams=%d window=%.1fs source=%.2f Mbit/s per stream%n", mode, streams, seconds, bps / 1e6));
        r.append(String.format(Locale.ROOT, "vigil: cpu=%.2fs in window => %.1f CPU-s per stream-hour (%.1f%% of one core per stream)%n",
                vigilCpu / (double) CLK_TCK, vigilCpu / (double) CLK_TCK / streamHours, 100.0 * vigilCpu / CLK_TCK / seconds / streams));
        if (mode.equals("cpu")) {
            r.append(String.format(Locale.ROOT, "ffmpeg -c copy -f segment: cpu=%.2fs in window => %.1f CPU-s per stream-hour%n",
                    ffmpegCpu / (double) CLK_TCK, ffmpegCpu / (double) CLK_TCK / streamHours));
        }
        r.append(String.format(Locale.ROOT, "simulator+rtsp server: cpu=%.2fs in window (%.1f%% of one core)%n",
                sourceCpu / (double) CLK_TCK, 100.0 * sourceCpu / CLK_TCK / seconds));
        r.append("vigil at mark: ").append(markStats).append('\n');
        r.append("vigil at stop: ").append(stopStats).append('\n');
        r.append("vigil in window: ").append(delta(markStats, stopStats)).append('\n');
        r.append(activityLine(markStats, stopStats, seconds, streams)).append('\n');
        return r.toString();
    }

    /** The activity line's share of Vigil's CPU above (issue 12): its keyframe decodes' thread CPU time over the window. */
    private static String activityLine(String mark, String stop, double seconds, int streams) {
        java.util.Map<String, Double> m = keyValues(mark), s = keyValues(stop);
        double cpuMs = s.getOrDefault("activityCpuMs", 0.0) - m.getOrDefault("activityCpuMs", 0.0);
        double keyframes = s.getOrDefault("activityKeyframes", 0.0) - m.getOrDefault("activityKeyframes", 0.0);
        double skipped = s.getOrDefault("activitySkipped", 0.0) - m.getOrDefault("activitySkipped", 0.0);
        return String.format(Locale.ROOT, "activity line: %.0f keyframes measured, %.0f skipped, %.2f ms CPU each => %.2f%% of one core"
                        + " per camera (%.1f CPU-s per stream-hour)", keyframes, skipped, keyframes > 0 ? cpuMs / keyframes : 0,
                100.0 * cpuMs / 1000 / seconds / streams, cpuMs / 1000 / (streams * seconds / 3600.0));
    }

    /**
     * Copies the project's own jars (io/vigil/* in the local Maven repository) into the work
     * directory: other builds reinstall them while a long benchmark runs, and a jar
     * rewritten under a running JVM breaks its class loading.
     */
    private static String privateClasspath(String cp, Path work) throws IOException {
        Path lib = Files.createDirectories(work.resolve("lib"));
        List<String> out = new ArrayList<>();
        for (String entry : cp.split(java.io.File.pathSeparator)) {
            if (entry.contains("/io/vigil/") && entry.endsWith(".jar")) {
                Path copy = lib.resolve(Path.of(entry).getFileName());
                Files.copy(Path.of(entry), copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                out.add(copy.toString());
            } else {
                out.add(entry);
            }
        }
        return String.join(java.io.File.pathSeparator, out);
    }

    /** Counters over the window (stop minus mark); latency and heap as at stop. */
    private static String delta(String mark, String stop) {
        java.util.Map<String, Double> m = keyValues(mark);
        StringBuilder b = new StringBuilder();
        for (java.util.Map.Entry<String, Double> e : keyValues(stop).entrySet()) {
            boolean counter = !e.getKey().startsWith("latency") && !e.getKey().startsWith("heap");
            if (e.getKey().startsWith("heap")) {
                b.append(e.getKey()).append("AtMark=").append(String.format(Locale.ROOT, "%.0f", m.getOrDefault(e.getKey(), 0.0))).append(' ');
            }
            double v = counter ? e.getValue() - m.getOrDefault(e.getKey(), 0.0) : e.getValue();
            if (!e.getKey().startsWith("le")) b.append(e.getKey()).append('=').append(String.format(Locale.ROOT, "%.0f", v)).append(' ');
        }
        // durable latency over the window from the cumulative buckets: p99 as a bucket bound
        java.util.Map<String, Double> stop2 = keyValues(stop);
        double total = stop2.get("segments") - m.get("segments");
        String p99 = "none";
        for (long bound : LATENCY_BUCKETS_MS) {
            String k = "le" + bound + "ms";
            double within = stop2.getOrDefault(k, 0.0) - m.getOrDefault(k, 0.0);
            if (total > 0 && within >= 0.99 * total) {
                p99 = "<=" + bound + "ms";
                break;
            }
        }
        b.append("windowLatencyP99=").append(p99);
        return b.toString().trim();
    }

    private static java.util.Map<String, Double> keyValues(String line) {
        java.util.Map<String, Double> out = new java.util.LinkedHashMap<>();
        for (String part : line.split(" ")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                try {
                    out.put(part.substring(0, eq), Double.parseDouble(part.substring(eq + 1)));
                } catch (NumberFormatException notANumber) {
                    // ignored
                }
            }
        }
        return out;
    }
}
