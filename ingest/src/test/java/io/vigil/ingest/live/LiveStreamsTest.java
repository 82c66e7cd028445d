package io.vigil.ingest.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.config.CameraConfig;
import io.vigil.config.CameraId;
import io.vigil.config.ListenConfig;
import io.vigil.config.SecretRef;
import io.vigil.config.Transport;
import io.vigil.config.VigilConfig;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.vigil.ingest.rtsp.GstRtspCamera;
import io.vigil.ingest.rtsp.client.PullOptions;
import io.vigil.ingest.rtsp.client.RtspPullSession;
import io.vigil.storage.LiveViewer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * A camera's {@code liveUrl}: a second stream for the wall only, pulled from a real camera
 * stand-in (gst-rtsp-server) while a viewer watches and for the linger after, never
 * otherwise; a camera without one shows its recorded stream's pictures; while the live
 * stream fails the wall shows the recorded stream, and the live stream again once it is back.
 */
class LiveStreamsTest {
    private static VigilConfig config(CameraConfig... cameras) {
        return new VigilConfig("test", Path.of("/nonexistent"), Path.of("/nonexistent/keystore"), SecretRef.env("UNUSED"),
                null, Duration.ofSeconds(2), List.of(cameras), new ListenConfig(null, null, null), null, Map.of(), List.of());
    }

