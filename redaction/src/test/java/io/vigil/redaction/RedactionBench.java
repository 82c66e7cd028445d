package io.vigil.redaction;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

/**
 * Benchmark, not a unit test (run by name; docs/benchmarks.md): masks N minutes
 * (default 10) of 720p25 in the default mode and prints the real-time factor, the time
 * per stage, peak memory, and in the same run two references on the same footage:
 * JavaCV decode + libopenh264 re-encode with no analysis, and Debian's
 * {@code ffmpeg -c:v libx264 -preset veryfast}. The footage is a 20 s synthetic clip
 * (requester + three other faces, two of them walking, one through the requester's
 * region) whose ten 2 s segments are fed round and round with advancing times.
 * Writes redaction/target/redaction-bench.txt.
 */
class RedactionBench {
    static final int LOOP_FRAMES = 500;
    static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

    @Test
    void maskTenMinutesOf720p25() throws Exception {
        int minutes = Integer.getInteger("vigil.bench.redaction.minutes", 10);
        int frames = minutes * 60 * 25;
        Path dir = Files.createTempDirectory("redaction-bench");
        StringBuilder report = new StringBuilder();
        line(report, "redaction benchmark, %d min of 720p25 (%d frames), %d CPUs, load average before: %s",
                minutes, frames, Runtime.getRuntime().availableProcessors(), loadAverage());
        try (SyntheticClip clip = new SyntheticClip(1280, 720, 25, 42)) {
            clip.add(FacePhotos.head(18, 90), f -> new int[] {
                (int) Math.round(540 + 160 * Math.sin(2 * Math.PI * f / LOOP_FRAMES)), 220});
            clip.add(FacePhotos.head(7, 60), f -> new int[] {(f * 7) % 1400 - 100, 400});
            clip.add(FacePhotos.head(3, 48), f -> new int[] {1100 - (f * 3) % 1100, 60});
            clip.add(FacePhotos.head(14, 32), f -> new int[] {100, 560});
            long g0 = System.nanoTime();
            List<SourceSegment> loop = clip.segments("cam-b", T0, LOOP_FRAMES, 50);
            line(report, "source: 20 s clip encoded once (libopenh264, 8 Mbit/s, 10 segments) in %.1f s, fed %d times",
                    (System.nanoTime() - g0) / 1e9, frames / LOOP_FRAMES);
            List<RequesterMark> marks = new ArrayList<>();
            for (int f = 0; f < frames; f += 60 * 25) {
                marks.add(new RequesterMark(T0.plus(clip.nanos(f)), clip.patchBox(0, f % LOOP_FRAMES)));
            }
            RedactionRequest req = new RedactionRequest("bench", "cam-b", T0, T0.plus(clip.nanos(frames)), marks,
                    RedactionSettings.defaults());
            Redactor redactor = new Redactor(dir, new Ed25519ManifestSigner(KeyPairGenerator.getInstance("Ed25519").generateKeyPair()));

            MemorySampler mem = new MemorySampler();
            mem.start();
            RedactionResult res = redactor.redact(req, looped(loop, frames / 50, clip), ReviewEdits.none());
            mem.stopSampling();
            double wall = res.wallNanos() / 1e9;
            StageTimes st = res.stageTimes();
            line(report, "");
            line(report, "Vigil masking, default mode (keep only the requester, detector every %d frames): %d frames in %.1f s"
                    + " = %.2fx real time (%.1f fps)", req.settings().detectEvery(), res.frames(), wall, minutes * 60 / wall, res.frames() / wall);
            line(report, "  stage time (each stage on its own thread; they overlap): decode %.1f s, detect %.1f s (%d inferences of which %d second looks,"
                    + " %.1f ms each), track %.1f s, mask %.1f s, encode %.1f s",
                    st.decode / 1e9, st.detect / 1e9, res.detectorInferences(), st.detectorSecondLooks(), st.detect / 1e6 / Math.max(1, res.detectorInferences()),
                    st.track / 1e9, st.mask / 1e9, st.encode / 1e9);
            line(report, "  per frame: decode %.1f ms, detect %.1f ms, track %.2f ms, mask %.2f ms, encode %.1f ms",
                    st.decode / 1e6 / res.frames(), st.detect / 1e6 / res.frames(), st.track / 1e6 / res.frames(),
                    st.mask / 1e6 / res.frames(), st.encode / 1e6 / res.frames());
            line(report, "  output %.1f MB, %d face tracks, %d overlap flags, requester face not found on %d frames",
                    res.output().size() / 1e6, res.tracks().size(), res.overlapFlags().size(), res.trackerLosses());
            line(report, "  memory while masking: peak RSS %d MB, peak heap used %d MB; RSS after 10 %% / 50 %% / 100 %% of the"
                    + " job: %s MB", mem.peakRssMb, mem.peakHeapMb, mem.rssAt(0.1) + " / " + mem.rssAt(0.5) + " / " + mem.rssAt(1.0));
            res.close();

            double ref = reencodeOnly(loop, frames, clip, dir, req.settings().bitrate());
            line(report, "reference 1, JavaCV decode + libopenh264 re-encode, no analysis (two threads): %.1f s = %.2fx real time",
                    ref, minutes * 60 / ref);
            double x264 = ffmpegX264(loop, frames / LOOP_FRAMES, dir);
            line(report, "reference 2, Debian ffmpeg -c:v libx264 -preset veryfast (its own threads): %.1f s = %.2fx real time",
                    x264, minutes * 60 / x264);
            line(report, "load average after: %s", loadAverage());
        } finally {
            try (var s = Files.walk(dir)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        System.out.print(report);
        Files.writeString(Path.of("target", "redaction-bench.txt"), report.toString());
    }

    /** The loop's segments over and over, each with the time it would have in a long recording. */
    static SegmentSource looped(List<SourceSegment> loop, int count, SyntheticClip clip) {
        return SegmentSource.of("cam-b", new Iterator<>() {
            int i;

            @Override
            public boolean hasNext() {
                return i < count;
            }

            @Override
            public SourceSegment next() {
                if (i >= count) throw new NoSuchElementException();
                SourceSegment s = loop.get(i % loop.size());
                Instant start = T0.plus(clip.nanos(i * 50));
                i++;
                return new SourceSegment("cam-b#" + i, start, start.plus(clip.nanos(50)), s.fmp4());
            }
        });
    }

    /** Reference 1: the same decoder and encoder, no analysis, a decode thread and an encode thread. */
    static double reencodeOnly(List<SourceSegment> loop, int frames, SyntheticClip clip, Path dir, int bitrate) throws Exception {
        long t0 = System.nanoTime();
        StageTimes times = new StageTimes();
        BlockingQueue<Mat> free = new ArrayBlockingQueue<>(6), full = new ArrayBlockingQueue<>(6);
        for (int i = 0; i < 6; i++) free.add(new Mat());
        Mat end = new Mat();
        Thread decoder = new Thread(() -> {
            try {
                new SegmentDecoder(looped(loop, frames / 50, clip), T0, T0.plus(clip.nanos(frames)), times).run((bgr, at, fps) -> {
                    Mat m = free.take();
                    bgr.copyTo(m);
                    full.put(m);
                });
                full.put(end);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        decoder.start();
        try (SealedFile out = new SealedFile(dir); Mp4Encoder enc = new Mp4Encoder(out, 1280, 720, 25, bitrate)) {
            while (true) {
                Mat m = full.poll(60, TimeUnit.SECONDS);
                if (m == null) throw new IllegalStateException("decoder stalled");
                if (m == end) break;
                enc.encode(m);
                free.put(m);
            }
            enc.finish();
        }
        decoder.join();
        return (System.nanoTime() - t0) / 1e9;
    }

    /** Reference 2: Debian's ffmpeg with x264 veryfast on the same segments (concat demuxer). */
    static double ffmpegX264(List<SourceSegment> loop, int loops, Path dir) throws Exception {
        List<String> list = new ArrayList<>();
        for (int i = 0; i < loop.size(); i++) {
            Path p = dir.resolve("seg" + i + ".mp4");
            Files.write(p, loop.get(i).fmp4());
        }
        for (int l = 0; l < loops; l++) {
            for (int i = 0; i < loop.size(); i++) list.add("file '" + dir.resolve("seg" + i + ".mp4") + "'");
        }
        Path txt = dir.resolve("list.txt");
        Files.write(txt, list);
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder("ffmpeg", "-v", "error", "-y", "-f", "concat", "-safe", "0", "-i", txt.toString(),
                "-c:v", "libx264", "-preset", "veryfast", "-b:v", "3M", dir.resolve("x264.mp4").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("ffmpeg.log").toFile()).start();
        if (!p.waitFor(60, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException("ffmpeg failed: " + Files.readString(dir.resolve("ffmpeg.log")));
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "?";
        }
    }

    static void line(StringBuilder sb, String fmt, Object... args) {
        sb.append(String.format(Locale.ROOT, fmt, args)).append('\n');
    }

    /** Samples the process's resident set (native memory included) and heap twice a second. */
    static final class MemorySampler extends Thread {
        volatile boolean running = true;
        volatile long peakRssMb, peakHeapMb;
        final List<Long> rss = new ArrayList<>();

        MemorySampler() {
            setDaemon(true);
        }

        @Override
        public void run() {
            while (running) {
                long r = rssMb();
                long h = (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20;
                synchronized (rss) {
                    rss.add(r);
                }
                peakRssMb = Math.max(peakRssMb, r);
                peakHeapMb = Math.max(peakHeapMb, h);
                try {
                    Thread.sleep(500); // a sampling period, not synchronisation
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        void stopSampling() {
            running = false;
        }

        long rssAt(double share) {
            synchronized (rss) {
                if (rss.isEmpty()) return -1;
                return rss.get(Math.min(rss.size() - 1, (int) Math.round(share * (rss.size() - 1))));
            }
        }

        static long rssMb() {
            try {
                for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
                    if (l.startsWith("VmRSS:")) return Long.parseLong(l.replaceAll("[^0-9]", "")) >> 10;
                }
            } catch (IOException e) {
                return -1;
            }
            return -1;
        }
    }
}
