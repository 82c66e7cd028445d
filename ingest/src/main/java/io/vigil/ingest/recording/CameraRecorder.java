package io.vigil.ingest.recording;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.vigil.config.CameraId;
import io.vigil.ingest.activity.ActivityMeasures;
import io.vigil.ingest.activity.CameraActivity;
import io.vigil.ingest.codec.SdpParameterSets;
import io.vigil.ingest.codec.VideoCodec;
import io.vigil.ingest.fmp4.Segmenter;
import io.vigil.ingest.live.LiveTap;
import io.vigil.ingest.stream.StreamListener;
import io.vigil.ingest.stream.VideoTrack;
import io.vigil.storage.SegmentStore;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records one camera: RTP packets in, encrypted fMP4 segments out. Lives as long as the
 * camera is configured and sees all its sessions one after the other, so segment
 * sequence numbers, decode time and gaps continue across reconnects. The data path runs
 * in one direction:
 * <pre>
 * onRtp ─ SessionPipeline (rtp ─ codec ─ Segmenter) ─ FootageWriter ─ DiskQueue ─ SegmentStore
 *                                                                         └ CameraActivity (activity line)
 * </pre>
 * A {@link SessionPipeline} per session; the {@link Segmenter} (decode time, wall clock)
 * and the {@link FootageWriter} (sequence numbers, gaps) per camera. This class is the
 * lifecycle: sessions start and end, the camera is reported down, Vigil stops.
 *
 * <p>Runs on the Netty thread that delivers the session's packets up to the point where
 * a segment is complete; the append to the store (encryption, fsync) runs on the disk
 * executor through this camera's bounded {@link DiskQueue}. Nothing thrown by the media
 * pipeline escapes {@link #onRtp}: bad input becomes a log line and a count under
 * {@code vigil.ingest.problems{camera,kind}} ({@link ProblemLog}).
 *
 * <p>Gaps: when a session ends, or the protocol side reports the camera down
 * ({@link #cameraDown}), a gap opens at the end of the last stored segment and is
 * written at once with the reason, up to now; while the camera stays down it is written
 * again with a later end; the first segment of the next session closes it at that
 * segment's start, and Vigil's stop ({@link #stopped}) at the stop time (see
 * {@link FootageWriter}).
 */
public final class CameraRecorder implements StreamListener {
    private static final Logger log = LoggerFactory.getLogger(CameraRecorder.class);

    private final CameraId cameraId;
    private final Clock clock;
    private final RecorderMeters meters;
    private final ProblemLog problems;
    private final Segmenter segmenter;
    private final LiveTap live;

    // methods are synchronized in case a reconnect's new session overlaps the old one's end
    private SessionPipeline session;
    /** Between onStart and onEnd: the camera is not down, whatever the protocol side's timers say. */
    private boolean sessionOpen;
    /** After {@link #stopped}: a late report from a watchdog must not open the gap again. */
    private boolean stopping;
    private final FootageWriter footage;

    public CameraRecorder(CameraId cameraId, SegmentStore store, Duration segmentDuration, MeterRegistry registry, Clock clock,
                          Executor diskExecutor, int queueCapacity) {
        this(cameraId, store, segmentDuration, registry, clock, diskExecutor, queueCapacity, new LiveTap(clock),
                Segmenter.DEFAULT_TIME_TOLERANCE, new ActivityMeasures(store, registry).camera(cameraId));
    }

    /**
     * @param live          where the camera's live pictures go (the wall), beside the recording
     * @param timeTolerance how far a picture's time may stray from its arrival ({@link Segmenter})
     * @param activity      the camera's activity measure, fed each stored segment's keyframe
     */
    public CameraRecorder(CameraId cameraId, SegmentStore store, Duration segmentDuration, MeterRegistry registry, Clock clock,
                          Executor diskExecutor, int queueCapacity, LiveTap live, Duration timeTolerance, CameraActivity activity) {
        this.live = live;
        this.cameraId = cameraId;
        this.clock = clock;
        Tags tags = Tags.of("camera", cameraId.value());
        DiskQueue diskQueue = new DiskQueue(queueCapacity, CameraRecorders.DEFAULT_QUEUE_BYTES, diskExecutor);
        this.meters = new RecorderMeters(registry, tags, diskQueue);
        this.problems = new ProblemLog(cameraId, registry, tags);
        this.footage = new FootageWriter(cameraId, store, clock, diskQueue, meters, problems, activity);
        this.segmenter = new Segmenter(segmentDuration, timeTolerance, clock::millis, footage, problems);
    }

    public CameraId cameraId() {
        return cameraId;
    }

    @Override
    public synchronized void onStart(VideoTrack track) {
        try {
            if (session != null) {
                // the previous session never said it ended: close it properly first, so its
                // partial segment is kept and the gap bookkeeping stays right
                endSession("superseded by a new session");
            }
            sessionOpen = true;
            stopping = false;
            problems.newSession();
            session = null;
            VideoCodec codec = VideoCodec.fromEncoding(track.encoding());
            if (codec == null) {
                problems.report("unsupported-codec", "video encoding " + track.encoding() + " is not H264 or H265; nothing is recorded");
                return;
            }
            session = new SessionPipeline(track, codec, segmenter, live, meters, problems, clock);
            segmenter.startSession(codec, SdpParameterSets.from(track, codec));
            live.startSession(codec, SdpParameterSets.from(track, codec));
            log.info("camera {}: session started, {} payload type {}", cameraId, codec, track.payloadType());
        } catch (RuntimeException e) {
            problems.internalError(e);
        }
    }

    @Override
    public synchronized void onRtp(byte[] packet) {
        if (session == null) return;
        try {
            session.push(packet);
        } catch (RuntimeException e) {
            problems.internalError(e);
        }
    }

    @Override
    public synchronized void onEnd(String reason) {
        try {
            endSession(reason);
        } catch (RuntimeException e) {
            problems.internalError(e);
        }
    }

    private void endSession(String reason) {
        if (session != null) session.end();
        // an end without a start (the protocol side's) or of a session that recorded nothing
        // (unsupported codec) has no session to say ended
        if (session != null) log.info("camera {}: session ended: {}", cameraId, reason);
        session = null;
        sessionOpen = false;
        footage.openGap(reason);
    }

    /**
     * The camera has no session delivering video: {@code reason} is the last failure in
     * words. Opens the gap (a camera that never recorded since Vigil started: from now) or
     * notes the failure, and moves the stored gap up to now (at most every
     * {@link OpenGap#REFRESH}). Ignored while a session is open. Never blocks.
     */
    public synchronized void cameraDown(String reason) {
        try {
            if (sessionOpen || stopping) return;
            footage.openGap(reason);
        } catch (RuntimeException e) {
            problems.internalError(e);
        }
    }

    /** Vigil is stopping: a session still open ends, and the open gap ends now. */
    public synchronized void stopped() {
        try {
            if (sessionOpen) endSession(io.vigil.storage.Reason.of("gap.reason.vigilStopped").encode());
            stopping = true;
            footage.closeGap();
        } catch (RuntimeException e) {
            problems.internalError(e);
        }
    }
}
