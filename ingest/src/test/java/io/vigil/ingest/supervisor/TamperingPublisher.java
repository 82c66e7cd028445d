package io.vigil.ingest.supervisor;

import io.vigil.ingest.rtsp.RawRtspConnection;
import io.vigil.ingest.rtsp.auth.ClientAuthenticator;
import io.vigil.ingest.sim.RtpPacketizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongUnaryOperator;

/**
 * A publisher that lies about time: it sends real H.264 pictures (libx264 through Debian's
 * ffmpeg, as an Annex B file) to Vigil's RTSP server with ANNOUNCE, SETUP (TCP
 * interleaved), RECORD and Digest credentials, at the real picture rate (25 a second),
 * but with the RTP timestamp of picture {@code i} given by a function the test chooses:
 * stepping ahead, stepping back, jumping. Test code: blocking socket, one thread.
 */
final class TamperingPublisher {
    static final int FPS = 25;
    private static final String SDP = "v=0\r\no=- 0 0 IN IP4 127.0.0.1\r\ns=tamper\r\nt=0 0\r\n"
            + "m=video 0 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\na=fmtp:96 packetization-mode=1\r\na=control:streamid=0\r\n";

    private TamperingPublisher() {}

    /** Encodes {@code frames} pictures (keyframe every second, SPS/PPS before each) and returns them as NAL units per picture. */
    static List<List<byte[]>> encode(Path dir, int frames) throws Exception {
        Path out = dir.resolve("tamper.h264");
        Process ffmpeg = new ProcessBuilder("/usr/bin/ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin", "-y",
                "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=" + FPS, "-frames:v", Integer.toString(frames),
                "-c:v", "libx264", "-preset", "ultrafast", "-bf", "0", "-g", Integer.toString(FPS),
                "-x264-params", "repeat-headers=1", "-bsf:v", "h264_metadata=aud=insert", "-f", "h264", out.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("encode.log").toFile()).start();
        if (!ffmpeg.waitFor(60, TimeUnit.SECONDS) || ffmpeg.exitValue() != 0) {
            throw new IOException("ffmpeg failed: " + Files.readString(dir.resolve("encode.log")));
        }
        return pictures(Files.readAllBytes(out));
    }

    /** Splits an Annex B stream at its start codes and groups the NAL units into pictures at each access unit delimiter. */
    private static List<List<byte[]>> pictures(byte[] annexB) {
        List<List<byte[]>> pictures = new ArrayList<>();
        List<byte[]> current = null;
        int i = 0;
        int start = -1;
        while (i <= annexB.length) {
            boolean startCode = i + 3 <= annexB.length && annexB[i] == 0 && annexB[i + 1] == 0 && annexB[i + 2] == 1;
            if (startCode || i == annexB.length) {
                if (start >= 0) {
                    int end = i;
                    while (end > start && annexB[end - 1] == 0) end--; // the zero of a 4-byte start code
                    byte[] nal = java.util.Arrays.copyOfRange(annexB, start, end);
                    if ((nal[0] & 0x1F) == 9) {
                        current = new ArrayList<>();
                        pictures.add(current);
                    } else if (current != null) {
                        current.add(nal);
                    }
                }
                if (i == annexB.length) break;
                i += 3;
                start = i;
            } else {
                i++;
            }
        }
        return pictures;
    }

    /**
     * Publishes {@code pictures} to {@code camera}, picture {@code i} sent at {@code i / 25} s
     * after the start with RTP timestamp {@code timestamps(i)} (90 kHz, before wrapping), then
     * sends TEARDOWN and closes.
     *
     * @return when the first picture was sent (the handshake before it may take a while on a busy machine)
     */
    static java.time.Instant publish(int port, String camera, String password, List<List<byte[]>> pictures, LongUnaryOperator timestamps)
            throws Exception {
        String url = "rtsp://127.0.0.1:" + port + "/" + camera;
        ClientAuthenticator auth = new ClientAuthenticator("publisher", password.toCharArray());
        try (RawRtspConnection c = new RawRtspConnection(port)) {
            String announce = "ANNOUNCE " + url + " RTSP/1.0\r\nCSeq: 1\r\nContent-Type: application/sdp\r\nContent-Length: "
                    + SDP.length() + "\r\n";
            String r = c.write(announce + "\r\n" + SDP).readResponse();
            if (!r.startsWith("RTSP/1.0 401")) throw new IOException("expected a challenge: " + r);
            List<String> challenges = r.lines().filter(l -> l.regionMatches(true, 0, "WWW-Authenticate:", 0, 17))
                    .map(l -> l.substring(17).trim()).toList();
            if (!auth.accept(challenges)) throw new IOException("no usable challenge: " + r);
            r = c.write(announce.replace("CSeq: 1", "CSeq: 2") + "Authorization: " + auth.authorization("ANNOUNCE", url) + "\r\n\r\n" + SDP)
                    .readResponse();
            if (!r.startsWith("RTSP/1.0 200")) throw new IOException("ANNOUNCE refused: " + r);
            String session = r.lines().filter(l -> l.startsWith("Session:")).findFirst().orElseThrow().substring(8).split(";")[0].trim();
            String setupUrl = url + "/streamid=0";
            r = c.write("SETUP " + setupUrl + " RTSP/1.0\r\nCSeq: 3\r\nSession: " + session + "\r\nAuthorization: "
                    + auth.authorization("SETUP", setupUrl) + "\r\nTransport: RTP/AVP/TCP;unicast;interleaved=0-1;mode=record\r\n\r\n")
                    .readResponse();
            if (!r.startsWith("RTSP/1.0 200")) throw new IOException("SETUP refused: " + r);
            r = c.write("RECORD " + url + " RTSP/1.0\r\nCSeq: 4\r\nSession: " + session + "\r\nAuthorization: "
                    + auth.authorization("RECORD", url) + "\r\n\r\n").readResponse();
            if (!r.startsWith("RTSP/1.0 200")) throw new IOException("RECORD refused: " + r);
            RtpPacketizer packetizer = new RtpPacketizer(false, 96, 0x5EED, 1000, 1400, true);
            long start = System.nanoTime();
            java.time.Instant firstSent = java.time.Instant.now();
            for (int i = 0; i < pictures.size(); i++) {
                // paces the sender to the real picture rate (a camera's rhythm), not a wait for a result
                long due = start + TimeUnit.MILLISECONDS.toNanos(1000L * i / FPS);
                long wait = due - System.nanoTime();
                if (wait > 0) TimeUnit.NANOSECONDS.sleep(wait);
                for (byte[] packet : packetizer.packetize(pictures.get(i), timestamps.applyAsLong(i) & 0xFFFF_FFFFL)) {
                    c.frame(0, packet);
                }
            }
            c.write("TEARDOWN " + url + " RTSP/1.0\r\nCSeq: 5\r\nSession: " + session + "\r\nAuthorization: "
                    + auth.authorization("TEARDOWN", url) + "\r\n\r\n");
            return firstSent;
        }
    }
}
