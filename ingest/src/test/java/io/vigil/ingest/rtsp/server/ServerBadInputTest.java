package io.vigil.ingest.rtsp.server;

import io.netty.channel.DefaultChannelPipeline;
import io.vigil.config.CameraId;
import io.vigil.ingest.rtsp.CollectingListener;
import io.vigil.ingest.rtsp.LogCapture;
import io.vigil.ingest.rtsp.RawRtspConnection;
import io.vigil.ingest.rtsp.SyntheticRtpSource;
import io.vigil.ingest.rtsp.codec.FrameLimits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Malformed, truncated, oversized and garbage input: 400 and close, never an escaped exception. */
class ServerBadInputTest {
    private static final String SDP = "v=0\r\no=- 0 0 IN IP4 127.0.0.1\r\ns=x\r\nt=0 0\r\n"
            + "m=video 0 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\na=control:streamid=0\r\n"
            + "m=audio 0 RTP/AVP 97\r\na=rtpmap:97 MPEG4-GENERIC/44100/2\r\na=control:streamid=1\r\n";
    private static final String BASIC = "Basic " + Base64.getEncoder().encodeToString("pub:pw".getBytes(StandardCharsets.UTF_8));

    private final Map<String, CollectingListener> listeners = new ConcurrentHashMap<>();
    private final List<String> errors = new CopyOnWriteArrayList<>();
    private RtspServer server;
    private int port;
    private LogCapture pipelineLog;

    @BeforeEach
    void start() throws Exception {
        pipelineLog = new LogCapture(DefaultChannelPipeline.class);
        server = new RtspServer(new InetSocketAddress("127.0.0.1", 0),
                id -> id.value().equals("cam1") ? "pw".toCharArray() : null,
                id -> listeners.computeIfAbsent(id.value(), k -> new CollectingListener(3)),
                new RtspServerOptions(true, Duration.ofSeconds(60), new FrameLimits(2048, 1024, 4096)),
                (c, e) -> errors.add(c + ": " + e));
        server.servePlayers(io.vigil.ingest.sim.RtspPlaySession.FACTORY);
        server.registerSource("sim", new SyntheticRtpSource(50));
        port = server.start().getPort();
    }

    @AfterEach
    void stop() {
        server.close();
        assertTrue(pipelineLog.messages().isEmpty(), "no exception may reach the end of the pipeline: " + pipelineLog.messages());
        pipelineLog.close();
    }

    private void assert400AndClose(byte[] input) throws Exception {
        try (RawRtspConnection c = new RawRtspConnection(port)) {
            c.write(input);
            String r = c.readResponse();
            assertTrue(r.startsWith("RTSP/1.0 400 Bad Request\r\n"), r);
            assertTrue(c.closedByPeer(), "connection closed after 400");
        }
        assertServerStillWorks();
    }

    private void assert400AndClose(String input) throws Exception {
        assert400AndClose(input.getBytes(StandardCharsets.ISO_8859_1));
    }

    private void assertServerStillWorks() throws Exception {
        try (RawRtspConnection c = new RawRtspConnection(port)) {
            String r = c.write("OPTIONS rtsp://127.0.0.1/cam1 RTSP/1.0\r\nCSeq: 7\r\n\r\n").readResponse();
            assertTrue(r.startsWith("RTSP/1.0 200 OK\r\n") && r.contains("CSeq: 7") && r.contains("ANNOUNCE"), r);
        }
    }

    @Test
    void garbageBytes() throws Exception {
        assert400AndClose(new byte[] {(byte) 0xC3, 0x28, 0x00, (byte) 0xFF, 0x10});
    }

    @Test
    void requestLineWithoutUriAndVersion() throws Exception {
        assert400AndClose("ANNOUNCE\r\nCSeq: 1\r\n\r\n");
    }

    @Test
    void httpInsteadOfRtsp() throws Exception {
        assert400AndClose("GET / HTTP/1.1\r\nHost: x\r\nCSeq: 1\r\n\r\n");
    }

    @Test
    void missingCSeq() throws Exception {
        assert400AndClose("OPTIONS rtsp://127.0.0.1/cam1 RTSP/1.0\r\n\r\n");
    }

