package io.vigil.ingest.supervisor;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.micrometer.core.instrument.Counter;
import io.vigil.config.CameraId;
import io.vigil.config.SecretRef;
import io.vigil.ingest.IngestService;
import io.vigil.ingest.fmp4.Segmenter;
import io.vigil.ingest.recording.CameraRecorders;
import io.vigil.ingest.rtsp.ExternalProcess;
import io.vigil.ingest.rtsp.server.RtspServerOptions;
import io.vigil.storage.SegmentInfo;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The wall clock bounds a camera's time (docs/time.md, "Camera time is bounded by arrival"):
 * publishers that lie about time push real H.264 through Vigil's RTSP server into the real
 * encrypted store at the real picture rate, and every stored segment must lie within the
 * tolerance of when its pictures arrived, without overlaps, covering about the time really
 * recorded. Four publishers at once, 10 s each: one stepping 1 s ahead per picture (25
 * times too fast: 10 s would be stored as 250 s ending 4 minutes ahead), one stepping 3 s
 * back every 2 s (each step inside the old 5 s jump limit), one jumping an hour ahead and
 * then two hours back, and Debian's ffmpeg with {@code setpts=N/TB} (its own RTP muxer
 * stepping 1 s per picture).
 */
class CameraTimeBoundTest extends RecordingStoreTest {
    private static final int FRAMES = 10 * TamperingPublisher.FPS;
    private static final long SECOND = 90_000;
    private static final Duration SLACK = Duration.ofMillis(500); // the last picture's duration and the pacing's batching

    @Test
    void steppingAheadBackAndJumpingPublishersAreStoredWithinTheToleranceOfArrival() throws Exception {
        assumeTrue(ExternalProcess.executable("/usr/bin/ffmpeg"), "ffmpeg is not installed at /usr/bin/ffmpeg");
        List<List<byte[]>> pictures = TamperingPublisher.encode(dir, FRAMES);
        Path secret = dir.resolve("publish-secret");
        Files.writeString(secret, "time-pass\n");
        Map<String, LongUnaryOperator> liars = Map.of(
                "ahead", i -> i * SECOND,
                "back", i -> i * SECOND / 25 - (i / 50) * 3 * SECOND,
                "jumps", i -> i * SECOND / 25 + (i >= 100 ? 3600 * SECOND : 0) - (i >= 175 ? 7200 * SECOND : 0));
        List<String> cameras = List.of("ahead", "back", "jumps", "ffmpeg");
        var config = TestConfigs.config(cameras.stream().map(id -> TestConfigs.push(id, SecretRef.file(secret))).toList(),
                new InetSocketAddress("127.0.0.1", 0));
        CameraRecorders recorders = new CameraRecorders(store.segments(), Duration.ofSeconds(2), meters, Clock.systemUTC(), disk);
        Map<String, Instant[]> sent = new ConcurrentHashMap<>();
        ExecutorService publishers = Executors.newFixedThreadPool(4);
        try (IngestService ingest = new IngestService(config, recorders, meters, Clock.systemUTC(), SupervisorOptions.DEFAULT,
                RtspServerOptions.DEFAULT)) {
            ingest.start();
            int port = ingest.rtspAddress().getPort();
            List<Future<?>> running = new ArrayList<>();
            for (var liar : liars.entrySet()) {
                running.add(publishers.submit(() -> {
                    Instant first = TamperingPublisher.publish(port, liar.getKey(), "time-pass", pictures, liar.getValue());
                    sent.put(liar.getKey(), new Instant[] {first, Instant.now()});
                    return null;
                }));
            }
            running.add(publishers.submit(() -> {
                // ffmpeg says nothing when its first picture leaves: from its start on, the bound is the same
                Instant first = Instant.now();
                pushWithFfmpegSteppingOneSecondPerPicture(port);
                sent.put("ffmpeg", new Instant[] {first, Instant.now()});
                return null;
            }));
            for (Future<?> f : running) f.get(60, TimeUnit.SECONDS);
            for (String camera : cameras) {
                awaitTrue(() -> ingest.states().get(CameraId.of(camera)).state() == CameraState.State.IDLE, 20, camera + " back to IDLE");
            }
        } finally {
            publishers.shutdownNow();
        }
        disk.submit(() -> { }).get(30, TimeUnit.SECONDS); // appends queued before are done

        for (String camera : cameras) {
            Instant first = sent.get(camera)[0];
            Instant last = sent.get(camera)[1];
            List<SegmentInfo> segments = store.segments().list(CameraId.of(camera), first.minusSeconds(86_400), first.plusSeconds(86_400));
            assertFalse(segments.isEmpty(), camera + ": nothing stored");
            String all = camera + ": sent " + first + " to " + last + ", stored " + segments.stream().map(s -> s.start() + "/" + s.end()).toList();
            Duration stored = Duration.ZERO;
            for (int i = 0; i < segments.size(); i++) {
                SegmentInfo s = segments.get(i);
                assertFalse(s.start().isBefore(first), "starts before its first picture was sent: " + all);
                assertFalse(s.end().isAfter(last.plus(Segmenter.DEFAULT_TIME_TOLERANCE).plus(SLACK)),
                        "ends later than its last picture arrived plus the tolerance: " + all);
                if (i > 0) assertFalse(s.start().isBefore(segments.get(i - 1).end()), "overlaps the segment before: " + all);
                stored = stored.plus(Duration.between(s.start(), s.end()));
            }
            Duration real = Duration.between(camera.equals("ffmpeg") ? segments.get(0).start() : first, last);
            assertTrue(stored.compareTo(real.minusSeconds(4)) >= 0, "stored time squeezed: " + stored + " of " + real + "; " + all);
        }
        assertTrue(problems("ahead", "camera-time-ahead") >= FRAMES / 2, "each picture ahead is corrected and counted");
        assertTrue(problems("ffmpeg", "camera-time-ahead") >= FRAMES / 2, "ffmpeg's steps are corrected and counted");
        assertTrue(problems("back", "camera-time-backwards") >= 4, "the four steps back are corrected and counted");
        assertTrue(problems("jumps", "camera-time-ahead") >= 1 && problems("jumps", "camera-time-backwards") >= 1,
                "both jumps are corrected and counted");
    }

