package io.vigil.ingest.recording;

import io.vigil.config.CameraId;
import io.vigil.ingest.activity.ActivityMeasures;
import io.vigil.ingest.fmp4.Segmenter;
import io.vigil.ingest.live.LiveHub;
import io.micrometer.core.instrument.MeterRegistry;
import io.vigil.ingest.stream.StreamListener;
import io.vigil.ingest.stream.StreamListenerFactory;
import io.vigil.storage.SegmentStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * Gives the RTSP side one {@link CameraRecorder} per camera, the same one for every
 * session of that camera (so sequence numbers, decode time and gaps carry over
 * reconnects).
 */
public final class CameraRecorders implements StreamListenerFactory {
    /** Segments waiting for the disk per camera: at 2 s each, half a minute of slow disk. */
    public static final int DEFAULT_QUEUE_SEGMENTS = 16;
    /**
     * Bytes of segments waiting for the disk per camera: 16 segments of a 16 Mbit/s camera;
     * with 16 cameras at most 1 GiB of heap while the disk stalls (the segmenter lets one
     * segment grow to 32 MiB, see Segmenter).
     */
    public static final long DEFAULT_QUEUE_BYTES = 64L << 20;
    public static final Duration DEFAULT_SEGMENT_DURATION = Duration.ofSeconds(2);

    private final SegmentStore store;
    private final Duration segmentDuration;
    private final MeterRegistry meters;
    private final Clock clock;
    private final Executor diskExecutor;
    private final int queueSegments;
    private final Duration timeTolerance;
    private final Map<CameraId, CameraRecorder> recorders = new ConcurrentHashMap<>();
    private final LiveHub live;
    private final ActivityMeasures activity;

    public CameraRecorders(SegmentStore store, Duration segmentDuration, MeterRegistry meters, Clock clock, Executor diskExecutor) {
        this(store, segmentDuration, meters, clock, diskExecutor, DEFAULT_QUEUE_SEGMENTS);
    }

    public CameraRecorders(SegmentStore store, Duration segmentDuration, MeterRegistry meters, Clock clock, Executor diskExecutor,
                           int queueSegments) {
        this(store, segmentDuration, meters, clock, diskExecutor, queueSegments, Segmenter.DEFAULT_TIME_TOLERANCE);
    }

    /**
     * @param timeTolerance how far a picture's time may stray from its arrival before it is
     *     corrected (docs/time.md); {@link Segmenter#UNBOUNDED_TIME} for tests that replay
     *     recorded packets faster than real time
     */
    public CameraRecorders(SegmentStore store, Duration segmentDuration, MeterRegistry meters, Clock clock, Executor diskExecutor,
                           int queueSegments, Duration timeTolerance) {
        if (segmentDuration.isNegative() || segmentDuration.isZero()) {
            throw new IllegalArgumentException("segment duration must be positive, got " + segmentDuration);
        }
        this.store = store;
        this.segmentDuration = segmentDuration;
        this.meters = meters;
        this.clock = clock;
        this.diskExecutor = diskExecutor;
        this.queueSegments = queueSegments;
        this.timeTolerance = timeTolerance;
        this.live = new LiveHub(clock);
        this.activity = new ActivityMeasures(store, meters);
    }

    @Override
    public StreamListener forCamera(CameraId cameraId) {
        return recorder(cameraId);
    }

    @Override
    public void cameraDown(CameraId cameraId, String reason) {
        recorder(cameraId).cameraDown(reason);
    }

    @Override
    public void stopped(CameraId cameraId) {
        // A camera that never had a recorder has no gap open: nothing to create for it.
        CameraRecorder r = recorders.get(cameraId);
        if (r != null) r.stopped();
    }

    /** The cameras' live pictures (memory only), for the server to hand the gateway. */
    public LiveHub live() {
        return live;
    }

    public CameraRecorder recorder(CameraId cameraId) {
        return recorders.computeIfAbsent(cameraId,
                id -> new CameraRecorder(id, store, segmentDuration, meters, clock, diskExecutor, queueSegments, live.tap(id), timeTolerance,
                        activity.camera(id)));
    }
}
