package io.vigil.redaction;

import io.vigil.bench.BenchFiles;
import io.vigil.bench.ProcessSampler;
import io.vigil.config.CameraId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;

/**
 * {@code ./bench redaction [MINUTES]} (docs/benchmarks.md, "Redaction"): masks MINUTES
 * (default 10) of 720p25 footage in the default mode and prints the real-time factor, the
 * time per stage, CPU time and peak memory, and in the same run the two references of
 * {@link RedactionReferences} on the same footage. The footage is a 20 s synthetic clip
 * built from the redaction module's test photographs (its test-jar): the requester and
 * three other faces, one walking through the requester's region; its ten 2 s segments are
 * fed round and round with advancing times, as one camera's recording. Lives in the
 * redaction package for the module's decoder and encoder (the reference must use the same
 * ones). Writes target/redaction-bench.txt.
 */
public final class RedactionBench {
    static final int LOOP_FRAMES = 500;
    static final int PER_SEGMENT = 50;
    static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

    private final StringBuilder report = new StringBuilder();

    public static void main(String[] args) throws Exception {
        int minutes = args.length > 0 ? parseMinutes(args[0]) : 10;
        new RedactionBench().run(minutes);
    }

    private static int parseMinutes(String s) {
        try {
            int m = Integer.parseInt(s);
            if (m >= 1 && m <= 600) return m;
        } catch (NumberFormatException e) {
            // falls through to the message
        }
        System.err.println("redaction bench: MINUTES must be a whole number of minutes from 1 to 600 (got '" + s + "')");
        System.exit(2);
        return -1;
    }

