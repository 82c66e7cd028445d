package io.vigil.ingest.rtsp.server;

import io.vigil.config.CameraId;
import io.vigil.ingest.rtsp.CollectingListener;
import io.vigil.ingest.rtsp.ExternalProcess;
import io.vigil.ingest.rtsp.LogCapture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Debian's ffmpeg publishes to Vigil's RTSP server, as an encoder on site would. */
class FfmpegPushTest {
    private static final String FFMPEG = "/usr/bin/ffmpeg";
    private static final Map<String, String> PASSWORDS = Map.of("cam1", "s3cret-pass", "cam2", "other-pass");

    private final Map<String, CollectingListener> listeners = new ConcurrentHashMap<>();
    private final List<String> errors = new CopyOnWriteArrayList<>();
    private RtspServer server;
    private int port;

    @BeforeEach
    void startServer() throws Exception {
        assumeTrue(ExternalProcess.executable(FFMPEG), "ffmpeg is not installed at " + FFMPEG + " (apt-get install -y ffmpeg)");
        start(RtspServerOptions.DEFAULT);
    }

    private void start(RtspServerOptions options) throws InterruptedException {
        if (server != null) server.close();
        server = new RtspServer(new InetSocketAddress("127.0.0.1", 0),
                id -> PASSWORDS.containsKey(id.value()) ? PASSWORDS.get(id.value()).toCharArray() : null,
                id -> listeners.computeIfAbsent(id.value(), k -> new CollectingListener(100)),
                options, (camera, what) -> errors.add(camera + ": " + what));
        port = server.start().getPort();
    }

    @AfterEach
    void stopServer() {
        if (server != null) server.close();
    }

    private ExternalProcess push(String codec, String transport, String userInfo, String path, int frames) throws Exception {
        return ExternalProcess.start(List.of(FFMPEG, "-hide_banner", "-loglevel", "warning", "-nostdin",
                "-re", "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=25",
                "-frames:v", String.valueOf(frames), "-c:v", codec, "-g", "25", "-preset", "ultrafast",
                "-f", "rtsp", "-rtsp_transport", transport,
                "rtsp://" + userInfo + "127.0.0.1:" + port + "/" + path));
    }

    private void assertPushed(String codec, String transport, String encoding) throws Exception {
        try (ExternalProcess ffmpeg = push(codec, transport, "pub:s3cret-pass@", "cam1", 75)) {
            int exit = ffmpeg.waitFor(60);
            CollectingListener l = listeners.get("cam1");
            assertEquals(0, exit, "ffmpeg should publish successfully:\n" + ffmpeg.output());
            assertTrue(l != null && l.awaitEnd(10), "session should end after ffmpeg's TEARDOWN");
            assertEquals(1, l.starts.size());
            assertEquals(encoding, l.starts.get(0).encoding());
            assertEquals(90000, l.starts.get(0).clockRate());
            assertTrue(l.starts.get(0).control().startsWith("rtsp://127.0.0.1:" + port + "/cam1"), l.starts.get(0).control());
            assertTrue(l.packets.get() >= 75, "expected at least one RTP packet per frame, got " + l.packets.get());
            assertTrue(l.payloadTypes.stream().allMatch(pt -> pt == l.starts.get(0).payloadType()), "only video RTP is delivered");
            assertFalse(server.publishing(CameraId.of("cam1")), "the camera is free again after TEARDOWN");
        }
    }

    @Test
    void h264OverTcpWithDigest() throws Exception {
        assertPushed("libx264", "tcp", "H264");
    }

    @Test
    void h264OverUdp() throws Exception {
        assertPushed("libx264", "udp", "H264");
    }

    @Test
    void h265OverTcp() throws Exception {
        assertPushed("libx265", "tcp", "H265");
    }

    @Test
    void h265OverUdp() throws Exception {
        assertPushed("libx265", "udp", "H265");
    }

    @Test
    void basicCredentialsWorkWhenAllowed() throws Exception {
        start(new RtspServerOptions(true, Duration.ofSeconds(60), io.vigil.ingest.rtsp.codec.FrameLimits.DEFAULT));
        assertPushed("libx264", "tcp", "H264");
    }

    @Test
    void wrongPasswordIsRefusedWith401() throws Exception {
        try (LogCapture logs = new LogCapture(RtspSessionHandler.class);
             ExternalProcess ffmpeg = push("libx264", "tcp", "pub:wrong@", "cam1", 25)) {
            int exit = ffmpeg.waitFor(30);
            assertNotEquals(0, exit, "ffmpeg must fail with a wrong password");
            assertTrue(ffmpeg.output().contains("401"), ffmpeg.output());
            assertTrue(logs.contains("publish refused with 401"), logs.messages().toString());
            assertFalse(logs.messages().stream().anyMatch(m -> m.contains("wrong@") || m.contains("s3cret")), "no password in the log");
            assertTrue(errors.stream().anyMatch(e -> e.startsWith("cam1: publish refused")), errors.toString());
            assertTrue(listeners.isEmpty(), "nothing recorded");
        }
    }

    @Test
    void missingCredentialIsRefused() throws Exception {
        try (ExternalProcess ffmpeg = push("libx264", "tcp", "", "cam1", 25)) {
            assertNotEquals(0, ffmpeg.waitFor(30));
            assertTrue(ffmpeg.output().contains("401"), ffmpeg.output());
            assertTrue(listeners.isEmpty());
        }
    }

    @Test
    void unknownCameraIsRefusedWith404() throws Exception {
        try (ExternalProcess ffmpeg = push("libx264", "tcp", "pub:s3cret-pass@", "no-such-camera", 25)) {
            assertNotEquals(0, ffmpeg.waitFor(30));
            assertTrue(ffmpeg.output().contains("404"), ffmpeg.output());
            assertTrue(listeners.isEmpty());
        }
    }

    @Test
    void secondPublisherIsRefusedWith455() throws Exception {
        try (ExternalProcess first = push("libx264", "tcp", "pub:s3cret-pass@", "cam1", 2500)) {
            CollectingListener l = awaitListener("cam1");
            assertTrue(l.awaitPackets(30), "first publisher delivers");
            try (ExternalProcess second = push("libx264", "tcp", "pub:s3cret-pass@", "cam1", 25)) {
                assertNotEquals(0, second.waitFor(30));
                assertTrue(second.output().contains("455"), second.output());
            }
            assertTrue(first.alive(), "the first publisher keeps publishing");
        }
    }

    private CollectingListener awaitListener(String id) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            CollectingListener l = listeners.get(id);
            if (l != null) return l;
            Thread.onSpinWait();
            Thread.yield();
        }
        throw new AssertionError("no session for " + id + " within 30 s");
    }
}
