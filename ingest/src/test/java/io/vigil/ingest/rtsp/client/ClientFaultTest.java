package io.vigil.ingest.rtsp.client;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.vigil.config.CameraId;
import io.vigil.config.Transport;
import io.vigil.ingest.rtsp.CollectingListener;
import io.vigil.ingest.rtsp.FakeCamera;
import io.vigil.ingest.rtsp.SyntheticRtpSource;
import io.vigil.ingest.rtsp.codec.FrameLimits;
import io.vigil.ingest.rtsp.server.RtspServer;
import io.vigil.ingest.rtsp.server.RtspServerOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pull client against cameras that misbehave; every failure must be a sentence, not a hang. */
class ClientFaultTest {
    private static EventLoopGroup group;

    @BeforeAll
    static void setUp() {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    }

    @AfterAll
    static void tearDown() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static String failureOf(PullOptions options) throws Exception {
        CollectingListener l = new CollectingListener(1);
        RtspPullSession s = new RtspPullSession(CameraId.of("cam"), options, group, l);
        ExecutionException e = assertThrows(ExecutionException.class, () -> s.start().get(20, TimeUnit.SECONDS));
        assertEquals(e.getCause().getMessage(), s.ended().get(5, TimeUnit.SECONDS));
        return e.getCause().getMessage();
    }

    @Test
    void malformedResponse() throws Exception {
        try (FakeCamera cam = new FakeCamera(FakeCamera.Behaviour.MALFORMED_RESPONSE)) {
            String why = failureOf(PullOptions.of(cam.url(), Transport.TCP, null, null));
            assertTrue(io.vigil.storage.Reason.readable(why).startsWith("rtsp.failure.malformedResponse{detail="), why);
        }
    }

    @Test
    void oversizedInterleavedFrameEndsTheSessionAndReportsTheGap() throws Exception {
        try (FakeCamera cam = new FakeCamera(FakeCamera.Behaviour.OVERSIZED_FRAME)) {
            CollectingListener l = new CollectingListener(1);
            RtspPullSession s = new RtspPullSession(CameraId.of("cam"),
                    PullOptions.of(cam.url(), Transport.TCP, null, null).withLimits(new FrameLimits(4096, 16384, 65536)), group, l);
            s.start().get(10, TimeUnit.SECONDS);
            String why = s.ended().get(10, TimeUnit.SECONDS);
            assertEquals("rtsp.failure.notRtsp{detail=interleaved frame of 65535 bytes on channel 0 exceeds the limit of 4096 bytes}", io.vigil.storage.Reason.readable(why));
            assertEquals(java.util.List.of(why), l.ends, "the media side hears of the end (gap)");
        }
    }

