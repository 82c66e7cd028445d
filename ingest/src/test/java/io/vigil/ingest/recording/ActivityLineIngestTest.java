package io.vigil.ingest.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vigil.config.CameraId;
import io.vigil.ingest.rtsp.ExternalProcess;
import io.vigil.ingest.rtsp.server.RtspServer;
import io.vigil.ingest.rtsp.server.RtspServerOptions;
import io.vigil.storage.ActivitySample;
import io.vigil.storage.SegmentInfo;
import io.vigil.storage.SegmentStore;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The activity line from a real publisher: Debian's ffmpeg pushes 6 s of a still picture
 * (colour bars), then 4 s of a different, moving one (testsrc2), a keyframe every second,
 * in real time over RTSP to Vigil's server, recorded into the real store. The stored
 * activity is flat while the picture stands still and rises at the keyframe after the
 * change, 6 s after the footage starts.
 */
class ActivityLineIngestTest {
    private static final String FFMPEG = "/usr/bin/ffmpeg";
    private static final String CAMERA = "cam-activity";
    private static final int STILL_SECONDS = 6;

    @TempDir
    Path dir;
    private StoreFixture fx;
    private ExecutorService disk;
    private RtspServer server;
    private int port;

    @BeforeEach
    void start() throws Exception {
        assumeTrue(ExternalProcess.executable(FFMPEG), "ffmpeg is not installed at " + FFMPEG + " (apt-get install -y ffmpeg)");
        fx = new StoreFixture(dir, Instant.now());
        disk = Executors.newSingleThreadExecutor();
        // Footage time from the stream's own clock (as for a camera whose clock is right): on a busy machine ffmpeg's
        // -re sends in bursts, and bounding times by arrival (docs/time.md, tested elsewhere) would squeeze the still
        // part; here the scene must change exactly 6 s of footage after the start.
        CameraRecorders recorders = new CameraRecorders(fx.store.segments(), Duration.ofSeconds(1), fx.meters, Clock.systemUTC(), disk,
                CameraRecorders.DEFAULT_QUEUE_SEGMENTS, io.vigil.ingest.fmp4.Segmenter.UNBOUNDED_TIME);
        server = new RtspServer(new InetSocketAddress("127.0.0.1", 0), id -> CAMERA.equals(id.value()) ? "push-secret".toCharArray() : null,
                recorders, RtspServerOptions.DEFAULT, null);
        port = server.start().getPort();
    }

    @AfterEach
    void stop() {
        if (server != null) server.close();
        if (disk != null) disk.shutdownNow();
        if (fx != null) fx.close();
    }

    @Test
    void theStoredActivityRisesAtTheKeyframeAfterTheSceneChanges() throws Exception {
        String scene = "smptebars=size=640x360:rate=25:duration=" + STILL_SECONDS + "[a];"
                + "testsrc2=size=640x360:rate=25:duration=4[b];[a][b]concat=n=2:v=1:a=0[out0]";
        try (ExternalProcess ffmpeg = ExternalProcess.start(List.of(FFMPEG, "-hide_banner", "-loglevel", "warning", "-nostdin",
                "-re", "-f", "lavfi", "-i", scene, "-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency",
                "-g", "25", "-keyint_min", "25", "-sc_threshold", "0", "-bf", "0", "-pix_fmt", "yuv420p",
                "-f", "rtsp", "-rtsp_transport", "tcp", "rtsp://pub:push-secret@127.0.0.1:" + port + "/" + CAMERA))) {
            assertEquals(0, ffmpeg.waitFor(60), "ffmpeg publishes:\n" + ffmpeg.output());
        }
        SegmentStore store = fx.store.segments();
        Instant far = Instant.now().plusSeconds(60);
        poll(() -> "the footage's segments and their activity: " + store.list(CameraId.of(CAMERA), Instant.EPOCH, far).size() + " segments, "
                + store.activity(CameraId.of(CAMERA), Instant.EPOCH, far).size() + " samples, measures " + meter("measured") + " stored, "
                + meter("skipped") + " skipped, " + meter("failed") + " failed", () -> {
            List<SegmentInfo> segments = store.list(CameraId.of(CAMERA), Instant.EPOCH, far);
            if (segments.isEmpty()) return false;
            boolean all = Duration.between(segments.get(0).start(), segments.get(segments.size() - 1).end()).toMillis() >= 9_000;
            // every segment's keyframe but the session's first (nothing before it to compare with) is accounted for
            return all && meter("measured") + meter("skipped") + meter("failed") >= segments.size() - 1;
        });
        List<SegmentInfo> segments = store.list(CameraId.of(CAMERA), Instant.EPOCH, far);
        List<ActivitySample> line = store.activity(CameraId.of(CAMERA), Instant.EPOCH, far);
        Instant footageStart = segments.get(0).start();
        Instant change = footageStart.plusSeconds(STILL_SECONDS);
        String described = describe(footageStart, line);
        for (ActivitySample s : line) {
            if (s.time().isBefore(change.minusMillis(700))) {
                assertTrue(s.change() <= 20, "the still picture shows no activity: " + described);
            }
        }
        ActivitySample rise = line.stream().filter(s -> s.change() >= 500).findFirst()
                .orElseThrow(() -> new AssertionError("the new scene changes most of the picture: " + described));
        long offset = Duration.between(change, rise.time()).toMillis();
        assertTrue(offset >= -700 && offset <= 1300, "the rise is at the first keyframe after the change (" + offset + " ms): " + described);
        assertEquals(0, meter("failed"), "every keyframe decodes");
        assertTrue(line.size() >= segments.size() / 2, "at most a few keyframes skipped on a busy machine: " + described);
        // Each sample counted: the measure may still be finishing the last keyframe (it was
        // not awaited above), so compare a settled snapshot (count, stored samples, count).
        poll(() -> "each sample counted: " + meter("measured") + " measured, " + store.activity(CameraId.of(CAMERA), Instant.EPOCH, far).size()
                + " stored", () -> {
            double counted = meter("measured");
            int stored = store.activity(CameraId.of(CAMERA), Instant.EPOCH, far).size();
            return counted == stored && meter("measured") == counted;
        });
        assertTrue(fx.meters.get("vigil.ingest.activity.cpu").tag("camera", CAMERA).timer().count() >= line.size(),
                "the CPU cost of every keyframe measured is metered");
    }

    /** Polls {@code condition} every 100 ms (the measure runs on its own thread) until it holds or 30 s pass. */
    private static void poll(java.util.function.Supplier<String> what, java.util.function.BooleanSupplier condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for " + what.get());
            Thread.sleep(100);
        }
    }

    private double meter(String name) {
        return fx.meters.get("vigil.ingest.activity." + name).tag("camera", CAMERA).counter().count();
    }

    private static String describe(Instant start, List<ActivitySample> line) {
        StringBuilder b = new StringBuilder();
        for (ActivitySample s : line) b.append(Duration.between(start, s.time()).toMillis()).append("ms=").append(s.change()).append(' ');
        return b.toString();
    }
}
