package io.vigil.ingest.recording;

import io.vigil.ingest.stream.VideoTrack;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs Debian's ffmpeg as a real RTP sender ({@code -f rtp}) and captures what it sends
 * on a UDP socket on 127.0.0.1, with the SDP it writes.
 */
final class FfmpegRtp {
    record Capture(VideoTrack track, List<byte[]> packets) {}

    private FfmpegRtp() {}

    /**
     * @param codecArgs encoder arguments, e.g. {@code -c:v libx264 -bf 0 -g 25}
     */
    static Capture capture(Path workDir, String lavfiSource, int frames, List<String> codecArgs) throws Exception {
        Path sdp = workDir.resolve("stream-" + System.nanoTime() + ".sdp");
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            socket.setReceiveBufferSize(4 << 20);
            int port = socket.getLocalPort();
            List<String> cmd = new ArrayList<>(List.of("/usr/bin/ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin",
                    "-f", "lavfi", "-i", lavfiSource, "-frames:v", Integer.toString(frames), "-an"));
            cmd.addAll(codecArgs);
            cmd.addAll(List.of("-f", "rtp", "-sdp_file", sdp.toString(), "rtp://127.0.0.1:" + port + "?pkt_size=1200"));
            Process ffmpeg = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(workDir.resolve("ffmpeg-" + port + ".log").toFile()).start();
            List<byte[]> packets = new ArrayList<>();
            byte[] buf = new byte[65536];
            DatagramPacket dp = new DatagramPacket(buf, buf.length);
            socket.setSoTimeout(200);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline) {
                try {
                    socket.receive(dp);
                    packets.add(Arrays.copyOfRange(buf, dp.getOffset(), dp.getOffset() + dp.getLength()));
                } catch (SocketTimeoutException idle) {
                    if (!ffmpeg.isAlive()) break;
                }
            }
            if (!ffmpeg.waitFor(10, TimeUnit.SECONDS) || ffmpeg.exitValue() != 0) {
                ffmpeg.destroyForcibly();
                throw new IOException("ffmpeg failed: " + Files.readString(workDir.resolve("ffmpeg-" + port + ".log")));
            }
            return new Capture(parseSdp(Files.readString(sdp)), packets);
        }
    }

    /** Just enough SDP for a test: the first video m= section's rtpmap and fmtp. */
    static VideoTrack parseSdp(String sdp) {
        String encoding = null;
        int pt = -1;
        Map<String, String> fmtp = new HashMap<>();
        for (String line : sdp.split("\r?\n")) {
            if (line.startsWith("a=rtpmap:")) {
                String[] parts = line.substring(9).split("[ /]");
                pt = Integer.parseInt(parts[0]);
                encoding = parts[1].toUpperCase(Locale.ROOT);
            } else if (line.startsWith("a=fmtp:")) {
                String params = line.substring(line.indexOf(' ') + 1);
                for (String p : params.split(";")) {
                    int eq = p.indexOf('=');
                    if (eq > 0) fmtp.put(p.substring(0, eq).trim().toLowerCase(Locale.ROOT), p.substring(eq + 1).trim());
                }
            }
        }
        return new VideoTrack(encoding, pt, 90000, "streamid=0", fmtp);
    }
}