    @Test
    void silentCameraTimesOut() throws Exception {
        // The kernel accepts the connection; nobody ever answers.
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            String why = failureOf(PullOptions.of("rtsp://127.0.0.1:" + silent.getLocalPort() + "/x", Transport.TCP, null, null)
                    .withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(500)));
            assertTrue(io.vigil.storage.Reason.readable(why).startsWith("rtsp.failure.noAnswer{method=OPTIONS, seconds="), why);
        }
    }

    @Test
    void refusedConnection() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        String why = failureOf(PullOptions.of("rtsp://127.0.0.1:" + port + "/x", Transport.TCP, null, null));
        assertTrue(io.vigil.storage.Reason.readable(why).startsWith("rtsp.failure.cannotConnect{host=127.0.0.1, port=" + port), why);
    }

    @Test
    void followsARedirect() throws Exception {
        try (FakeCamera cam = new FakeCamera(FakeCamera.Behaviour.REDIRECT_ONCE)) {
            CollectingListener l = new CollectingListener(20);
            RtspPullSession s = new RtspPullSession(CameraId.of("cam"), PullOptions.of(cam.url(), Transport.TCP, null, null), group, l);
            var track = s.start().get(10, TimeUnit.SECONDS);
            assertEquals(cam.url() + "/moved/track1", track.control());
            assertTrue(l.awaitPackets(10));
            assertEquals(2, cam.connections.get(), "one connection per location");
            s.close("done");
            s.ended().get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void redirectsAreBounded() throws Exception {
        try (FakeCamera cam = new FakeCamera(FakeCamera.Behaviour.REDIRECT_LOOP)) {
            assertEquals("rtsp.failure.tooManyRedirects{count=3}", io.vigil.storage.Reason.readable(failureOf(PullOptions.of(cam.url(), Transport.TCP, null, null))));
            assertEquals(4, cam.connections.get(), "the first location and three redirects");
        }
    }

    @Test
    void keepAliveHoldsASessionWithAShortTimeout() throws Exception {
        try (FakeCamera cam = new FakeCamera(FakeCamera.Behaviour.SHORT_SESSION_TIMEOUT)) {
            // The camera drops a session after 3 s without a request; 2 s timeout means keep-alive each second.
            CollectingListener l = new CollectingListener(200); // 200 packets at 50/s: 4 s of video
            RtspPullSession s = new RtspPullSession(CameraId.of("cam"), PullOptions.of(cam.url(), Transport.TCP, null, null)
                    .withRtcpInterval(Duration.ofMillis(500)), group, l);
            s.start().get(10, TimeUnit.SECONDS);
            assertTrue(l.awaitPackets(15), "session outlived the camera's timeout: " + l.packets.get() + " packets, ends " + l.ends);
            assertTrue(l.ends.isEmpty(), l.ends.toString());
            assertTrue(cam.keepAlives.get() >= 3, "GET_PARAMETER keep-alives: " + cam.keepAlives.get());
            assertTrue(cam.receiverReports.get() >= 3, "RTCP receiver reports on channel 1: " + cam.receiverReports.get());
            s.close("done");
            s.ended().get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void pullsFromVigilsOwnServerAsCameraSimDoes() throws Exception {
        try (SyntheticRtpSource source = new SyntheticRtpSource(100);
             RtspServer server = new RtspServer(new InetSocketAddress("127.0.0.1", 0), id -> null, id -> null, RtspServerOptions.DEFAULT, null)) {
            server.servePlayers(io.vigil.ingest.sim.RtspPlaySession.FACTORY);
            server.registerSource("sim-1", source);
            int port = server.start().getPort();
            CollectingListener l = new CollectingListener(50);
            RtspPullSession s = new RtspPullSession(CameraId.of("sim-1"), PullOptions.of("rtsp://127.0.0.1:" + port + "/sim-1", Transport.TCP, null, null), group, l);
            assertEquals("H264", s.start().get(10, TimeUnit.SECONDS).encoding());
            assertTrue(l.awaitPackets(10));
            s.close("done");
            assertEquals("done", s.ended().get(5, TimeUnit.SECONDS));
            String udp = failureOf(PullOptions.of("rtsp://127.0.0.1:" + port + "/sim-1", Transport.UDP, null, null));
            assertEquals("rtsp.failure.transportRefused{transport=UDP}", io.vigil.storage.Reason.readable(udp));
        }
    }

    @Test
    void udpSessionSendsReceiverReportsToTheServersRtcpPort() throws Exception {
        try (FakeCamera cam = new FakeCamera(FakeCamera.Behaviour.UDP_STREAM)) {
            CollectingListener l = new CollectingListener(60);
            RtspPullSession s = new RtspPullSession(CameraId.of("cam"), PullOptions.of(cam.url(), Transport.UDP, null, null)
                    .withRtcpInterval(Duration.ofMillis(300)), group, l);
            s.start().get(10, TimeUnit.SECONDS);
            assertTrue(l.awaitPackets(15), "RTP over UDP arrives: " + l.packets.get());
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (cam.receiverReports.get() < 2 && System.nanoTime() < deadline) Thread.onSpinWait();
            assertTrue(cam.receiverReports.get() >= 2, "receiver reports at the camera's RTCP port: " + cam.receiverReports.get());
            s.close("done");
            assertEquals("done", s.ended().get(5, TimeUnit.SECONDS));
        }
    }
}
