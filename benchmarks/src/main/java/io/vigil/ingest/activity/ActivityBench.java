package io.vigil.ingest.activity;

import io.vigil.bench.BenchFiles;
import io.vigil.bench.ProcessSampler;
import io.vigil.ingest.codec.VideoCodec;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the activity line costs per stored keyframe (issue 12), for 720p and 1080p, H.264 and
 * H.265: the thread CPU time of the activity worker's own steps on each keyframe
 * ({@link KeyframeDecoder#decode}, then {@link PictureChange#between} with the keyframe
 * before), exactly as {@link CameraActivity} runs them, minus the index write of the one
 * sample (a few bytes in RocksDB). Beside it, in the same run on the same keyframes, Debian's
 * ffmpeg decoding them on one thread (its {@code -benchmark} user + system time), once as
 * it plays them and once with the same shortcuts as Vigil's decoder (loop filter skipped,
 * fast flags): the reference for what a keyframe's decode costs at all. The clips are made
 * by Debian's ffmpeg at the start of the run ({@link KeyframeClip}).
 *
 * <p>{@code ./bench activity [KEYFRAMES] [PASSES]} (defaults 40 and 3); the report also goes
 * to {@code benchmarks/target/activity-bench.txt}.
 */
public final class ActivityBench {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final Pattern FFMPEG_BENCH = Pattern.compile("bench: utime=([0-9.]+)s stime=([0-9.]+)s");
    /** Issue 12's segments: one measured keyframe every 2 seconds per camera. */
    private static final double SEGMENT_SECONDS = 2.0;
    private static final List<KeyframeClip.Kind> KINDS = List.of(
            new KeyframeClip.Kind(VideoCodec.H264, 1280, 720), new KeyframeClip.Kind(VideoCodec.H264, 1920, 1080),
            new KeyframeClip.Kind(VideoCodec.H265, 1280, 720), new KeyframeClip.Kind(VideoCodec.H265, 1920, 1080));

    /** One kind's figures, CPU milliseconds per keyframe. */
    record Row(KeyframeClip.Kind kind, int keyframes, double meanKb, double vigilMean, double vigilP50, double vigilP95,
               double ffmpegFull, double ffmpegFast) {}

    private ActivityBench() {}