    private static void await(BooleanSupplier condition, int seconds, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for: " + what);
            Thread.sleep(50);
        }
    }

    @Test
    void theLiveStreamIsPulledOnlyWhileWatchedAndNeverFeedsTheRecording() throws Exception {
        GstRtspCamera.assumeInstalled();
        try (GstRtspCamera sub = GstRtspCamera.start("h264", "none", "", "")) {
            // the recorded stream's url is not reachable: only the live stream may bring pictures
            CameraConfig door = new CameraConfig(CameraId.of("door"), "Door", "test bench", CameraConfig.Source.PULL,
                    URI.create("rtsp://127.0.0.1:9/main"), Transport.TCP, null, null, null, URI.create(sub.url()));
            CameraConfig hall = new CameraConfig(CameraId.of("hall"), "Hall", "test bench", CameraConfig.Source.PULL,
                    URI.create("rtsp://127.0.0.1:9/hall"), Transport.TCP, null, null, null);
            LiveHub recorded = new LiveHub(Clock.systemUTC());
            try (LiveStreams streams = new LiveStreams(config(door, hall), recorded, Clock.systemUTC(), Duration.ofSeconds(1))) {
                assertFalse(streams.pullingLiveStream(CameraId.of("door")), "nobody watches: not pulled");
                LiveTapTest.Recording viewer = new LiveTapTest.Recording();
                AutoCloseable watching = streams.watch(CameraId.of("door"), viewer);
                assertTrue(streams.pullingLiveStream(CameraId.of("door")));
                await(() -> !viewer.inits.isEmpty() && viewer.pictures.size() >= 25, 30, "a second of live pictures");
                assertTrue(viewer.codecs.get(0).startsWith("avc1."), viewer.codecs.toString());
                assertEquals(0, recorded.tap(CameraId.of("door")).viewers(), "the recorded stream's tap is not used");
                assertEquals(0, recorded.tap(CameraId.of("door")).fragmentsBuilt(), "and nothing of the live stream reached it");

                watching.close();
                await(() -> !streams.pullingLiveStream(CameraId.of("door")), 10, "closed after the linger");
                int seen = viewer.pictures.size();
                Thread.sleep(500); // nothing may arrive once closed: a window, not a synchronisation
                assertEquals(seen, viewer.pictures.size(), "no pictures after the viewer left");

                LiveTapTest.Recording again = new LiveTapTest.Recording();
                try (AutoCloseable w = streams.watch(CameraId.of("door"), again)) {
                    await(() -> again.pictures.size() >= 10, 30, "pulled again for the next viewer");
                }

                LiveTapTest.Recording hallViewer = new LiveTapTest.Recording();
                try (AutoCloseable w = streams.watch(CameraId.of("hall"), hallViewer)) {
                    assertEquals(1, recorded.tap(CameraId.of("hall")).viewers(), "a camera without liveUrl shows the recorded stream");
                    assertFalse(streams.pullingLiveStream(CameraId.of("hall")));
                }
            }
        }
    }

    /** A viewer that notes the inits and which stream it is told it gets, in order, and counts pictures. */
    private static final class Watching implements LiveViewer {
        final List<String> events = Collections.synchronizedList(new ArrayList<>());
        final List<byte[]> pictures = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void source(LiveViewer.Source source) {
            events.add(source.name());
        }

        @Override
        public void init(byte[] initSegment, String codecs) {
            events.add("init");
        }

        @Override
        public void picture(byte[] fragment, boolean keyframe) {
            pictures.add(fragment);
        }
    }

    @Test
    void whileTheLiveStreamFailsTheWallShowsTheRecordedStreamAndTheLiveStreamWhenItIsBack() throws Exception {
        GstRtspCamera.assumeInstalled();
        EventLoopGroup loop = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        GstRtspCamera main = GstRtspCamera.start("h264", "none", "", "");
        GstRtspCamera sub = GstRtspCamera.start("h264", "none", "", "");
        LiveHub recorded = new LiveHub(Clock.systemUTC());
        // The recorded stream's pictures reach the recorder's tap as a real RTSP session delivers them.
        RtspPullSession recording = new RtspPullSession(CameraId.of("door"), PullOptions.of(main.url(), Transport.TCP, null, null), loop,
                new SubstreamPipeline(CameraId.of("door"), recorded.tap(CameraId.of("door"))));
        CameraConfig door = new CameraConfig(CameraId.of("door"), "Door", "test bench", CameraConfig.Source.PULL,
                URI.create(main.url()), Transport.TCP, null, null, null, URI.create(sub.url()));
        try (LiveStreams streams = new LiveStreams(config(door), recorded, Clock.systemUTC(), Duration.ofSeconds(1))) {
            recording.start();
            Watching viewer = new Watching();
            try (AutoCloseable w = streams.watch(CameraId.of("door"), viewer)) {
                await(() -> viewer.pictures.size() >= 25, 30, "a second of the live stream");
                assertEquals(List.of("init"), viewer.events, "the live stream, nothing else said");
                assertEquals(0, recorded.tap(CameraId.of("door")).viewers(), "the recorded stream is not watched while the live one works");

                int port = sub.port();
                sub.close(); // the camera's live stream goes away
                await(() -> viewer.events.contains("RECORDED_STREAM"), 30, "the fall back to the recorded stream");
                int atFallBack = viewer.pictures.size();
                await(() -> viewer.pictures.size() >= atFallBack + 25, 30, "a second of the recorded stream's pictures");
                int i = viewer.events.indexOf("RECORDED_STREAM");
                assertEquals("init", viewer.events.get(i + 1), "the recorded stream's init follows at once: " + viewer.events);
                assertEquals(1, recorded.tap(CameraId.of("door")).viewers(), "the tile watches the recorded stream");
                assertTrue(streams.pullingLiveStream(CameraId.of("door")), "the live stream is tried again meanwhile");

                sub = GstRtspCamera.start("h264", "none", "", "", port); // it comes back
                await(() -> viewer.events.contains("LIVE_STREAM"), 40, "back to the live stream");
                int j = viewer.events.lastIndexOf("LIVE_STREAM");
                assertEquals("init", viewer.events.get(j + 1), "with its own init: " + viewer.events);
                assertEquals(0, recorded.tap(CameraId.of("door")).viewers(), "the recorded stream is left");
                int atBack = viewer.pictures.size();
                await(() -> viewer.pictures.size() >= atBack + 25, 30, "the live stream's pictures again");
                assertEquals(List.of("init", "RECORDED_STREAM", "init", "LIVE_STREAM", "init"), viewer.events);
            }
        } finally {
            recording.close("test over");
            sub.close();
            main.close();
            loop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }
}
