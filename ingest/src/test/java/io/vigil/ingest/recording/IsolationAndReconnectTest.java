package io.vigil.ingest.recording;

import io.vigil.config.CameraId;
import io.vigil.ingest.fmp4.Segmenter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.storage.SegmentInfo;
import io.vigil.storage.Span;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A flooding camera fills only its own disk queue; a camera that keeps reconnecting keeps a clean timeline. */
class IsolationAndReconnectTest {
    private static final Instant T0 = Instant.parse("2026-11-25T13:00:00Z");

    @RegisterExtension
    static final CameraTestBed bed = new CameraTestBed("320x240", T0);

    @TempDir
    Path dir;
    private StoreFixture fx;

    @BeforeEach
    void open() {
        fx = bed.store();
    }

    /** Holds disk work until released, like a disk that has stalled. */
    private static final class StalledDisk implements Executor {
        private final ConcurrentLinkedQueue<Runnable> held = new ConcurrentLinkedQueue<>();

        @Override
        public void execute(Runnable task) {
            held.add(task);
        }

        void release(ExecutorService to) {
            Runnable r;
            while ((r = held.poll()) != null) to.execute(r);
        }
    }

    @Test
    void aFloodingCameraOverflowsOnlyItsOwnQueueAndNeverBlocks() throws Exception {
        StalledDisk disk = new StalledDisk();
        // 1 s segments, queues of 3: the flooding camera produces 8 segments while the disk is stalled
        CameraRecorders factory = new CameraRecorders(fx.store.segments(), Duration.ofSeconds(1), fx.meters, fx.clock, disk, 3, Segmenter.UNBOUNDED_TIME);
        CameraRecorder flood = factory.recorder(CameraId.of("flood"));
        CameraRecorder calm = factory.recorder(CameraId.of("calm"));
        flood.onStart(bed.h264().track());
        calm.onStart(bed.h264().track());
        List<byte[]> twice = new ArrayList<>(bed.h264().packets());
        twice.addAll(RtpRewriter.continueFrom(bed.h264().packets(), RtpRewriter.sequence(bed.h264().packets().get(bed.h264().packets().size() - 1)) + 1,
                RtpRewriter.timestamp(bed.h264().packets().get(bed.h264().packets().size() - 1)) + 3600));
        long t = System.nanoTime();
        for (byte[] p : twice) flood.onRtp(p.clone()); // returns although nothing can be written
        flood.onEnd("flood over");
        List<byte[]> firstSecondAndAHalf = bed.h264().packets().subList(0, bed.h264().packets().size() * 3 / 8);
        for (byte[] p : firstSecondAndAHalf) calm.onRtp(p.clone());
        calm.onEnd("calm over");
        assertTrue(System.nanoTime() - t < 20_000_000_000L, "onRtp never waited for the disk");
        assertTrue(fx.meters.counter("vigil.ingest.segments.dropped", "camera", "flood").count() >= 4);
        assertEquals(0, fx.meters.counter("vigil.ingest.segments.dropped", "camera", "calm").count());

        ExecutorService real = Executors.newSingleThreadExecutor();
        try {
            disk.release(real);
            StoreFixture.await("calm's segments", () -> fx.meters.counter("vigil.ingest.segments.written", "camera", "calm").count() >= 1);
            StoreFixture.await("flood's queued segments", () -> fx.meters.counter("vigil.ingest.segments.written", "camera", "flood").count() >= 3);
        } finally {
            real.shutdown();
        }
        for (SegmentInfo info : fx.store.segments().list(CameraId.of("calm"), T0.minusSeconds(1), T0.plusSeconds(60))) {
            Path f = dir.resolve("calm-" + info.key().sequence() + ".mp4");
            Files.write(f, fx.store.segments().read(info.key()));
            assertEquals("h264", Ffprobe.probe(f).codec());
        }
    }

    @Test
    void aCameraThatDisconnectsEveryFewSecondsKeepsAConsistentTimeline() throws Exception {
        ExecutorService disk = Executors.newSingleThreadExecutor();
        try {
            CameraRecorders factory = new CameraRecorders(fx.store.segments(), Duration.ofSeconds(2), fx.meters, fx.clock, disk, CameraRecorders.DEFAULT_QUEUE_SEGMENTS, Segmenter.UNBOUNDED_TIME);
            CameraRecorder r = factory.recorder(CameraId.of("flaky"));
            for (int session = 0; session < 5; session++) {
                r.onStart(bed.h264().track());
                for (byte[] p : bed.h264().packets()) r.onRtp(p.clone()); // 4 s of video per session
                r.onEnd("connection reset by camera");
                fx.clock.advance(Duration.ofSeconds(10)); // reconnect 10 s later (4 s recorded + 6 s gap)
            }
            StoreFixture.await("10 segments", () -> fx.meters.counter("vigil.ingest.segments.written", "camera", "flaky").count() >= 10);
            List<SegmentInfo> infos = fx.store.segments().list(CameraId.of("flaky"), T0.minusSeconds(1), T0.plusSeconds(120));
            assertEquals(10, infos.size());
            long lastSeq = -1;
            for (int i = 0; i < infos.size(); i++) {
                SegmentInfo s = infos.get(i);
                assertTrue(s.key().sequence() > lastSeq);
                lastSeq = s.key().sequence();
                assertEquals(T0.plusSeconds(10L * (i / 2) + 2L * (i % 2)), s.start(), "segment " + i);
            }
            List<Span> gaps = fx.store.segments().timeline(CameraId.of("flaky"), T0, T0.plusSeconds(44)).stream().filter(sp -> !sp.recorded()).toList();
            assertEquals(4, gaps.size(), gaps.toString());
            for (int i = 0; i < 4; i++) {
                assertEquals(T0.plusSeconds(10L * i + 4), gaps.get(i).start());
                assertEquals(T0.plusSeconds(10L * i + 10), gaps.get(i).end());
                assertEquals("connection reset by camera", gaps.get(i).gapReason());
            }
        } finally {
            disk.shutdown();
        }
    }
}
