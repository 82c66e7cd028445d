package io.vigil.bench.ingest;

import io.vigil.ingest.sim.CameraSimulator;
import io.vigil.ingest.sim.RtspPlaySession;
import io.vigil.ingest.sim.SimSettings;
import io.vigil.ingest.rtsp.server.RtspServer;
import io.vigil.ingest.rtsp.server.RtspServerOptions;
import io.vigil.ingest.stream.RtpSource;
import io.vigil.ingest.stream.StreamListener;
import io.vigil.ingest.stream.VideoTrack;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
            case "record" -> IngestRecorderChild.record(args[1], Integer.parseInt(args[2]), Path.of(args[3]), args.length > 4 && args[4].equals("force-gc"));
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
        for (long bound : IngestRecorderChild.LATENCY_BUCKETS_MS) {
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
