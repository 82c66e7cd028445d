package io.vigil.ingest.activity;

import io.micrometer.core.instrument.MeterRegistry;
import io.vigil.config.CameraId;
import io.vigil.storage.SegmentStore;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The activity measures of every camera, on one shared worker thread ("vigil-activity"):
 * one {@link CameraActivity} per camera. One thread caps the measure at one core whatever
 * the number of cameras (measured: a small share of one, docs/benchmarks.md); when it
 * cannot keep up, cameras skip keyframes rather than queue them. The executor's queue holds
 * at most one task per camera ({@link CameraActivity} schedules itself once), so it is
 * bounded by the number of cameras. The thread ends when idle, so a stopped ingest (or a
 * test) leaves nothing running.
 */
public final class ActivityMeasures {
    private static final long IDLE_SECONDS = 30;

    private final SegmentStore store;
    private final MeterRegistry meters;
    private final ExecutorService executor;

    public ActivityMeasures(SegmentStore store, MeterRegistry meters) {
        this.store = store;
        this.meters = meters;
        ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, IDLE_SECONDS, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "vigil-activity");
            t.setDaemon(true);
            t.setPriority(Thread.MIN_PRIORITY); // the recording comes first
            return t;
        });
        pool.allowCoreThreadTimeOut(true);
        this.executor = pool;
        executor.execute(ActivityMeasures::warmUp);
    }

    private static void warmUp() {
        try {
            KeyframeDecoder.warmUp();
        } catch (RuntimeException | LinkageError e) {
            // each measure reports it (vigil.ingest.activity.failed); the recording never depends on it
        }
    }

    /** A new camera's measure (the recorder keeps it for the camera's lifetime). */
    public CameraActivity camera(CameraId cameraId) {
        return new CameraActivity(cameraId, store, executor, meters);
    }
}
