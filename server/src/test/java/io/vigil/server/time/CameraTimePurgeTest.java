package io.vigil.server.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vigil.config.CameraId;
import io.vigil.config.ConfigLoader;
import io.vigil.config.VigilConfig;
import io.vigil.ingest.fmp4.Segmenter;
import io.vigil.ingest.recording.CameraRecorder;
import io.vigil.ingest.recording.CameraRecorders;
import io.vigil.ingest.sim.EncodedLoop;
import io.vigil.ingest.sim.ReplayCamera;
import io.vigil.ingest.sim.SimSettings;
import io.vigil.purge.PurgeDaemon;
import io.vigil.storage.SegmentInfo;
import io.vigil.storage.StoreOptions;
import io.vigil.storage.VigilStore;
import io.vigil.storage.VigilStores;
import io.vigil.storage.keys.KdfParameters;
import io.vigil.storage.keys.Keystore;
import io.vigil.testkit.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The 14-day bound holds whatever a camera claims about time (issue 10): a camera whose RTP
 * time runs 30 times too fast is recorded through the real recorder into the real store,
 * and the real purge daemon, run 14 days (plus the 2 s tolerance) after the last picture
 * arrived, leaves nothing of it. Before the camera time bound, its segments ended minutes
 * in the future and outlived the limit by as much.
 */
class CameraTimePurgeTest {
    private static final String CAMERA = "fast";
    private static final int SPEED = 30;

    @TempDir
    Path dir;

    /** The packet with its RTP time counted {@link #SPEED} times too fast from {@code base}. */
    private static byte[] fast(byte[] packet, long base) {
        byte[] p = packet.clone();
        long ts = ((long) (p[4] & 0xFF) << 24) | ((p[5] & 0xFF) << 16) | ((p[6] & 0xFF) << 8) | (p[7] & 0xFF);
        long faster = (base + ((ts - base) & 0xFFFF_FFFFL) * SPEED) & 0xFFFF_FFFFL;
        p[4] = (byte) (faster >> 24);
        p[5] = (byte) (faster >> 16);
        p[6] = (byte) (faster >> 8);
        p[7] = (byte) faster;
        return p;
    }

    @Test
    @Timeout(180)
    void footageFromACameraClaimingTheFutureIsErasedFourteenDaysAfterItArrived() throws Exception {
        Instant filmed = Instant.now().minus(Duration.ofDays(14)).minus(Duration.ofMinutes(10));
        // The wall clock, set by the test: recording happens "14 days ago", the purge "now".
        MutableClock clock = new MutableClock(filmed);
        String yaml = "dataDir: " + dir.resolve("data") + "\nkeystore:\n  path: " + dir.resolve("keystore")
                + "\n  passphrase: env:UNUSED\ncameras:\n  - id: " + CAMERA + "\n    location: bench\n    url: rtsp://127.0.0.1:9/x\n";
        VigilConfig config = ConfigLoader.parse("test.yaml", yaml, dir);
        assertEquals(14, config.retention().days());
        char[] pass = "purge time passphrase".toCharArray();
        Keystore.create(dir.resolve("keystore"), pass.clone(), new KdfParameters(1024, 1, 1), clock);
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (VigilStore store = VigilStores.open(new StoreOptions(dir.resolve("data"), dir.resolve("keystore"), pass, clock, meters))) {
            CameraRecorders recorders = new CameraRecorders(store.segments(), Duration.ofSeconds(1), meters, clock, Runnable::run);
            CameraRecorder recorder = recorders.recorder(CameraId.of(CAMERA));
            EncodedLoop loop = EncodedLoop.encode(SimSettings.LIVE, 2, clock); // 10 fps, a keyframe every second
            long started = System.nanoTime();
            try (ReplayCamera camera = new ReplayCamera(CameraId.of(CAMERA), loop, scheduler)) {
                recorder.onStart(camera.track());
                long[] base = {-1};
                try (AutoCloseable subscription = camera.subscribe(p -> {
                    if (base[0] < 0) base[0] = ((long) (p[4] & 0xFF) << 24) | ((p[5] & 0xFF) << 16) | ((p[6] & 0xFF) << 8) | (p[7] & 0xFF);
                    recorder.onRtp(fast(p, base[0]));
                })) {
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
                    while (store.segments().list(CameraId.of(CAMERA), filmed.minusSeconds(60), filmed.plus(Duration.ofDays(1))).size() < 4) {
                        if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for 4 stored segments");
                        Thread.sleep(50);
                    }
                }
                recorder.onEnd("test done");
            }
            Duration arrivedWithin = Duration.ofNanos(System.nanoTime() - started);
            Instant lastArrival = filmed.plus(arrivedWithin); // on the recording's wall clock, which stood still at `filmed`
            List<SegmentInfo> stored = store.segments().list(CameraId.of(CAMERA), filmed.minusSeconds(60), filmed.plus(Duration.ofDays(1)));
            assertFalse(stored.isEmpty());
            Instant latestEnd = stored.get(stored.size() - 1).end();
            assertFalse(latestEnd.isAfter(lastArrival.plus(Segmenter.DEFAULT_TIME_TOLERANCE).plusSeconds(1)),
                    "the last segment ends at " + latestEnd + ", pictures arrived until " + lastArrival
                            + " (without the bound it would end about " + SPEED + " times later)");
            assertTrue(meters.find("vigil.ingest.problems").tags("camera", CAMERA, "kind", "camera-time-ahead").counter().count() > 0);

            // 14 days after the last arrival, plus the tolerance and a second: nothing may remain
            clock.set(lastArrival.plus(Duration.ofDays(14)).plus(Segmenter.DEFAULT_TIME_TOLERANCE).plusSeconds(2));
            try (PurgeDaemon purge = new PurgeDaemon(config, store, meters, clock)) {
                purge.runOnce();
            }
            assertEquals(List.of(), store.segments().list(CameraId.of(CAMERA), filmed.minusSeconds(60), filmed.plus(Duration.ofDays(1))),
                    "footage outlived 14 days after it arrived");
        } finally {
            scheduler.shutdownNow();
        }
    }
}
