package io.vigil.bench.ingest;


import io.vigil.bench.BenchFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * CPU-seconds per stream-hour of Vigil's RTSP side alone ({@link ProtocolPullChild}) and
 * of {@code ffmpeg -rtsp_transport tcp -i URL -c copy -f segment -segment_time 2} (one
 * process per stream), pulling the same 4 Mbit/s camera-sim streams in the same run.
 * Every party is its own process; CPU comes from /proc/PID/stat (utime+stime).
 *
 * <p>Run {@code ./bench protocol-cpu STREAMS WARMUP_S MEASURE_S}; the result goes to stdout and
 * to {@code benchmarks/target/protocol-cpu-benchmark.txt}. See docs/benchmarks.md.
 */
public final class ProtocolCpuBench {
    private static final double CLK_TCK = 100.0; // Linux USER_HZ

    private ProtocolCpuBench() {}

    /** Arguments: STREAMS WARMUP_S MEASURE_S. */
    public static void main(String[] a) throws Exception {
        if (a.length != 3) throw new IllegalArgumentException("protocol-cpu: arguments are STREAMS WARMUP_S MEASURE_S");
        int streams = Integer.parseInt(a[0]);
        int warmup = Integer.parseInt(a[1]);
        int measure = Integer.parseInt(a[2]);
        Path work = Files.createTempDirectory("vigil-protocol-bench");
        String cp = System.getProperty("java.class.path");
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();

        String logging = "-Dlogback.configurationFile=" + System.getProperty("logback.configurationFile", "logback-bench.xml");
        BenchChild source = BenchChild.start(work.resolve("serve.log"), javaBin, "-Xmx1g", logging, "-cp", cp, "io.vigil.bench.ingest.IngestBench", "serve",
                Integer.toString(streams), "0");
        String ready = source.awaitLine("READY");
        int port = Integer.parseInt(ready.split(" ")[1]);
        String urlBase = "rtsp://127.0.0.1:" + port + "/";
        String pacing = "-Dvigil.rtsp.readPacingMillis=" + System.getProperty("vigil.rtsp.readPacingMillis", "0");
        BenchChild vigil = BenchChild.start(work.resolve("vigil.log"), javaBin, "-Xmx256m", pacing, logging, "-cp", cp, ProtocolPullChild.class.getName(), urlBase,
                Integer.toString(streams));
        vigil.awaitLine("READY");
        List<BenchChild> ffmpegs = startFfmpegs(work, urlBase, streams);
        try {
            measure(vigil, ffmpegs, source, new int[] {streams, warmup, measure}, pacing);
        } finally {
            for (BenchChild f : ffmpegs) f.stop(null);
            vigil.stop("stop");
            source.stop("stop");
            BenchFiles.deleteTree(work);
        }
    }

    /** One ffmpeg per stream, copying it into 2 s segment files: the baseline Vigil is compared with. */
    private static List<BenchChild> startFfmpegs(Path work, String urlBase, int streams) throws IOException {
        List<BenchChild> ffmpegs = new ArrayList<>();
        for (int i = 1; i <= streams; i++) {
            Path dir = Files.createDirectories(work.resolve(String.format("ff%02d", i)));
            ffmpegs.add(BenchChild.start(work.resolve(String.format("ffmpeg%02d.log", i)), "/usr/bin/ffmpeg", "-hide_banner", "-loglevel", "error",
                    "-nostdin", "-rtsp_transport", "tcp", "-i", urlBase + String.format("cam%02d", i), "-c", "copy", "-f", "segment",
                    "-segment_time", "2", "-reset_timestamps", "1", dir.resolve("seg%05d.mp4").toString()));
        }
        return ffmpegs;
    }

    /**
     * Waits out the warm-up, measures everyone's CPU over the window, prints and writes the
     * result. {@code run}: streams, warm-up seconds, measured seconds (the arguments).
     */
    private static void measure(BenchChild vigil, List<BenchChild> ffmpegs, BenchChild source, int[] run, String pacing) throws Exception {
        int streams = run[0];
        int warmup = run[1];
        int measure = run[2];
        TimeUnit.SECONDS.sleep(warmup); // the benchmark's warm-up window, not synchronisation
        long vigil0 = vigil.cpuTicks();
        long ff0 = ffmpegs.stream().mapToLong(BenchChild::cpuTicks).sum();
        long src0 = source.cpuTicks();
        String markLine = vigil.command("mark", "MARK");
        TimeUnit.SECONDS.sleep(measure);
        long vigil1 = vigil.cpuTicks();
        long ff1 = ffmpegs.stream().mapToLong(BenchChild::cpuTicks).sum();
        long src1 = source.cpuTicks();
        String stopLine = vigil.command("stop", "STOP");
        for (BenchChild f : ffmpegs) assertTrue(f.alive(), "an ffmpeg died: " + f.log());
        double streamHours = streams * measure / 3600.0;
        long packets = field(stopLine, "packets") - field(markLine, "packets");
        long bytes = field(stopLine, "bytes") - field(markLine, "bytes");
        String result = String.format(Locale.ROOT,
                "streams=%d warmup=%ds measure=%ds " + pacing + " received=%.2f Mbit/s per stream (%d packets)%n"
                        + "vigil-protocol cpu=%.2fs -> %.1f cpu-s per stream-hour%n"
                        + "ffmpeg-copy-segment cpu=%.2fs -> %.1f cpu-s per stream-hour%n"
                        + "source (camera-sim serving %d players) cpu=%.2fs%n",
                streams, warmup, measure, bytes * 8.0 / measure / streams / 1e6, packets,
                (vigil1 - vigil0) / CLK_TCK, (vigil1 - vigil0) / CLK_TCK / streamHours,
                (ff1 - ff0) / CLK_TCK, (ff1 - ff0) / CLK_TCK / streamHours,
                2 * streams, (src1 - src0) / CLK_TCK);
        System.out.print(result);
        Path out = Path.of("target", "protocol-cpu-benchmark.txt");
        Files.writeString(out, "# " + java.time.Instant.now() + " protocol-cpu " + streams + " " + warmup + " " + measure + "\n" + result);
        assertTrue(packets > 0, "Vigil received nothing");
    }

    private static long field(String line, String name) {
        for (String part : line.split(" ")) {
            if (part.startsWith(name + "=")) return Long.parseLong(part.substring(name.length() + 1));
        }
        throw new IllegalArgumentException(name + " not in " + line);
    }
}