    private void run(int minutes) throws Exception {
        int frames = minutes * 60 * 25;
        line("redaction benchmark, %s, %d min of 720p25 (%d frames), %d CPUs, load average before: %s", Instant.now(),
                minutes, frames, Runtime.getRuntime().availableProcessors(), ProcessSampler.loadAverage());
        BenchFiles.inTempDir(dir -> {
            try (SyntheticClip clip = clip()) {
                long g0 = System.nanoTime();
                List<SourceSegment> loop = clip.segments("cam-b", T0, LOOP_FRAMES, PER_SEGMENT);
                line("source: 20 s clip encoded once (libopenh264, 8 Mbit/s, 10 segments) in %.1f s, fed %d times",
                        (System.nanoTime() - g0) / 1e9, frames / LOOP_FRAMES);
                RedactionRequest req = request(clip, frames);
                mask(req, looped(loop, frames / PER_SEGMENT, clip), dir, minutes);
                int bitrate = req.settings().bitrate();
                RedactionReferences.Run ref = RedactionReferences.reencodeOnly(looped(loop, frames / PER_SEGMENT, clip), T0,
                        req.to(), clip.width, clip.height, clip.fps, dir, bitrate);
                line("reference 1, JavaCV decode + libopenh264 re-encode, no analysis (a decode and an encode thread):"
                        + " %.1f s = %.2fx real time, CPU %.1f s (%.1f ms/frame)", ref.wallSeconds(),
                        minutes * 60 / ref.wallSeconds(), ref.cpuSeconds(), ref.cpuSeconds() * 1e3 / frames);
                RedactionReferences.Run x264 = RedactionReferences.ffmpegX264(loop, frames / LOOP_FRAMES, dir, bitrate);
                line("reference 2, Debian ffmpeg -c:v libx264 -preset veryfast (its own threads): %.1f s = %.2fx real time,"
                        + " CPU %.1f s (%.1f ms/frame)", x264.wallSeconds(), minutes * 60 / x264.wallSeconds(), x264.cpuSeconds(),
                        x264.cpuSeconds() * 1e3 / frames);
            }
        });
        line("load average after: %s", ProcessSampler.loadAverage());
        System.out.print(report);
        Path out = Path.of("target", "redaction-bench.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report.toString());
        System.out.println("written to " + out.toAbsolutePath());
    }

    /** The requester (90 px face swaying), a 60 px face walking through their region, a 48 px one crossing, a 32 px one standing. */
    static SyntheticClip clip() {
        SyntheticClip clip = new SyntheticClip(1280, 720, 25, 42);
        clip.add(FacePhotos.head(18, 90), f -> new int[] {
            (int) Math.round(540 + 160 * Math.sin(2 * Math.PI * f / LOOP_FRAMES)), 220});
        clip.add(FacePhotos.head(7, 60), f -> new int[] {(f * 7) % 1400 - 100, 400});
        clip.add(FacePhotos.head(3, 48), f -> new int[] {1100 - (f * 3) % 1100, 60});
        clip.add(FacePhotos.head(14, 32), f -> new int[] {100, 560});
        return clip;
    }

    /** The default settings, the requester marked once a minute as staff would on a long window. */
    static RedactionRequest request(SyntheticClip clip, int frames) {
        List<RequesterMark> marks = new ArrayList<>();
        for (int f = 0; f < frames; f += 60 * 25) {
            marks.add(new RequesterMark(T0.plus(clip.nanos(f)), clip.patchBox(0, f % LOOP_FRAMES)));
        }
        return new RedactionRequest("bench", CameraId.of("cam-b"), T0, T0.plus(clip.nanos(frames)), marks, RedactionSettings.defaults());
    }

    private void mask(RedactionRequest req, SegmentSource source, Path dir, int minutes) throws Exception {
        Redactor redactor = new Redactor(dir, new Ed25519ManifestSigner(KeyPairGenerator.getInstance("Ed25519").generateKeyPair()));
        ProcessSampler mem = new ProcessSampler();
        mem.start();
        long cpu0 = ProcessSampler.processCpuNanos();
        try (RedactionResult res = redactor.redact(req, source, ReviewEdits.none())) {
            double cpu = (ProcessSampler.processCpuNanos() - cpu0) / 1e9;
            mem.finish();
            double wall = res.wallNanos() / 1e9;
            long n = res.frames();
            StageTimes st = res.stageTimes();
            line("");
            line("Vigil masking, default mode (keep only the requester, detector every %d frames): %d frames in %.1f s"
                    + " = %.2fx real time (%.1f fps); CPU %.1f s (%.1f ms/frame)", req.settings().detectEvery(), n, wall,
                    minutes * 60 / wall, n / wall, cpu, cpu * 1e3 / n);
            line("  stage time (wall time in each stage on its own thread; they overlap): decode %.1f s, detect %.1f s"
                    + " (%d inferences, %d of them second looks, %.1f ms each), track %.1f s, mask %.1f s, encode %.1f s",
                    st.decodeNanos() / 1e9, st.detectNanos() / 1e9, res.detectorInferences(), st.detectorSecondLooks(),
                    st.detectNanos() / 1e6 / Math.max(1, res.detectorInferences()), st.trackNanos() / 1e9,
                    st.maskNanos() / 1e9, st.encodeNanos() / 1e9);
            line("  per frame: decode %.1f ms, detect %.1f ms, track %.2f ms, mask %.2f ms, encode %.1f ms",
                    st.decodeNanos() / 1e6 / n, st.detectNanos() / 1e6 / n, st.trackNanos() / 1e6 / n,
                    st.maskNanos() / 1e6 / n, st.encodeNanos() / 1e6 / n);
            line("  output %.1f MB, %d face tracks, %d overlap flags, requester face not found on %d frames",
                    res.output().size() / 1e6, res.tracks().size(), res.overlapFlags().size(), res.trackerLosses());
            line("  memory while masking: peak RSS %d MB, peak heap used %d MB; RSS after 10 %% / 50 %% / 100 %% of the job:"
                    + " %d / %d / %d MB", mem.peakRssMb(), mem.peakHeapMb(), mem.rssAt(0.1), mem.rssAt(0.5), mem.rssAt(1.0));
        }
    }

    /** The loop's segments over and over, each with the time it would have in a long recording. */
    static SegmentSource looped(List<SourceSegment> loop, int count, SyntheticClip clip) {
        return SegmentSource.of(CameraId.of("cam-b"), new Iterator<>() {
            int i;

            @Override
            public boolean hasNext() {
                return i < count;
            }

            @Override
            public SourceSegment next() {
                if (i >= count) throw new NoSuchElementException();
                SourceSegment s = loop.get(i % loop.size());
                Instant start = T0.plus(clip.nanos(i * PER_SEGMENT));
                i++;
                return new SourceSegment("cam-b#" + i, start, start.plus(clip.nanos(PER_SEGMENT)), s.fmp4());
            }
        });
    }

    private void line(String fmt, Object... args) {
        report.append(String.format(Locale.ROOT, fmt, args)).append('\n');
    }
}
