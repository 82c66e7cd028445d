package io.vigil.ingest.supervisor;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vigil.config.CameraId;
import io.vigil.config.SecretRef;
import io.vigil.config.Transport;
import io.vigil.ingest.IngestService;
import io.vigil.ingest.rtsp.CollectingListener;
import io.vigil.ingest.rtsp.ExternalProcess;
import io.vigil.ingest.rtsp.GstRtspCamera;
import io.vigil.ingest.rtsp.LogCapture;
import io.vigil.ingest.rtsp.server.RtspServerOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.vigil.ingest.supervisor.SupervisorTest.awaitTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** IngestService end to end with real peers: a push camera fed by ffmpeg and a pull camera served by gst-rtsp-server. */
class IngestServiceTest {
    private final Map<String, List<CollectingListener>> sessions = new ConcurrentHashMap<>();

    private CollectingListener listenerFor(CameraId id) {
        String camera = id.value();
        CollectingListener l = new CollectingListener(50);
        sessions.computeIfAbsent(camera, k -> new CopyOnWriteArrayList<>()).add(l);
        return l;
    }

    @Test
    void pushCameraGoesIdleRecordingIdle(@TempDir Path dir) throws Exception {
        assumeTrue(ExternalProcess.executable("/usr/bin/ffmpeg"), "ffmpeg is not installed at /usr/bin/ffmpeg");
        Path secret = dir.resolve("publish-secret");
        Files.writeString(secret, "door-cam-pass\n");
        var config = TestConfigs.config(List.of(TestConfigs.push("door", SecretRef.file(secret))), new InetSocketAddress("127.0.0.1", 0));
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (LogCapture logs = new LogCapture(io.vigil.ingest.rtsp.server.RtspServer.class);
             IngestService ingest = new IngestService(config, this::listenerFor, meters, Clock.systemUTC())) {
            ingest.start();
            assertEquals(CameraState.State.IDLE, ingest.states().get(CameraId.of("door")).state());
            int port = ingest.rtspAddress().getPort();
            List<CameraState.State> seen = new CopyOnWriteArrayList<>();
            try (ExternalProcess ffmpeg = ExternalProcess.start(List.of("/usr/bin/ffmpeg", "-hide_banner", "-loglevel", "warning", "-nostdin",
                    "-re", "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25", "-frames:v", "50", "-c:v", "libx264", "-g", "25",
                    "-preset", "ultrafast", "-f", "rtsp", "-rtsp_transport", "tcp", "rtsp://pub:door-cam-pass@127.0.0.1:" + port + "/door"))) {
                awaitTrue(() -> {
                    CameraState.State s = ingest.states().get(CameraId.of("door")).state();
                    if (seen.isEmpty() || seen.get(seen.size() - 1) != s) seen.add(s);
                    return s == CameraState.State.RECORDING;
                }, 30, "push camera records");
                assertEquals(0, ffmpeg.waitFor(60), ffmpeg.output());
            }
            awaitTrue(() -> ingest.states().get(CameraId.of("door")).state() == CameraState.State.IDLE, 10, "push camera idle again");
            CameraState state = ingest.states().get(CameraId.of("door"));
            assertEquals("rtsp.publish.teardown", io.vigil.storage.Reason.readable(state.reason()));
            assertTrue(state.lastFrame() != null);
            CollectingListener l = sessions.get("door").get(0);
            assertEquals(List.of("rtsp.publish.teardown"), l.ends.stream().map(io.vigil.storage.Reason::readable).toList());
            assertTrue(meters.get("vigil.ingest.rtp.packets").tag("camera", "door").counter().count() >= 50);
            assertTrue(meters.get("vigil.ingest.rtp.bytes").tag("camera", "door").counter().count() > 10_000);
            assertFalse(logs.messages().stream().anyMatch(m -> m.contains("door-cam-pass")), "the password is never logged");
        }
    }

    @Test
    void pullCameraWithDigestOverUdpFromGstreamer() throws Exception {
        GstRtspCamera.assumeInstalled();
        try (GstRtspCamera camera = GstRtspCamera.start("h264", "digest", "viewer", "pull-pass")) {
            Path secret = Files.createTempFile("vigil-pull", ".secret");
            try {
                Files.writeString(secret, "pull-pass");
                var config = TestConfigs.config(List.of(TestConfigs.pull("ward-3", camera.url(), Transport.UDP, "viewer", SecretRef.file(secret))), null);
                try (IngestService ingest = new IngestService(config, this::listenerFor, new SimpleMeterRegistry(), Clock.systemUTC())) {
                    ingest.start();
                    awaitTrue(() -> ingest.states().get(CameraId.of("ward-3")).state() == CameraState.State.RECORDING, 30, "pull camera records");
                    awaitTrue(() -> sessions.get("ward-3").get(0).packets.get() >= 50, 30, "RTP arrives");
                    assertEquals("H264", sessions.get("ward-3").get(0).starts.get(0).encoding());
                }
                // close() ends the session: the media side hears of it, so the gap is recorded.
                assertEquals(List.of("gap.reason.vigilStopped"), sessions.get("ward-3").get(0).ends.stream().map(io.vigil.storage.Reason::readable).toList());
            } finally {
                Files.deleteIfExists(secret);
            }
        }
    }