    public static void main(String[] args) throws Exception {
        int keyframes = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        int passes = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        if (keyframes < 2 || passes < 1) {
            System.err.println("activity: KEYFRAMES must be at least 2 and PASSES at least 1 (got " + keyframes + ", " + passes + ")");
            System.exit(2);
        }
        String loadBefore = ProcessSampler.loadAverage();
        List<Row> rows = new ArrayList<>();
        BenchFiles.inTempDir(dir -> {
            KeyframeDecoder.warmUp();
            for (KeyframeClip.Kind kind : KINDS) {
                System.err.println("activity: " + kind.label() + ": encoding " + keyframes + " keyframes with ffmpeg, then measuring");
                List<byte[]> frames = KeyframeClip.make(kind, keyframes, dir);
                rows.add(measure(kind, frames, passes, dir));
            }
        });
        String report = report(rows, passes, loadBefore, ProcessSampler.loadAverage());
        System.out.print(report);
        Path out = Path.of("target", "activity-bench.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
    }

    private static Row measure(KeyframeClip.Kind kind, List<byte[]> frames, int passes, Path dir) throws Exception {
        double[] vigil = vigilCpuMillis(kind.codec(), frames, passes);
        double[] sorted = vigil.clone();
        Arrays.sort(sorted);
        double bytes = frames.stream().mapToInt(f -> f.length).average().orElse(0);
        double full = ffmpegCpuMillis(kind, frames, passes, false, dir);
        double fast = ffmpegCpuMillis(kind, frames, passes, true, dir);
        return new Row(kind, frames.size(), bytes / 1024, Arrays.stream(vigil).average().orElse(0),
                percentile(sorted, 0.50), percentile(sorted, 0.95), full, fast);
    }

    /**
     * The activity worker's steps on every keyframe, {@code passes} times over, after one
     * warm-up pass over a few of them (the JIT and FFmpeg's first allocations): the thread CPU
     * time of each, in milliseconds.
     */
    static double[] vigilCpuMillis(VideoCodec codec, List<byte[]> frames, int passes) {
        GreyPicture previous = null;
        for (byte[] f : frames.subList(0, Math.min(5, frames.size()))) {
            GreyPicture now = KeyframeDecoder.decode(codec, f);
            if (previous != null) PictureChange.between(previous, now);
            previous = now;
        }
        double[] millis = new double[frames.size() * passes];
        int n = 0;
        int changed = 0;
        for (int pass = 0; pass < passes; pass++) {
            for (byte[] f : frames) {
                long cpu0 = THREADS.getCurrentThreadCpuTime();
                GreyPicture now = KeyframeDecoder.decode(codec, f);
                changed += PictureChange.between(previous, now);
                previous = now;
                millis[n++] = (THREADS.getCurrentThreadCpuTime() - cpu0) / 1e6;
            }
        }
        if (changed == 0) throw new IllegalStateException(codec + ": no keyframe differed from the one before: the clip is not moving");
        return millis;
    }

    /**
     * Debian's ffmpeg decoding the keyframes {@code passes} times over on one thread, its CPU
     * per keyframe: the run over all of them minus a run over one (ffmpeg's start, probe and
     * exit), divided by the difference in keyframes.
     */
    static double ffmpegCpuMillis(KeyframeClip.Kind kind, List<byte[]> frames, int passes, boolean fast, Path dir) throws Exception {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (int p = 0; p < passes; p++) for (byte[] f : frames) all.writeBytes(f);
        int count = frames.size() * passes;
        double many = ffmpegCpuSeconds(kind, all.toByteArray(), fast, dir);
        double one = ffmpegCpuSeconds(kind, frames.get(0), fast, dir);
        return Math.max(0, many - one) * 1000 / (count - 1);
    }

    private static double ffmpegCpuSeconds(KeyframeClip.Kind kind, byte[] stream, boolean fast, Path dir) throws Exception {
        String format = kind.codec() == VideoCodec.H264 ? "h264" : "hevc";
        Path in = dir.resolve("keyframes." + format), log = dir.resolve("ffmpeg-decode.log");
        Files.write(in, stream);
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-nostats", "-benchmark", "-threads", "1"));
        if (fast) cmd.addAll(List.of("-skip_loop_filter", "all", "-flags2", "+fast+showall"));
        cmd.addAll(List.of("-f", format, "-i", in.toString(), "-f", "null", "-"));
        KeyframeClip.run(cmd, log);
        Matcher m = FFMPEG_BENCH.matcher(Files.readString(log));
        if (!m.find()) throw new IllegalStateException("ffmpeg printed no -benchmark line; its output:\n" + Files.readString(log));
        return Double.parseDouble(m.group(1)) + Double.parseDouble(m.group(2));
    }

    private static double percentile(double[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }

    static String report(List<Row> rows, int passes, String loadBefore, String loadAfter) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "activity line: CPU per keyframe (thread CPU time, %d passes over each clip's keyframes)%n", passes));
        s.append(String.format(Locale.ROOT, "load average before: %s, after: %s%n%n", loadBefore, loadAfter));
        s.append(String.format(Locale.ROOT, "%-11s %9s %8s | %9s %8s %8s | %13s %13s | %s%n", "clip", "keyframes", "mean KB",
                "Vigil ms", "p50", "p95", "ffmpeg full", "ffmpeg fast", "per camera at one keyframe per 2-s segment"));
        for (Row r : rows) {
            double perSecond = r.vigilMean() / SEGMENT_SECONDS; // ms of CPU per second of footage
            s.append(String.format(Locale.ROOT, "%-11s %9d %8.1f | %9.2f %8.2f %8.2f | %10.2f ms %10.2f ms | %.2f%% of one core, %.1f CPU-s per stream-hour, %.0f cameras per core%n",
                    r.kind().label(), r.keyframes(), r.meanKb(), r.vigilMean(), r.vigilP50(), r.vigilP95(), r.ffmpegFull(), r.ffmpegFast(),
                    perSecond / 10, perSecond * 3.6, 1000 / perSecond));
        }
        s.append(String.format(Locale.ROOT, "%nVigil = KeyframeDecoder.decode + PictureChange.between on the activity thread (decoder opened per keyframe, "
                + "loop filter skipped, area shrink to 64x36 grey).%nffmpeg full = Debian's ffmpeg -threads 1 decoding the same keyframes; "
                + "ffmpeg fast = the same with -skip_loop_filter all -flags2 +fast+showall (Vigil's decoder settings).%n"
                + "ffmpeg figures: CPU of a run over all keyframes minus a run over one, per keyframe.%n"));
        return s.toString();
    }
}
