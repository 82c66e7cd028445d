package io.vigil.ingest.rtsp.client;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.vigil.config.CameraId;
import io.vigil.config.Transport;
import io.vigil.ingest.rtsp.AudioPolicy;
import io.vigil.ingest.rtsp.CollectingListener;
import io.vigil.ingest.rtsp.GstRtspCamera;
import io.vigil.ingest.rtsp.LogCapture;
import io.vigil.ingest.stream.VideoTrack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Vigil pulls from Debian's gst-rtsp-server standing in for an IP camera. */
class GstreamerPullTest {
    private static EventLoopGroup group;

    @BeforeAll
    static void setUp() throws Exception {
        GstRtspCamera.assumeInstalled();
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    }

    @AfterAll
    static void tearDown() {
        if (group != null) group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private void pull(GstRtspCamera camera, Transport transport, String user, String password, String encoding) throws Exception {
        CollectingListener listener = new CollectingListener(100);
        PullOptions options = PullOptions.of(camera.url(), transport, user, password == null ? null : password.toCharArray())
                .withRtcpInterval(java.time.Duration.ofMillis(500));
        RtspPullSession session = new RtspPullSession(CameraId.of("gst-cam"), options, group, listener);
        try (LogCapture logs = new LogCapture(RtspPullSession.class)) {
            VideoTrack track = session.start().get(30, TimeUnit.SECONDS);
            assertEquals(encoding, track.encoding());
            assertEquals(96, track.payloadType());
            assertTrue(listener.awaitPackets(30), "expected 100 RTP packets, got " + listener.packets.get());
            assertTrue(listener.payloadTypes.stream().allMatch(pt -> pt == 96), "audio (pt 8) is never set up: " + listener.payloadTypes);
            assertTrue(logs.contains(AudioPolicy.LOG_LINE), "the audio track is mentioned once in the log");
            assertEquals(1, logs.messages().stream().filter(m -> m.contains(AudioPolicy.LOG_LINE)).count());
            session.close("test done");
            assertEquals("test done", session.ended().get(10, TimeUnit.SECONDS));
            assertTrue(listener.awaitEnd(5));
            assertEquals("test done", listener.ends.get(0));
        }
    }

    @Test
    void h264OverTcpWithDigest() throws Exception {
        try (GstRtspCamera camera = GstRtspCamera.start("h264", "digest", "admin", "cam-secret")) {
            pull(camera, Transport.TCP, "admin", "cam-secret", "H264");
        }
    }

    @Test
    void h264OverUdpWithDigest() throws Exception {
        try (GstRtspCamera camera = GstRtspCamera.start("h264", "digest", "admin", "cam-secret")) {
            pull(camera, Transport.UDP, "admin", "cam-secret", "H264");
        }
    }

    @Test
    void h265OverTcpWithBasic() throws Exception {
        try (GstRtspCamera camera = GstRtspCamera.start("h265", "basic", "admin", "cam-secret")) {
            pull(camera, Transport.TCP, "admin", "cam-secret", "H265");
        }
    }

    @Test
    void h264OverUdpWithoutAuth() throws Exception {
        try (GstRtspCamera camera = GstRtspCamera.start("h264", "none", "", "")) {
            pull(camera, Transport.UDP, null, null, "H264");
        }
    }

    @Test
    void wrongPasswordFailsWithAReasonInWords() throws Exception {
        try (GstRtspCamera camera = GstRtspCamera.start("h264", "digest", "admin", "cam-secret")) {
            CollectingListener listener = new CollectingListener(1);
            RtspPullSession session = new RtspPullSession(CameraId.of("gst-cam"),
                    PullOptions.of(camera.url(), Transport.TCP, "admin", "wrong".toCharArray()), group, listener);
            ExecutionException e = assertThrows(ExecutionException.class, () -> session.start().get(30, TimeUnit.SECONDS));
            assertEquals("rtsp.failure.credentialsRefused{method=DESCRIBE}", io.vigil.storage.Reason.readable(e.getCause().getMessage()));
            assertEquals("rtsp.failure.credentialsRefused{method=DESCRIBE}", io.vigil.storage.Reason.readable(session.ended().get(5, TimeUnit.SECONDS)));
            assertTrue(listener.starts.isEmpty() && listener.ends.isEmpty(), "the recorder never started");
        }
    }
}