    /** Debian's ffmpeg publishing with its presentation times stretched 25 times: RTP time steps 1 s per picture. */
    private void pushWithFfmpegSteppingOneSecondPerPicture(int port) throws Exception {
        Path log = dir.resolve("ffmpeg-push.log");
        Process ffmpeg = new ProcessBuilder("/usr/bin/ffmpeg", "-hide_banner", "-loglevel", "warning", "-nostdin",
                "-re", "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=" + TamperingPublisher.FPS, "-frames:v", Integer.toString(FRAMES),
                "-vf", "setpts=N/TB", "-fps_mode", "passthrough",
                "-c:v", "libx264", "-g", "25", "-bf", "0", "-preset", "ultrafast", "-tune", "zerolatency",
                "-f", "rtsp", "-rtsp_transport", "tcp", "rtsp://pub:time-pass@127.0.0.1:" + port + "/ffmpeg")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            assertTrue(ffmpeg.waitFor(60, TimeUnit.SECONDS), "ffmpeg did not finish");
            assertTrue(ffmpeg.exitValue() == 0, "ffmpeg failed: " + Files.readString(log));
        } finally {
            ffmpeg.destroyForcibly();
        }
    }

    private double problems(String camera, String kind) {
        Counter c = meters.find("vigil.ingest.problems").tags("camera", camera, "kind", kind).counter();
        return c == null ? 0 : c.count();
    }

    private static void awaitTrue(BooleanSupplier condition, int seconds, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for: " + what);
            Thread.sleep(50);
        }
    }
}
