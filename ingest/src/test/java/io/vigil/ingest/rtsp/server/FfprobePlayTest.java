package io.vigil.ingest.rtsp.server;

import io.vigil.ingest.rtsp.ExternalProcess;
import io.vigil.ingest.stream.RtpSource;
import io.vigil.ingest.stream.StreamListener;
import io.vigil.ingest.stream.VideoTrack;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The play side against a real player: ffmpeg publishes to the server, a relay turns the
 * published session into an RtpSource, and Debian's ffprobe plays it with
 * DESCRIBE/SETUP/PLAY and must recognise the video.
 */
class FfprobePlayTest {
    /** Republishes what a publisher sends; test glue, not Vigil code. */
    private static final class Relay implements StreamListener, RtpSource {
        final List<Consumer<byte[]>> players = new CopyOnWriteArrayList<>();
        final CountDownLatch started = new CountDownLatch(1);
        volatile VideoTrack track;

        @Override
        public void onStart(VideoTrack t) {
            track = t;
            started.countDown();
        }

        @Override
        public void onRtp(byte[] packet) {
            for (Consumer<byte[]> p : players) p.accept(packet.clone());
        }

        @Override
        public void onEnd(String reason) {
        }

        @Override
        public VideoTrack track() {
            return track;
        }

        @Override
        public AutoCloseable subscribe(Consumer<byte[]> consumer) {
            players.add(consumer);
            return () -> players.remove(consumer);
        }
    }

    @Test
    void ffprobePlaysARegisteredSource() throws Exception {
        assumeTrue(ExternalProcess.executable("/usr/bin/ffmpeg") && ExternalProcess.executable("/usr/bin/ffprobe"), "ffmpeg/ffprobe not installed");
        Relay relay = new Relay();
        try (RtspServer server = new RtspServer(new InetSocketAddress("127.0.0.1", 0), id -> id.value().equals("cam1") ? "pw".toCharArray() : null,
                id -> relay, RtspServerOptions.DEFAULT, null)) {
            server.servePlayers(io.vigil.ingest.sim.RtspPlaySession.FACTORY);
            server.registerSource("relay", relay);
            int port = server.start().getPort();
            try (ExternalProcess ffmpeg = ExternalProcess.start(List.of("/usr/bin/ffmpeg", "-hide_banner", "-loglevel", "warning", "-nostdin",
                    "-re", "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=25", "-t", "30", "-c:v", "libx264", "-g", "25",
                    "-preset", "ultrafast", "-f", "rtsp", "-rtsp_transport", "tcp", "rtsp://pub:pw@127.0.0.1:" + port + "/cam1"))) {
                assertTrue(relay.started.await(30, TimeUnit.SECONDS), ffmpeg.output());
                try (ExternalProcess ffprobe = ExternalProcess.start(List.of("/usr/bin/ffprobe", "-v", "error", "-rtsp_transport", "tcp",
                        "-select_streams", "v:0", "-show_entries", "stream=codec_name,width,height", "-of", "csv=p=0",
                        "rtsp://127.0.0.1:" + port + "/relay"))) {
                    assertEquals(0, ffprobe.waitFor(Duration.ofSeconds(40).toSeconds()), ffprobe.output());
                    assertTrue(ffprobe.output().contains("h264,640,360"), ffprobe.output());
                }
            }
        }
    }
}
