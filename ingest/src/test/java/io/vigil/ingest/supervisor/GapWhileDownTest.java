package io.vigil.ingest.supervisor;

import static io.vigil.ingest.supervisor.SupervisorTest.awaitTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.config.CameraId;
import io.vigil.storage.Reason;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vigil.config.SecretRef;
import io.vigil.config.Transport;
import io.vigil.ingest.IngestService;
import io.vigil.ingest.recording.RecordedGaps;
import io.vigil.ingest.recording.CameraRecorders;
import io.vigil.ingest.rtsp.ExternalProcess;
import io.vigil.ingest.rtsp.GstRtspCamera;
import io.vigil.ingest.rtsp.server.RtspServerOptions;
import io.vigil.storage.SegmentInfo;
import io.vigil.storage.Span;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A camera that goes down has its gap stored with the reason while it is down, not only
 * once it returns — against real peers: Debian's ffmpeg publishing (frozen with SIGSTOP
 * and thawed with SIGCONT, the connection staying open) and gst-rtsp-server as a pulled
 * camera that is killed and later started again on the same port. Recording goes through
 * the real recorder into the real encrypted store; every wait polls a condition with a
 * deadline.
 */
class GapWhileDownTest extends RecordingStoreTest {
    private RecordedGaps gaps;

    @BeforeEach
    void watchGaps() {
        gaps = new RecordedGaps(store.segments());
    }

    private CameraRecorders recorders() {
        return new CameraRecorders(gaps.store(), Duration.ofSeconds(2), meters, Clock.systemUTC(), disk);
    }

    private double written(String camera) {
        return meters.counter("vigil.ingest.segments.written", "camera", camera).count();
    }

    private List<SegmentInfo> segments(String camera) {
        return store.segments().list(CameraId.of(camera), Instant.now().minusSeconds(600), Instant.now().plusSeconds(600));
    }

    private List<Span> timeline(String camera) {
        return store.segments().timeline(CameraId.of(camera), Instant.now().minusSeconds(600), Instant.now().plusSeconds(600));
    }

    /** The stored gap with this reason prefix, if the timeline shows one. */
    private Optional<Span> gapStartingWith(String camera, String reasonPrefix) {
        return timeline(camera).stream().filter(s -> !s.recorded() && s.gapReason() != null && s.gapReason().startsWith(reasonPrefix)).findFirst();
    }

    private static void signal(long pid, String signal) throws Exception {
        Process kill = new ProcessBuilder("/bin/kill", "-" + signal, Long.toString(pid)).redirectErrorStream(true).start();
        assertTrue(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0, "kill -" + signal + " " + pid);
    }

    /** Gap rows as the index holds them: per start, the last write; none may overlap another. */
    private void assertGapRowsDoNotOverlap(String camera) {
        Map<Instant, RecordedGaps.Call> rows = new LinkedHashMap<>();
        for (RecordedGaps.Call c : gaps.calls(camera)) rows.put(c.from(), c);
        List<RecordedGaps.Call> sorted = new ArrayList<>(rows.values());
        sorted.sort(Comparator.comparing(RecordedGaps.Call::from));
        for (int i = 1; i < sorted.size(); i++) {
            assertTrue(!sorted.get(i).from().isBefore(sorted.get(i - 1).to()), "overlapping gap rows: " + sorted);
        }
    }