    @Test
    void silentPublisherIsMarkedStalledAndUnknownPathsAreRefused() throws Exception {
        SupervisorOptions fast = new SupervisorOptions(java.time.Duration.ofSeconds(1), java.time.Duration.ofMillis(100),
                java.time.Duration.ofMillis(400), java.time.Duration.ofSeconds(2), java.time.Duration.ofSeconds(2), 1);
        String sdp = "v=0\r\nm=video 0 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\na=control:streamid=0\r\n";
        String basic = "Basic " + java.util.Base64.getEncoder().encodeToString("u:gate-pass".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        var withSecret = TestConfigs.config(List.of(TestConfigs.push("gate", SecretRef.file(writeSecret("gate-pass")))), new InetSocketAddress("127.0.0.1", 0));
        try (IngestService ingest = new IngestService(withSecret, this::listenerFor, meters, Clock.systemUTC(), fast,
                new RtspServerOptions(true, java.time.Duration.ofSeconds(60), io.vigil.ingest.rtsp.codec.FrameLimits.DEFAULT));
             var c = openRaw(ingest)) {
            ingest.start();
            var raw = c.get();
            String r = raw.write("ANNOUNCE rtsp://127.0.0.1/gate RTSP/1.0\r\nCSeq: 1\r\nAuthorization: " + basic
                    + "\r\nContent-Length: " + sdp.length() + "\r\n\r\n" + sdp).readResponse();
            assertTrue(r.startsWith("RTSP/1.0 200"), r);
            r = raw.write("SETUP rtsp://127.0.0.1/gate/streamid=0 RTSP/1.0\r\nCSeq: 2\r\nTransport: RTP/AVP/TCP;unicast;interleaved=0-1;mode=record\r\n\r\n").readResponse();
            assertTrue(r.startsWith("RTSP/1.0 200"), r);
            r = raw.write("RECORD rtsp://127.0.0.1/gate RTSP/1.0\r\nCSeq: 3\r\n\r\n").readResponse();
            assertTrue(r.startsWith("RTSP/1.0 200"), r);
            raw.frame(0, io.vigil.ingest.rtsp.SyntheticRtpSource.packet(1, 200));
            awaitTrue(() -> ingest.states().get(CameraId.of("gate")).lastFrame() != null, 10, "first packet counted");
            awaitTrue(() -> ingest.states().get(CameraId.of("gate")).state() == CameraState.State.STALLED, 10, "silent publisher is stalled");
            assertEquals("stalled: the publisher sent no video for 1 s", ingest.states().get(CameraId.of("gate")).reason());
            raw.frame(0, io.vigil.ingest.rtsp.SyntheticRtpSource.packet(2, 200));
            awaitTrue(() -> ingest.states().get(CameraId.of("gate")).state() == CameraState.State.RECORDING, 10, "recording again when video resumes");
            try (var other = new io.vigil.ingest.rtsp.RawRtspConnection(ingest.rtspAddress().getPort())) {
                r = other.write("ANNOUNCE rtsp://127.0.0.1/not-a-camera RTSP/1.0\r\nCSeq: 1\r\nAuthorization: " + basic
                        + "\r\nContent-Length: " + sdp.length() + "\r\n\r\n" + sdp).readResponse();
                assertTrue(r.startsWith("RTSP/1.0 404"), r);
            }
            assertTrue(meters.get("vigil.ingest.rtsp.errors").tag("camera", "gate").counter().count() >= 1, "the stall is counted");
            assertTrue(meters.find("vigil.ingest.rtsp.errors").tag("camera", "not-a-camera").counters().isEmpty(), "no meters for unknown paths");
        }
    }

    private static Path writeSecret(String value) throws java.io.IOException {
        Path p = Files.createTempFile("vigil-secret", ".txt");
        p.toFile().deleteOnExit();
        Files.writeString(p, value);
        return p;
    }

    /** Opens a raw connection lazily (after start()), closing it with the try block. */
    private static LazyRaw openRaw(IngestService ingest) {
        return new LazyRaw(ingest);
    }

    private static final class LazyRaw implements AutoCloseable {
        private final IngestService ingest;
        private io.vigil.ingest.rtsp.RawRtspConnection raw;

        LazyRaw(IngestService ingest) {
            this.ingest = ingest;
        }

        io.vigil.ingest.rtsp.RawRtspConnection get() throws java.io.IOException {
            if (raw == null) raw = new io.vigil.ingest.rtsp.RawRtspConnection(ingest.rtspAddress().getPort());
            return raw;
        }

        @Override
        public void close() throws java.io.IOException {
            if (raw != null) raw.close();
        }
    }

    @Test
    void unreadablePasswordFileIsAFailureInWords() throws Exception {
        var config = TestConfigs.config(List.of(TestConfigs.pull("lobby", "rtsp://127.0.0.1:9/x", Transport.TCP, "admin",
                SecretRef.file(Path.of("/nonexistent/vigil/lobby.secret")))), null);
        SupervisorOptions fast = new SupervisorOptions(java.time.Duration.ofSeconds(1), java.time.Duration.ofMillis(100),
                java.time.Duration.ofMillis(400), java.time.Duration.ofSeconds(2), java.time.Duration.ofSeconds(2), 1);
        try (IngestService ingest = new IngestService(config, this::listenerFor, new SimpleMeterRegistry(), Clock.systemUTC(), fast, RtspServerOptions.DEFAULT)) {
            ingest.start();
            awaitTrue(() -> ingest.states().get(CameraId.of("lobby")).state() == CameraState.State.FAILED, 10, "camera fails");
            String reason = ingest.states().get(CameraId.of("lobby")).reason();
            assertTrue(io.vigil.storage.Reason.readable(reason).startsWith("gap.reason.passwordUnreadable{detail=config.secret.fileMissing{file=/nonexistent/vigil/lobby.secret"), reason);
            assertTrue(reason.contains("; retrying in "), reason);
            assertTrue(sessions.isEmpty(), "no session was started");
        }
    }
}
