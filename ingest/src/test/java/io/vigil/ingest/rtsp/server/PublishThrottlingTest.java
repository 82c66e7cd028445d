package io.vigil.ingest.rtsp.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.config.CameraId;
import io.vigil.ingest.rtsp.CollectingListener;
import io.vigil.ingest.rtsp.RawRtspConnection;
import io.vigil.ingest.rtsp.codec.FrameLimits;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Publish passwords cannot be guessed at line rate (issue 10: ~1,000 guesses a second
 * before): after five wrong ones from an address, each answer waits a growing delay; the
 * delay is scheduled, so the event loop answers other connections meanwhile; and it is a
 * delay, not a lock: the right password from another address gets in at once, and from the
 * guessing address once the delay is over.
 */
class PublishThrottlingTest {
    private static final CameraId CAM1 = CameraId.of("cam1");
    private static final String SDP = "v=0\r\no=- 0 0 IN IP4 127.0.0.1\r\ns=x\r\nt=0 0\r\n"
            + "m=video 0 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\na=control:streamid=0\r\n";
    private RtspServer server;
    private int port;

    @BeforeEach
    void start() throws Exception {
        server = new RtspServer(new InetSocketAddress("127.0.0.1", 0), id -> id.value().equals("cam1") ? "right".toCharArray() : null,
                id -> new CollectingListener(3), new RtspServerOptions(true, Duration.ofSeconds(60), FrameLimits.DEFAULT), null);
        port = server.start().getPort();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static String announce(int cseq, String password) {
        String basic = "Basic " + Base64.getEncoder().encodeToString(("pub:" + password).getBytes(StandardCharsets.UTF_8));
        return "ANNOUNCE rtsp://127.0.0.1/cam1 RTSP/1.0\r\nCSeq: " + cseq + "\r\nAuthorization: " + basic
                + "\r\nContent-Type: application/sdp\r\nContent-Length: " + SDP.length() + "\r\n\r\n" + SDP;
    }

    @Test
    void wrongPasswordsAreAnsweredWithGrowingDelaysWithoutHoldingTheEventLoop() throws Exception {
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(6);
        int answered = 0;
        long seventhAnswerNanos = 0; // the sixth is answered at once, its failure starts the 2 s delay
        while (System.nanoTime() < deadline) {
            try (RawRtspConnection c = new RawRtspConnection(port)) {
                for (int i = 1; i <= 3 && System.nanoTime() < deadline; i++) { // three wrong ones close a connection
                    long sent = System.nanoTime();
                    String r = c.write(announce(i, "guess" + answered)).readResponse();
                    assertTrue(r.startsWith("RTSP/1.0 401"), r);
                    answered++;
                    if (answered == PublishThrottle.FREE_FAILURES + 2) seventhAnswerNanos = System.nanoTime() - sent;
                }
            }
        }
        // 6 answered at once, then after 2 s and 4 s: at most 8 answers in 6 s (without the throttle: thousands)
        assertTrue(answered >= PublishThrottle.FREE_FAILURES && answered <= 8, answered + " wrong passwords answered in 6 s");
        assertTrue(seventhAnswerNanos >= TimeUnit.MILLISECONDS.toNanos(1900), "the seventh guess waited " + seventhAnswerNanos / 1e6 + " ms");

        // meanwhile a guess is waiting its delay: the same event loops answer others at once
        AtomicLong delayed = new AtomicLong();
        try (RawRtspConnection guesser = new RawRtspConnection(port);
             RawRtspConnection other = new RawRtspConnection(port, "127.0.0.2")) {
            long sent = System.nanoTime();
            guesser.write(announce(1, "another guess"));
            for (int i = 0; i < 20; i++) {
                String r = other.write("OPTIONS rtsp://127.0.0.1/cam1 RTSP/1.0\r\nCSeq: " + (i + 1) + "\r\n\r\n").readResponse();
                assertTrue(r.startsWith("RTSP/1.0 200"), r);
            }
            // the right password from another address is not held back by the guesses
            long before = System.nanoTime();
            String r = other.write(announce(30, "right")).readResponse();
            assertTrue(r.startsWith("RTSP/1.0 200"), r);
            assertTrue(System.nanoTime() - before < TimeUnit.SECONDS.toNanos(1), "the right password from another address waited");
            assertTrue(guesser.readResponse().startsWith("RTSP/1.0 401"));
            delayed.set(System.nanoTime() - sent);
        }
        assertTrue(delayed.get() >= TimeUnit.SECONDS.toNanos(3), "the next guess waited only " + delayed.get() / 1e6 + " ms");
    }

    @Test
    void theRightPasswordAfterGuessesGetsInOnceTheDelayIsOver() throws Exception {
        try (RawRtspConnection c = new RawRtspConnection(port)) {
            for (int i = 1; i <= 2; i++) assertTrue(c.write(announce(i, "typo" + i)).readResponse().startsWith("RTSP/1.0 401"));
        }
        for (int n = 0; n < PublishThrottle.FREE_FAILURES; n++) server.publishThrottle().failed(CAM1, "127.0.0.1");
        long remaining = server.publishThrottle().remainingNanos(CAM1, "127.0.0.1");
        assertTrue(remaining > 0, "a delay is in force");
        try (RawRtspConnection c = new RawRtspConnection(port)) {
            long sent = System.nanoTime();
            String r = c.write(announce(1, "right")).readResponse();
            assertEquals("RTSP/1.0 200 OK", r.lines().findFirst().orElseThrow(), r);
            assertTrue(System.nanoTime() - sent >= remaining - TimeUnit.MILLISECONDS.toNanos(100), "answered before the delay ended");
        }
        assertEquals(0, server.publishThrottle().remainingNanos(CAM1, "127.0.0.1") > 0 ? 1 : 0,
                "a success clears the counter of this camera at this address");
    }

    @Test
    void delaysGrowPerAddressAndPerCameraAndAreForgottenAfterAnHour() {
        AtomicLong now = new AtomicLong(1_000_000_000L);
        PublishThrottle t = new PublishThrottle(now::get);
        for (int i = 0; i < PublishThrottle.FREE_FAILURES; i++) t.failed(CAM1, "10.0.0.1");
        assertEquals(0, t.remainingNanos(CAM1, "10.0.0.1"), "five free");
        t.failed(CAM1, "10.0.0.1");
        assertEquals(TimeUnit.SECONDS.toNanos(2), t.remainingNanos(CAM1, "10.0.0.1"), "then 2^(n-5) s");
        t.failed(CAM1, "10.0.0.1");
        assertEquals(TimeUnit.SECONDS.toNanos(4), t.remainingNanos(CAM1, "10.0.0.1"));
        assertEquals(0, t.remainingNanos(CAM1, "10.0.0.2"), "another address is not held back");
        // many addresses guessing one camera: the camera-wide delay, capped at a minute, not at the encoder's own address
        t.succeeded(CAM1, "10.0.0.9");
        for (int a = 0; a < 40; a++) t.failed(CAM1, "10.1.0." + a);
        assertEquals(TimeUnit.SECONDS.toNanos(PublishThrottle.MAX_CAMERA_DELAY_SECONDS), t.remainingNanos(CAM1, "10.2.0.1"));
        assertEquals(0, t.remainingNanos(CAM1, "10.0.0.9"), "the camera's own address is not held back by others' guesses");
        now.addAndGet(TimeUnit.MINUTES.toNanos(61));
        assertEquals(0, t.remainingNanos(CAM1, "10.0.0.1"));
        t.failed(CAM1, "10.0.0.1");
        assertEquals(0, t.remainingNanos(CAM1, "10.0.0.1"), "counters idle for an hour start over");
    }
}
