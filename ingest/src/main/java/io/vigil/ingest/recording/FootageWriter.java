package io.vigil.ingest.recording;

import io.vigil.config.CameraId;
import io.vigil.ingest.activity.CameraActivity;
import io.vigil.ingest.fmp4.Segment;
import io.vigil.ingest.fmp4.SegmentOutput;
import io.vigil.storage.SegmentKey;
import io.vigil.storage.SegmentStore;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last stage of one camera's data path: what the store learns of the camera, in the
 * order it was decided, through the camera's bounded {@link DiskQueue} (appends run on
 * the disk executor): its segments, with sequence numbers that keep increasing across
 * sessions, and its gaps ({@link OpenGap}). A gap opens at the end of the last stored
 * segment when the camera goes down, is written again with a later end while it stays
 * down (same start, so the store replaces the row), and is closed by the next segment
 * (queued before it) or by Vigil's stop. {@link #offer} and the gap methods run on the
 * session's thread, under the recorder's lock. A stored segment's keyframe goes on to the
 * camera's activity measure ({@link CameraActivity}), which never blocks the disk executor.
 */
final class FootageWriter implements SegmentOutput {
    /** The recorder's log category: one place to follow a camera's recording. */
    private static final Logger log = LoggerFactory.getLogger(CameraRecorder.class);

    private final CameraId cameraId;
    private final SegmentStore store;
    private final Clock clock;
    private final DiskQueue diskQueue;
    private final RecorderMeters meters;
    private final ProblemLog problems;
    private final CameraActivity activity;
    private final OpenGap gap = new OpenGap();
    private long lastSequence;
    private Instant lastEnd;

    FootageWriter(CameraId cameraId, SegmentStore store, Clock clock, DiskQueue diskQueue, RecorderMeters meters, ProblemLog problems,
                  CameraActivity activity) {
        this.cameraId = cameraId;
        this.store = store;
        this.clock = clock;
        this.diskQueue = diskQueue;
        this.meters = meters;
        this.problems = problems;
        this.activity = activity;
    }

    /** A finished segment: queued for the store, or dropped and counted when the disk has not kept up (false). */
    @Override
    public boolean offer(Segment segment) {
        long sequence = Math.max(lastSequence + 1, segment.start().toEpochMilli());
        lastSequence = sequence;
        lastEnd = segment.end();
        queueGap(gap.close(segment.start())); // footage resumes: the gap ends where it does, before it in the queue
        if (diskQueue.offer(() -> append(segment, sequence), segment.bytes())) return true;
        meters.segmentsDropped.increment();
        meters.framesLost.increment(segment.frames());
        problems.report("disk-queue-full", "segment " + segment.start() + " (" + segment.frames()
                + " frames) dropped: the disk has not kept up with this camera");
        return false;
    }

    /** The camera is down for {@code reason}: the gap opens at the end of the last segment (or now) and reaches up to now. */
    void openGap(String reason) {
        gap.open(lastEnd != null ? lastEnd : clock.instant(), reason);
        OpenGap.Row row = gap.extendTo(clock.instant());
        if (queueGap(row)) gap.written(row);
    }

    /** Vigil stops: a gap still open ends now. */
    void closeGap() {
        queueGap(gap.close(clock.instant()));
    }

    /** Queues one write of the gap behind the segments already queued; false when there is none or the queue is full. */
    private boolean queueGap(OpenGap.Row row) {
        if (row == null) return false;
        if (diskQueue.offer(() -> recordGap(row.from(), row.to(), row.reason()))) return true;
        problems.report("disk-queue-full", "gap " + row.from() + ".." + row.to() + " not recorded: disk queue full");
        return false;
    }

    private void append(Segment segment, long sequence) {
        try {
            SegmentKey key = store.append(cameraId, segment.start(), segment.end(), sequence, segment.parts());
            meters.durableLatency.record(System.nanoTime() - segment.lastFrameArrivalNanos(), TimeUnit.NANOSECONDS);
            meters.segmentsWritten.increment();
            log.debug("camera {}: stored {} ({} frames, {} bytes)", cameraId, key, segment.frames(), segment.bytes());
            activity.stored(key, segment);
        } catch (RuntimeException e) {
            meters.segmentsFailed.increment();
            log.error("camera {}: segment starting {} (sequence {}) could not be stored: {}", cameraId, segment.start(),
                    sequence, e.getMessage());
        }
    }

    private void recordGap(Instant from, Instant to, String reason) {
        try {
            store.recordGap(cameraId, from, to, reason);
        } catch (RuntimeException e) {
            log.error("camera {}: gap {}..{} could not be recorded: {}", cameraId, from, to, e.getMessage());
        }
    }
}
