package io.vigil.redaction;

import io.vigil.bench.ProcessSampler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * The two no-analysis references of the redaction benchmark, run on the same segments as
 * the masking job: the same JavaCV decoder and libopenh264 encoder with nothing between
 * them (the bound masking cannot beat), and Debian's ffmpeg with x264 veryfast (the
 * re-encode a user would reach for).
 */
final class RedactionReferences {
    private static final Pattern FFMPEG_BENCH = Pattern.compile("bench: utime=([0-9.]+)s stime=([0-9.]+)s");

    /** Wall and CPU seconds of one reference run. */
    record Run(double wallSeconds, double cpuSeconds) {}

    private RedactionReferences() {}

    /** Reference 1: {@link SegmentDecoder} on one thread, {@link Mp4Encoder} on another, frames handed over in a pool as in the masking job. */
    static Run reencodeOnly(SegmentSource source, Instant from, Instant to, int width, int height, double fps, Path dir,
            int bitrate) throws Exception {
        long t0 = System.nanoTime(), cpu0 = ProcessSampler.processCpuNanos();
        BlockingQueue<Mat> free = new ArrayBlockingQueue<>(6), full = new ArrayBlockingQueue<>(6);
        for (int i = 0; i < 6; i++) free.add(new Mat());
        Mat end = new Mat();
        Thread decoder = new Thread(() -> {
            try {
                new SegmentDecoder(source, from, to, new StageTimes()).run(new SegmentDecoder.FrameSink() {
                    @Override
                    public Mat next() throws InterruptedException {
                        return free.take();
                    }

                    @Override
                    public void frame(Mat bgr, Instant at, double rate) throws InterruptedException {
                        full.put(bgr);
                    }
                });
                full.put(end);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "reference-decode");
        decoder.start();
        try (SealedFile out = new SealedFile(dir); Mp4Encoder enc = new Mp4Encoder(out, width, height, fps, bitrate)) {
            while (true) {
                Mat m = full.poll(60, TimeUnit.SECONDS);
                if (m == null) throw new IllegalStateException("reference decoder stalled for 60 s");
                if (m == end) break;
                enc.encode(m);
                free.put(m);
            }
            enc.finish();
        }
        decoder.join();
        for (Mat m : free) m.close();
        return new Run((System.nanoTime() - t0) / 1e9, (ProcessSampler.processCpuNanos() - cpu0) / 1e9);
    }

    /**
     * Reference 2: Debian's ffmpeg, libx264 veryfast at the masking job's bit rate, over the
     * same segments repeated (concat demuxer); its CPU time from {@code -benchmark}.
     */
    static Run ffmpegX264(List<SourceSegment> loop, int loops, Path dir, int bitrate) throws Exception {
        List<String> list = new ArrayList<>();
        for (int i = 0; i < loop.size(); i++) Files.write(dir.resolve("seg" + i + ".mp4"), loop.get(i).fmp4());
        for (int l = 0; l < loops; l++) {
            for (int i = 0; i < loop.size(); i++) list.add("file '" + dir.resolve("seg" + i + ".mp4") + "'");
        }
        Path txt = dir.resolve("list.txt"), log = dir.resolve("ffmpeg.log");
        Files.write(txt, list);
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder("ffmpeg", "-hide_banner", "-nostats", "-benchmark", "-y", "-f", "concat", "-safe", "0",
                "-i", txt.toString(), "-c:v", "libx264", "-preset", "veryfast", "-b:v", Integer.toString(bitrate),
                dir.resolve("x264.mp4").toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(60, TimeUnit.MINUTES) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException("ffmpeg failed; its log:\n" + Files.readString(log));
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        Matcher m = FFMPEG_BENCH.matcher(Files.readString(log));
        double cpu = m.find() ? Double.parseDouble(m.group(1)) + Double.parseDouble(m.group(2)) : -1;
        return new Run(wall, cpu);
    }
}