    @Test
    void contentLengthNotANumber() throws Exception {
        assert400AndClose("ANNOUNCE rtsp://127.0.0.1/cam1 RTSP/1.0\r\nCSeq: 1\r\nContent-Length: lots\r\n\r\n");
    }

    @Test
    void bodyLargerThanAllowed() throws Exception {
        assert400AndClose("ANNOUNCE rtsp://127.0.0.1/cam1 RTSP/1.0\r\nCSeq: 1\r\nContent-Length: 999999\r\n\r\n");
    }

    @Test
    void headerLargerThanAllowed() throws Exception {
        assert400AndClose("OPTIONS rtsp://127.0.0.1/cam1 RTSP/1.0\r\nCSeq: 1\r\nX-Pad: " + "a".repeat(2000));
    }

    @Test
    void oversizedInterleavedFrame() throws Exception {
        assert400AndClose(new byte[] {'$', 0, 0x10, 0x00, 1, 2, 3});
    }

    @Test
    void unknownMethodIs501AndTheConnectionStays() throws Exception {
        try (RawRtspConnection c = new RawRtspConnection(port)) {
            String r = c.write("FROBNICATE rtsp://127.0.0.1/cam1 RTSP/1.0\r\nCSeq: 3\r\n\r\n").readResponse();
            assertTrue(r.startsWith("RTSP/1.0 501 Not Implemented"), r);
            r = c.write("OPTIONS rtsp://127.0.0.1/cam1 RTSP/1.0\r\nCSeq: 4\r\n\r\n").readResponse();
            assertTrue(r.startsWith("RTSP/1.0 200 OK") && r.contains("CSeq: 4"), r);
        }
    }

    @Test
    void malformedSdpIs400AndNamesTheLine() throws Exception {
        try (LogCapture log = new LogCapture(RtspSessionHandler.class);
             RawRtspConnection c = new RawRtspConnection(port)) {
            String body = "v=0\r\nm=video zero RTP/AVP 96\r\n";
            c.write("ANNOUNCE rtsp://127.0.0.1/cam1 RTSP/1.0\r\nCSeq: 1\r\nAuthorization: " + BASIC
                    + "\r\nContent-Type: application/sdp\r\nContent-Length: " + body.length() + "\r\n\r\n" + body);
            assertTrue(c.readResponse().startsWith("RTSP/1.0 400"));
            assertTrue(c.closedByPeer());
            assertTrue(log.contains("SDP line 2: port \"zero\" is not a number"), log.messages().toString());
        }
    }

    @Test
    void sdpWithoutVideoIs415() throws Exception {
        try (RawRtspConnection c = new RawRtspConnection(port)) {
            String body = "v=0\r\nm=audio 0 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";
            String r = c.write("ANNOUNCE rtsp://127.0.0.1/cam1 RTSP/1.0\r\nCSeq: 1\r\nAuthorization: " + BASIC
                    + "\r\nContent-Length: " + body.length() + "\r\n\r\n" + body).readResponse();
            assertTrue(r.startsWith("RTSP/1.0 415"), r);
        }
    }

