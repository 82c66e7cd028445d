package io.vigil.ingest.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.vigil.config.CameraId;
import io.vigil.config.Transport;
import io.vigil.ingest.recording.CameraRecorders;
import io.vigil.ingest.rtsp.client.PullOptions;
import io.vigil.ingest.rtsp.client.RtspPullSession;
import io.vigil.ingest.rtsp.server.RtspServer;
import io.vigil.ingest.rtsp.server.RtspServerOptions;
import io.vigil.ingest.stream.RtpSource;
import io.vigil.ingest.stream.StreamListener;
import io.vigil.ingest.stream.VideoTrack;
import io.vigil.storage.SegmentInfo;
import io.vigil.storage.StoreOptions;
import io.vigil.storage.VigilStore;
import io.vigil.storage.VigilStores;
import io.vigil.storage.keys.KdfParameters;
import io.vigil.storage.keys.Keystore;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * camera-sim end to end: live synthetic cameras served by Vigil's RTSP server, checked by
 * Debian's ffprobe as a player and recorded by Vigil's own RTSP client and recorder into
 * the encrypted store.
 */
class SimulatorOverRtspTest {
    @TempDir
    Path dir;

    @Test
    void simulatedCameraIsPlayableAndRecordable() throws Exception {
        SimulatedCameraServer s = new SimulatedCameraServer();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        ExecutorService disk = Executors.newSingleThreadExecutor();
        char[] pass = "simulator test passphrase".toCharArray();
        Keystore.create(dir.resolve("keystore"), pass.clone(), new KdfParameters(1024, 1, 1), Clock.systemUTC());
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (CameraSimulator sim = new CameraSimulator(CameraSimulator.Mode.LIVE, new SimSettings(320, 180, 10, 10, 300_000), Clock.systemUTC());
             RtspServer server = s.server;
             VigilStore store = VigilStores.open(new StoreOptions(dir.resolve("data"), dir.resolve("keystore"), pass, Clock.systemUTC(), meters))) {
            List<RtpSource> cams = sim.start(2);
            assertEquals(2, cams.size());
            server.servePlayers(RtspPlaySession.FACTORY);
            for (var e : sim.cameras().entrySet()) server.registerSource(e.getKey().value(), e.getValue());
            InetSocketAddress addr = server.start();
            String url = "rtsp://127.0.0.1:" + addr.getPort() + "/cam02";

            // an independent player: ffprobe pulls over TCP and decodes
            Process probe = new ProcessBuilder("/usr/bin/ffprobe", "-v", "error", "-rtsp_transport", "tcp", "-read_intervals", "%+3",
                    "-count_frames", "-select_streams", "v:0", "-show_entries", "stream=codec_name,width,height,nb_read_frames",
                    "-of", "csv=p=0", url).redirectErrorStream(true).start();
            String out = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            assertTrue(probe.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, probe.exitValue(), out);
            String[] f = out.split(",");
            assertEquals("h264", f[0], out);
            assertEquals("320", f[1]);
            assertEquals("180", f[2]);
            assertTrue(Integer.parseInt(f[3].trim()) >= 10, out);

            // Vigil pulls it and records 2 s segments
            CameraRecorders factory = new CameraRecorders(store.segments(), Duration.ofSeconds(1), meters, Clock.systemUTC(), disk);
            RtspPullSession session = new RtspPullSession(CameraId.of("cam02"), PullOptions.of(url, Transport.TCP, null, null), group, factory.forCamera(CameraId.of("cam02")));
            VideoTrack track = session.start().get(20, TimeUnit.SECONDS);
            assertEquals("H264", track.encoding());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (meters.counter("vigil.ingest.segments.written", "camera", "cam02").count() < 2) {
                assertTrue(System.nanoTime() < deadline, "two segments recorded in time");
                Thread.onSpinWait();
                Thread.yield();
            }
            session.close("test over");
            session.ended().get(10, TimeUnit.SECONDS);
            List<SegmentInfo> infos = store.segments().list(CameraId.of("cam02"), Instant.now().minusSeconds(120), Instant.now().plusSeconds(60));
            assertTrue(infos.size() >= 2);
            Path file = dir.resolve("rec.mp4");
            Files.write(file, store.segments().read(infos.get(0).key()));
            Process p = new ProcessBuilder("/usr/bin/ffprobe", "-v", "error", "-count_frames", "-show_entries",
                    "stream=codec_name,width,nb_read_frames", "-of", "csv=p=0", file.toString()).redirectErrorStream(true).start();
            String rec = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertTrue(rec.startsWith("h264,320,"), rec);
            assertTrue(Integer.parseInt(rec.split(",")[2]) >= 10, rec);
            assertEquals(0, meters.counter("vigil.ingest.packets.lost", "camera", "cam02").count());
        } finally {
            disk.shutdownNow();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }

    /** The RTSP server with no push cameras: only serving the simulator. */
    private static final class SimulatedCameraServer {
        final RtspServer server = new RtspServer(new InetSocketAddress("127.0.0.1", 0), id -> null, id -> new StreamListener() {
            @Override public void onStart(VideoTrack track) {}
            @Override public void onRtp(byte[] packet) {}
            @Override public void onEnd(String reason) {}
        }, RtspServerOptions.DEFAULT, null);
    }
}