    @Test
    void aSilentPublisherEndsItsRecordingAtTheStallTimeoutAndResumesOnTheSameConnection() throws Exception {
        assumeTrue(ExternalProcess.executable("/usr/bin/ffmpeg"), "ffmpeg is not installed at /usr/bin/ffmpeg");
        assumeTrue(ExternalProcess.executable("/bin/kill"), "/bin/kill is needed to freeze ffmpeg");
        Path secret = dir.resolve("publish-secret");
        Files.writeString(secret, "door-pass\n");
        var config = TestConfigs.config(List.of(TestConfigs.push("door", SecretRef.file(secret))), new InetSocketAddress("127.0.0.1", 0));
        // 3 s stall timeout; the RTSP session timeout stays at its 60 s default.
        SupervisorOptions options = new SupervisorOptions(Duration.ofSeconds(3), Duration.ofMillis(200), Duration.ofSeconds(1),
                Duration.ofSeconds(2), Duration.ofSeconds(2), 1);
        String silent = Reason.of("gap.reason.publisherSilent", "seconds", 3).encode(); // stored as a code the pages word
        Process ffmpeg = null;
        Path ffmpegLog = dir.resolve("ffmpeg.log");
        try (IngestService ingest = new IngestService(config, recorders(), meters, Clock.systemUTC(), options, RtspServerOptions.DEFAULT)) {
            ingest.start();
            ffmpeg = new ProcessBuilder("/usr/bin/ffmpeg", "-hide_banner", "-loglevel", "warning", "-nostdin",
                    "-re", "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25", "-c:v", "libx264", "-g", "25", "-bf", "0",
                    "-preset", "ultrafast", "-tune", "zerolatency",
                    "-f", "rtsp", "-rtsp_transport", "tcp", "rtsp://pub:door-pass@127.0.0.1:" + ingest.rtspAddress().getPort() + "/door")
                    .redirectErrorStream(true).redirectOutput(ffmpegLog.toFile()).start();
            awaitTrue(() -> written("door") >= 2, 30, "two segments from the publisher");

            signal(ffmpeg.pid(), "STOP"); // silent, connection open
            long stoppedAt = System.nanoTime();
            awaitTrue(() -> gapStartingWith("door", silent).isPresent(), 30, "the gap is stored with its reason");
            double secondsToGap = (System.nanoTime() - stoppedAt) / 1e9;
            assertTrue(secondsToGap < 15, "gap stored " + secondsToGap + " s after the publisher went silent, not at the 60 s RTSP timeout");
            assertEquals(CameraState.State.STALLED, ingest.states().get(CameraId.of("door")).state());
            Span gap = gapStartingWith("door", silent).orElseThrow();
            List<SegmentInfo> before = segments("door");
            assertEquals(before.get(before.size() - 1).end(), gap.start(), "the gap starts where the last stored (partial) segment ends");
            awaitTrue(() -> gapStartingWith("door", silent).orElseThrow().end().isAfter(gap.end().plusSeconds(3)), 20,
                    "the gap is kept current while the publisher stays silent");

            signal(ffmpeg.pid(), "CONT");
            int segmentsBefore = before.size();
            awaitTrue(() -> segments("door").size() >= segmentsBefore + 2, 30, "a new recording on the same connection");
            assertTrue(ffmpeg.isAlive(), "ffmpeg kept its connection: " + Files.readString(ffmpegLog));
            assertEquals(CameraState.State.RECORDING, ingest.states().get(CameraId.of("door")).state());
            SegmentInfo firstAfter = segments("door").get(segmentsBefore);
            awaitTrue(() -> gapStartingWith("door", silent).orElseThrow().end().equals(firstAfter.start()), 10,
                    "the gap ends where footage resumes");

            List<Span> around = timeline("door").stream()
                    .filter(s -> !s.end().isBefore(gap.start()) && !s.start().isAfter(firstAfter.end())).toList();
            assertEquals(3, around.size(), around.toString());
            assertTrue(around.get(0).recorded() && around.get(2).recorded(), around.toString());
            assertEquals(Span.gap(gap.start(), firstAfter.start(), silent), around.get(1));
            List<Instant> stallRowStarts = gaps.calls("door").stream().filter(c -> c.reason().startsWith(silent))
                    .map(RecordedGaps.Call::from).distinct().toList();
            assertEquals(List.of(gap.start()), stallRowStarts, "one row for the stall gap, rewritten in place");
            assertGapRowsDoNotOverlap("door");
        } finally {
            if (ffmpeg != null) {
                ffmpeg.destroyForcibly();
                ffmpeg.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void aPulledCameraThatIsGoneHasAGrowingGapWithTheFailureUntilItIsBackAndVigilStopsCleanly() throws Exception {
        GstRtspCamera.assumeInstalled();
        GstRtspCamera camera = GstRtspCamera.start("h264", "none", "", "");
        int port = camera.port();
        var config = TestConfigs.config(List.of(TestConfigs.pull("ward", camera.url(), Transport.TCP, null, null)), null);
        SupervisorOptions options = new SupervisorOptions(Duration.ofSeconds(2), Duration.ofMillis(200), Duration.ofSeconds(1),
                Duration.ofSeconds(2), Duration.ofSeconds(2), 1);
        IngestService ingest = new IngestService(config, recorders(), meters, Clock.systemUTC(), options, RtspServerOptions.DEFAULT);
        try {
            ingest.start();
            awaitTrue(() -> written("ward") >= 2, 30, "two segments from the camera");

            camera.close(); // gone for good, as far as Vigil can tell
            camera = null;
            awaitTrue(() -> gapStartingWith("ward", "").map(g -> Reason.readable(g.gapReason())
                            .contains("latest=rtsp.failure.cannotConnect{host=127.0.0.1, port=" + port))
                    .orElse(false), 30, "the gap says the camera refuses connections");
            Span gap = gapStartingWith("ward", "").orElseThrow();
            assertTrue(Reason.readable(gap.gapReason()).contains("cause=rtsp.failure.refused"), Reason.readable(gap.gapReason()));
            List<SegmentInfo> before = segments("ward");
            assertEquals(before.get(before.size() - 1).end(), gap.start(), "the gap starts where the last stored segment ends");
            assertTrue(Duration.between(gap.end(), Instant.now()).toSeconds() < 10, "the gap reaches about now: " + gap);
            awaitTrue(() -> gapStartingWith("ward", "").orElseThrow().end().isAfter(gap.end().plusSeconds(4)), 20,
                    "the gap grows while the camera stays down");
            awaitTrue(() -> ingest.states().get(CameraId.of("ward")).state() == CameraState.State.FAILED, 10, "camera shown FAILED");

            camera = GstRtspCamera.start("h264", "none", "", "", port); // back on the same port
            int segmentsBefore = before.size();
            awaitTrue(() -> segments("ward").size() >= segmentsBefore + 2, 40, "recording again");
            SegmentInfo firstAfter = segments("ward").get(segmentsBefore);
            awaitTrue(() -> gapStartingWith("ward", "").orElseThrow().end().equals(firstAfter.start()), 10,
                    "the gap ends where footage resumes");
            // The spans touching the gap: the footage before it, the gap, the first footage after it. A span
            // that only begins where that first segment ends (the camera stalling again just after it came
            // back, seen once under load) is a later event, not part of this gap.
            List<Span> around = timeline("ward").stream()
                    .filter(s -> !s.end().isBefore(gap.start()) && s.start().isBefore(firstAfter.end())).toList();
            assertEquals(3, around.size(), around.toString());
            assertEquals(Span.gap(gap.start(), firstAfter.start(), around.get(1).gapReason()), around.get(1));
            Instant firstStored = before.get(0).start();
            assertEquals(List.of(gap.start()), gaps.rowStarts("ward").stream().filter(t -> t.isAfter(firstStored)).toList(),
                    "one gap row, rewritten in place");

            // Down again, and Vigil stops cleanly meanwhile: the open gap ends at the stop, its reason kept.
            camera.close();
            camera = null;
            awaitTrue(() -> gaps.rowStarts("ward").stream().filter(t -> t.isAfter(firstStored)).count() == 2
                    && Reason.readable(gaps.calls("ward").get(gaps.calls("ward").size() - 1).reason()).contains("latest=rtsp.failure.cannotConnect"), 30,
                    "a second outage, stored");
            List<SegmentInfo> all = segments("ward");
            ingest.close();
            Instant stoppedAt = Instant.now();
            disk.shutdown();
            assertTrue(disk.awaitTermination(30, TimeUnit.SECONDS));
            RecordedGaps.Call last = gaps.calls("ward").get(gaps.calls("ward").size() - 1);
            assertEquals(all.get(all.size() - 1).end(), last.from(), "the second gap starts at the last segment's end");
            assertTrue(Reason.readable(last.reason()).startsWith("gap.reason.since{") && Reason.readable(last.reason()).contains("latest=rtsp.failure.cannotConnect"),
                    Reason.readable(last.reason()));
            assertTrue(!last.to().isAfter(stoppedAt) && last.to().isAfter(stoppedAt.minusSeconds(3)), last + " ends at the stop " + stoppedAt);
            assertGapRowsDoNotOverlap("ward");
        } finally {
            ingest.close();
            if (camera != null) closeQuietly(camera);
        }
    }

    private static void closeQuietly(GstRtspCamera camera) {
        try {
            camera.close();
        } catch (IOException ignored) {
            // a temp script left behind is harmless
        }
    }
}