    /** A publisher that sends three packets and then half a frame before vanishing. */
    @Test
    void truncatedFrameAtDisconnectEndsTheSessionCleanly() throws Exception {
        try (LogCapture log = new LogCapture(RtspSessionHandler.class);
             RawRtspConnection c = new RawRtspConnection(port)) {
            String r = c.write("ANNOUNCE rtsp://127.0.0.1/cam1 RTSP/1.0\r\nCSeq: 1\r\nAuthorization: " + BASIC
                    + "\r\nContent-Type: application/sdp\r\nContent-Length: " + SDP.length() + "\r\n\r\n" + SDP).readResponse();
            assertTrue(r.startsWith("RTSP/1.0 200"), r);
            String session = r.lines().filter(l -> l.startsWith("Session:")).findFirst().orElseThrow().substring(8).split(";")[0].trim();
            r = c.write("SETUP rtsp://127.0.0.1/cam1/streamid=0 RTSP/1.0\r\nCSeq: 2\r\nSession: " + session
                    + "\r\nTransport: RTP/AVP/TCP;unicast;interleaved=0-1;mode=record\r\n\r\n").readResponse();
            assertTrue(r.contains("interleaved=0-1"), r);
            r = c.write("SETUP rtsp://127.0.0.1/cam1/streamid=1 RTSP/1.0\r\nCSeq: 3\r\nSession: " + session
                    + "\r\nTransport: RTP/AVP/TCP;unicast;interleaved=2-3;mode=record\r\n\r\n").readResponse();
            assertTrue(r.startsWith("RTSP/1.0 200"), "audio SETUP is accepted (ffmpeg insists) " + r);
            r = c.write("RECORD rtsp://127.0.0.1/cam1 RTSP/1.0\r\nCSeq: 4\r\nSession: " + session + "\r\n\r\n").readResponse();
            assertTrue(r.startsWith("RTSP/1.0 200"), r);
            c.frame(0, SyntheticRtpSource.packet(1, 100));
            c.frame(2, new byte[] {(byte) 0x80, 97, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1}); // audio: dropped
            c.frame(1, new byte[] {(byte) 0x80, (byte) 200, 0, 6}); // RTCP: dropped
            c.frame(0, SyntheticRtpSource.packet(2, 100));
            c.frame(0, SyntheticRtpSource.packet(3, 100));
            c.write(new byte[] {'$', 0, 0x05, (byte) 0xDC, (byte) 0x80, 96, 0});
            CollectingListener l = listeners.get("cam1");
            assertTrue(l.awaitPackets(10));
            c.close();
            assertTrue(l.awaitEnd(10));
            assertEquals(3, l.packets.get(), "only the three video packets reach the listener");
            assertEquals(List.of("rtsp.publish.disconnected"), l.ends.stream().map(io.vigil.storage.Reason::readable).toList());
            assertTrue(log.contains("audio track ignored: audio is never recorded (PIPA Art. 25(5))"));
            assertTrue(!server.publishing(CameraId.of("cam1")));
        }
    }

    @Test
    void playOfASourceOverTcpAndUdpRefusedWith461() throws Exception {
        try (RawRtspConnection c = new RawRtspConnection(port)) {
            String r = c.write("DESCRIBE rtsp://127.0.0.1/sim RTSP/1.0\r\nCSeq: 1\r\n\r\n").readResponse();
            assertTrue(r.startsWith("RTSP/1.0 200") && r.contains("a=rtpmap:96 H264/90000") && r.contains("Content-Base: rtsp://127.0.0.1/sim/"), r);
            r = c.write("SETUP rtsp://127.0.0.1/sim/trackID=0 RTSP/1.0\r\nCSeq: 2\r\nTransport: RTP/AVP;unicast;client_port=5000-5001\r\n\r\n").readResponse();
            assertTrue(r.startsWith("RTSP/1.0 461"), r);
            r = c.write("DESCRIBE rtsp://127.0.0.1/nothing RTSP/1.0\r\nCSeq: 3\r\n\r\n").readResponse();
            assertTrue(r.startsWith("RTSP/1.0 404"), r);
        }
    }

    @Test
    void aPortInUseIsAClearError() {
        RtspServer second = new RtspServer(new InetSocketAddress("127.0.0.1", port), id -> null, id -> null, RtspServerOptions.DEFAULT, null);
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, second::start);
        assertTrue(e.getMessage().startsWith("cannot listen for RTSP on /127.0.0.1:" + port + ": "), e.getMessage());
        second.close();
    }

    @Test
    void threeWrongPasswordsOnOneConnectionCloseIt() throws Exception {
        String wrong = "Basic " + Base64.getEncoder().encodeToString("pub:guess".getBytes(StandardCharsets.UTF_8));
        try (RawRtspConnection c = new RawRtspConnection(port)) {
            for (int i = 1; i <= 3; i++) {
                String r = c.write("ANNOUNCE rtsp://127.0.0.1/cam1 RTSP/1.0\r\nCSeq: " + i + "\r\nAuthorization: " + wrong
                        + "\r\nContent-Length: " + SDP.length() + "\r\n\r\n" + SDP).readResponse();
                assertTrue(r.startsWith("RTSP/1.0 401") && r.contains("WWW-Authenticate: Digest"), r);
            }
            assertTrue(c.closedByPeer(), "closed after the third wrong password");
        }
        assertEquals(3, errors.stream().filter(e -> e.equals("cam1: publish refused: wrong password")).count(), errors.toString());
    }
}
