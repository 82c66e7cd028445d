package io.vigil.ingest.supervisor;

import static io.vigil.ingest.supervisor.SupervisorTest.awaitTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vigil.config.CameraId;
import io.vigil.config.SecretRef;
import io.vigil.config.Transport;
import io.vigil.ingest.IngestService;
import io.vigil.ingest.rtsp.CollectingListener;
import io.vigil.ingest.rtsp.GstRtspCamera;
import io.vigil.ingest.rtsp.LogCapture;
import io.vigil.ingest.rtsp.SyntheticRtpSource;
import io.vigil.ingest.rtsp.server.RtspServer;
import io.vigil.ingest.rtsp.server.RtspServerOptions;
import io.vigil.ingest.stream.StreamListenerFactory;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two refusals a camera gives are answered differently from other failures (issue 10,
 * "Operations"): wrong credentials wait 15 minutes before the next attempt (a camera that
 * locks accounts after a few wrong ones is not locked), and a refused transport is tried
 * with the other one at once and said so; an attempt that never started a session writes no
 * "session ended" line. Real peers: gst-rtsp-server with Digest, and
 * Vigil's own RTSP server serving a source, which refuses UDP play with 461.
 */
class PullRefusalsTest {
    private static final SupervisorOptions FAST = new SupervisorOptions(Duration.ofSeconds(5), Duration.ofMillis(100),
            Duration.ofMillis(400), Duration.ofSeconds(2), Duration.ofSeconds(2), 1);

    @TempDir
    Path dir;
    private final Map<String, CollectingListener> listeners = new ConcurrentHashMap<>();

    private StreamListenerFactory factory() {
        return cameraId -> listeners.computeIfAbsent(cameraId.value(), k -> new CollectingListener(20));
    }

    @Test
    void aWrongPasswordIsRetriedOnlyAfterALongWait() throws Exception {
        GstRtspCamera.assumeInstalled();
        Path secret = dir.resolve("camera-password");
        Files.writeString(secret, "wrong\n");
        try (LogCapture sessionLog = new LogCapture(io.vigil.ingest.rtsp.client.RtspPullSession.class);
             GstRtspCamera camera = GstRtspCamera.start("h264", "digest", "admin", "right");
             IngestService ingest = new IngestService(TestConfigs.config(List.of(TestConfigs.pull("door", camera.url(), Transport.TCP,
                     "admin", SecretRef.file(secret))), null), factory(), new SimpleMeterRegistry(), Clock.systemUTC(), FAST,
                     RtspServerOptions.DEFAULT)) {
            ingest.start();
            awaitTrue(() -> ingest.states().get(CameraId.of("door")).state() == CameraState.State.FAILED, 30, "the refusal is the state");
            assertEquals("@rtsp.failure.credentialsRefused?method=DESCRIBE; retrying in 15 min"
                    + " (a long wait, so the camera does not lock the account)", ingest.states().get(CameraId.of("door")).reason());
            // The same as a code and arguments, which the gateway words in Korean or English.
            CameraState refused = ingest.states().get(CameraId.of("door"));
            assertEquals(CameraReason.CREDENTIALS, refused.reasonCode());
            java.time.Instant next = java.time.Instant.parse(refused.reasonArgs().get("nextAt"));
            assertTrue(Duration.between(java.time.Instant.now(), next).compareTo(Duration.ofMinutes(14)) > 0, refused.toString());
            // with the usual backoff (100-400 ms here) it would have tried again many times by now
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
            while (System.nanoTime() < until) {
                assertEquals(0, ingest.states().get(CameraId.of("door")).reconnects(), "no second attempt within the wait");
                Thread.sleep(100);
            }
            assertTrue(sessionLog.messages().stream().noneMatch(m -> m.contains("session ended")),
                    "a session that never started is not said to have ended: " + sessionLog.messages());
        }
    }

    @Test
    void aCameraThatRefusesUdpIsPulledOverTcpAndSaysSo() throws Exception {
        try (SyntheticRtpSource source = new SyntheticRtpSource(100);
             RtspServer camera = new RtspServer(new InetSocketAddress("127.0.0.1", 0), id -> null, id -> null, RtspServerOptions.DEFAULT, null);
             LogCapture log = new LogCapture(PullConnection.class)) {
            camera.servePlayers(io.vigil.ingest.sim.RtspPlaySession.FACTORY);
            camera.registerSource("lobby", source);
            String url = "rtsp://127.0.0.1:" + camera.start().getPort() + "/lobby";
            try (IngestService ingest = new IngestService(TestConfigs.config(List.of(TestConfigs.pull("lobby", url, Transport.UDP, null, null)),
                    null), factory(), new SimpleMeterRegistry(), Clock.systemUTC(), FAST, RtspServerOptions.DEFAULT)) {
                ingest.start();
                // The state turns RECORDING just before the media side is asked for its listener: wait for both.
                awaitTrue(() -> ingest.states().get(CameraId.of("lobby")).state() == CameraState.State.RECORDING && listeners.containsKey("lobby"), 20,
                        "recording over TCP");
                assertTrue(listeners.get("lobby").awaitPackets(10), "video arrives");
                assertTrue(log.contains("rtsp.failure.transportRefused{transport=UDP}; trying TCP instead of the configured UDP"),
                        log.messages().toString());
            }
        }
    }

    @Test
    void aCameraNothingAnswersAtSaysSoAsACodeWithItsAddressAndTheNextTry() throws Exception {
        // Port 1 on loopback: nothing listens, the connection is refused at once.
        try (IngestService ingest = new IngestService(TestConfigs.config(List.of(TestConfigs.pull("yard", "rtsp://127.0.0.1:1/yard", Transport.TCP,
                null, null)), null), factory(), new SimpleMeterRegistry(), Clock.systemUTC(), FAST, RtspServerOptions.DEFAULT)) {
            ingest.start();
            awaitTrue(() -> CameraReason.UNREACHABLE.equals(ingest.states().get(CameraId.of("yard")).reasonCode()), 20, "unreachable is its own code");
            CameraState s = ingest.states().get(CameraId.of("yard"));
            assertEquals(CameraState.State.FAILED, s.state());
            assertEquals("127.0.0.1", s.reasonArgs().get("host"));
            assertEquals("1", s.reasonArgs().get("port"));
            assertFalse(java.time.Instant.parse(s.reasonArgs().get("nextAt")).isBefore(java.time.Instant.now().minusSeconds(5)), s.toString());
            assertTrue(io.vigil.storage.Reason.readable(s.reason()).startsWith("rtsp.failure.cannotConnect{host=127.0.0.1, port=1, cause="),
                    "the failure as a code for the pages: " + s.reason());
        }
    }
}
