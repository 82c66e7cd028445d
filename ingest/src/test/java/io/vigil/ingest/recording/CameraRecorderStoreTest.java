package io.vigil.ingest.recording;

import io.vigil.config.CameraId;
import io.vigil.ingest.fmp4.Segmenter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.storage.SegmentInfo;
import io.vigil.storage.SegmentStore;
import io.vigil.storage.Span;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ffmpeg's H.264 RTP through {@link CameraRecorder} into the real encrypted store, read back and probed. */
class CameraRecorderStoreTest {
    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    @TempDir
    Path dir;
    private StoreFixture fx;
    private ExecutorService disk;

    @BeforeEach
    void open() {
        fx = new StoreFixture(dir, T0);
        disk = Executors.newSingleThreadExecutor();
    }

    @AfterEach
    void close() {
        disk.shutdownNow();
        fx.close();
    }

    @Test
    void twoSessionsAreStoredPlayableWithAGapBetween() throws Exception {
        FfmpegRtp.Capture cap = FfmpegRtp.capture(dir, "testsrc2=size=640x360:rate=25", 150,
                List.of("-c:v", "libx264", "-preset", "ultrafast", "-bf", "0", "-g", "25"));
        CameraRecorders factory = new CameraRecorders(fx.store.segments(), Duration.ofSeconds(2), fx.meters, fx.clock, disk, CameraRecorders.DEFAULT_QUEUE_SEGMENTS, Segmenter.UNBOUNDED_TIME);
        CameraRecorder recorder = factory.recorder(CameraId.of("cam01"));
        assertTrue(factory.forCamera(CameraId.of("cam01")) == recorder, "one recorder per camera across sessions");

        recorder.onStart(cap.track());
        for (byte[] p : cap.packets()) recorder.onRtp(p.clone());
        recorder.onEnd("camera closed the connection");
        StoreFixture.await("3 segments", () -> written("cam01") >= 3);

        fx.clock.advance(Duration.ofSeconds(60));
        recorder.onStart(cap.track());
        for (byte[] p : cap.packets()) recorder.onRtp(p.clone());
        recorder.onEnd("teardown");
        StoreFixture.await("6 segments", () -> written("cam01") >= 6);

        SegmentStore store = fx.store.segments();
        List<SegmentInfo> infos = store.list(CameraId.of("cam01"), T0.minusSeconds(1), T0.plusSeconds(3600));
        assertEquals(6, infos.size());
        ByteArrayOutputStream concat = new ByteArrayOutputStream();
        long lastSeq = -1;
        Instant lastEnd = Instant.MIN;
        for (int i = 0; i < infos.size(); i++) {
            SegmentInfo info = infos.get(i);
            assertTrue(info.key().sequence() > lastSeq, "sequence increases");
            assertTrue(!info.start().isBefore(lastEnd), "segments do not overlap");
            assertEquals(2000, Duration.between(info.start(), info.end()).toMillis(), 5);
            lastSeq = info.key().sequence();
            lastEnd = info.end();
            byte[] fmp4 = store.read(info.key());
            Path file = dir.resolve("stored" + i + ".mp4");
            Files.write(file, fmp4);
            Ffprobe.Stream probe = Ffprobe.probe(file);
            assertEquals("h264", probe.codec());
            assertEquals(640, probe.width());
            assertEquals(50, probe.frames(), 1);
            assertEquals(2.0, probe.duration(), 0.05);
            concat.write(i == 0 ? fmp4 : MediaPipeline.withoutInit(fmp4));
        }
        Path all = dir.resolve("all.mp4");
        Files.write(all, concat.toByteArray());
        Ffprobe.Stream probe = Ffprobe.probe(all);
        assertEquals(300, probe.frames(), 1);
        assertEquals(12.0, probe.duration(), 0.1, "decode time continues across sessions");

        assertEquals(T0, infos.get(0).start(), "wall clock mapped at the first frame");
        assertEquals(T0.plusSeconds(60), infos.get(3).start(), "second session anchored at its own first frame");
        List<Span> timeline = store.timeline(CameraId.of("cam01"), T0, T0.plusSeconds(66));
        Span gap = timeline.stream().filter(s -> !s.recorded()).findFirst().orElseThrow();
        assertEquals(T0.plusSeconds(6), gap.start());
        assertEquals(T0.plusSeconds(60), gap.end());
        assertEquals("camera closed the connection", gap.gapReason());

        assertEquals(300, fx.meters.counter("vigil.ingest.frames", "camera", "cam01").count());
        assertEquals(0, fx.meters.counter("vigil.ingest.frames.lost", "camera", "cam01").count());
        assertEquals(6, fx.meters.timer("vigil.ingest.segment.durable.latency", "camera", "cam01").count());
        for (String gauge : List.of("vigil.ingest.bitrate.bps", "vigil.ingest.frame.rate", "vigil.ingest.last.frame.epoch.seconds")) {
            assertTrue(fx.meters.find(gauge).tag("camera", "cam01").gauge() != null, gauge + " registered");
        }
        assertEquals(T0.plusSeconds(60).getEpochSecond(),
                fx.meters.find("vigil.ingest.last.frame.epoch.seconds").tag("camera", "cam01").gauge().value(), 1.0);
    }

    private double written(String camera) {
        return fx.meters.counter("vigil.ingest.segments.written", "camera", camera).count();
    }

    @Test
    void h265IsStoredAndPlays() throws Exception {
        FfmpegRtp.Capture cap = FfmpegRtp.capture(dir, "testsrc2=size=640x360:rate=25", 100,
                List.of("-c:v", "libx265", "-preset", "ultrafast", "-x265-params", "bframes=0:keyint=25:min-keyint=25:scenecut=0:log-level=error"));
        CameraRecorders factory = new CameraRecorders(fx.store.segments(), Duration.ofSeconds(2), fx.meters, fx.clock, disk, CameraRecorders.DEFAULT_QUEUE_SEGMENTS, Segmenter.UNBOUNDED_TIME);
        CameraRecorder recorder = factory.recorder(CameraId.of("cam09"));
        recorder.onStart(cap.track());
        for (byte[] p : cap.packets()) recorder.onRtp(p.clone());
        recorder.onEnd("teardown");
        StoreFixture.await("2 segments", () -> written("cam09") >= 2);
        List<SegmentInfo> infos = fx.store.segments().list(CameraId.of("cam09"), T0.minusSeconds(1), T0.plusSeconds(60));
        assertEquals(2, infos.size());
        ByteArrayOutputStream concat = new ByteArrayOutputStream();
        for (int i = 0; i < infos.size(); i++) {
            byte[] fmp4 = fx.store.segments().read(infos.get(i).key());
            Path file = dir.resolve("h265-" + i + ".mp4");
            Files.write(file, fmp4);
            Ffprobe.Stream probe = Ffprobe.probe(file);
            assertEquals("hevc", probe.codec());
            assertEquals(640, probe.width());
            assertEquals(360, probe.height());
            assertEquals(50, probe.frames(), 1);
            assertEquals(2.0, probe.duration(), 0.05);
            concat.write(i == 0 ? fmp4 : MediaPipeline.withoutInit(fmp4));
        }
        Path all = dir.resolve("h265-all.mp4");
        Files.write(all, concat.toByteArray());
        Ffprobe.Stream probe = Ffprobe.probe(all);
        assertEquals("hevc", probe.codec());
        assertEquals(100, probe.frames(), 1);
        assertEquals(4.0, probe.duration(), 0.1);
    }
}
