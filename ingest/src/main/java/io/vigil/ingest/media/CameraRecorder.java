package io.vigil.ingest.media;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.vigil.ingest.stream.StreamListener;
import io.vigil.ingest.stream.VideoTrack;
import io.vigil.storage.SegmentKey;
import io.vigil.storage.SegmentStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records one camera: RTP packets in, encrypted fMP4 segments out. Lives as long as the
 * camera is configured and sees all its sessions one after the other, so segment
 * sequence numbers, decode time and gaps continue across reconnects.
 *
 * <p>Runs on the Netty thread that delivers the session's packets up to the point where
 * a segment is complete; the append to the store (encryption, fsync) runs on the disk
 * executor through this camera's bounded {@link DiskQueue}. Nothing thrown by the media
 * pipeline escapes {@link #onRtp}: bad input becomes a log line and a count under
 * {@code vigil.ingest.problems{camera,kind}}.
 *
 * <p>Gaps ({@link OpenGap}): when a session ends, or the protocol side reports the camera
 * down ({@link #cameraDown}), a gap opens at the end of the last stored segment and is
 * written at once with the reason, up to now; while the camera stays down it is written
 * again with a later end (same start, so the store replaces the row); the first segment
 * of the next session closes it at that segment's start, and Vigil's stop
 * ({@link #stopped}) at the stop time. Gap writes go through the same disk queue as the
 * segments, so they reach the store in the order they were decided.
 */
public final class CameraRecorder implements StreamListener {
    private static final Logger log = LoggerFactory.getLogger(CameraRecorder.class);
    static final int REORDER_PACKETS = 32;
    static final long REORDER_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final String cameraId;
    private final SegmentStore store;
    private final Clock clock;
    private final DiskQueue diskQueue;
    private final Segmenter segmenter;
    private final MeterRegistry meters;
    private final Tags tags;

    private final Counter frames;
    private final Counter framesLost;
    private final Counter packetsLost;
    private final Counter segmentsWritten;
    private final Counter segmentsDropped;
    private final Counter segmentsFailed;
    private final Timer durableLatency;
    private final AtomicLong lastFrameMillis = new AtomicLong();
    private final RateMeter bitrate = new RateMeter();
    private final RateMeter frameRate = new RateMeter();
    private final ConcurrentHashMap<String, Counter> problemCounters = new ConcurrentHashMap<>();

    // session state, touched only by the session's thread (methods are synchronized in
    // case a reconnect's new session overlaps the old one's end)
    private VideoTrack track;
    private VideoCodec codec;
    private RtpReorderBuffer reorder;
    private TimestampUnwrapper unwrapper;
    private Depacketizer depacketizer;
    private long currentArrivalNanos;
    private long framesDroppedBySegmenter;
    private long fragmentsDroppedCounted;
    private final Set<String> loggedThisSession = new HashSet<>();

    // camera state across sessions
    private long lastSequence;
    private Instant lastEnd;
    private final OpenGap gap = new OpenGap();
    /** Between onStart and onEnd: the camera is not down, whatever the protocol side's timers say. */
    private boolean sessionOpen;
    /** After {@link #stopped}: a late report from a watchdog must not open the gap again. */
    private boolean stopping;

    public CameraRecorder(String cameraId, SegmentStore store, Duration segmentDuration, MeterRegistry meters, Clock clock,
                          Executor diskExecutor, int queueCapacity) {
        this.cameraId = cameraId;
        this.store = store;
        this.clock = clock;
        this.meters = meters;
        this.diskQueue = new DiskQueue(queueCapacity, RecorderFactory.DEFAULT_QUEUE_BYTES, diskExecutor);
        this.segmenter = new Segmenter(segmentDuration, clock::millis, this::segmentReady, this::problem);
        this.tags = Tags.of("camera", cameraId);
        this.frames = meters.counter("vigil.ingest.frames", tags);
        this.framesLost = meters.counter("vigil.ingest.frames.lost", tags);
        this.packetsLost = meters.counter("vigil.ingest.packets.lost", tags);
        this.segmentsWritten = meters.counter("vigil.ingest.segments.written", tags);
        this.segmentsDropped = meters.counter("vigil.ingest.segments.dropped", tags);
        this.segmentsFailed = meters.counter("vigil.ingest.segments.failed", tags);
        this.durableLatency = Timer.builder("vigil.ingest.segment.durable.latency").tags(tags)
                .description("from the arrival of a segment's last frame to its append returning (durable)")
                .publishPercentiles(0.5, 0.99).register(meters);
        Gauge.builder("vigil.ingest.bitrate.bps", bitrate, b -> b.perSecond(System.nanoTime())).tags(tags).register(meters);
        Gauge.builder("vigil.ingest.frame.rate", frameRate, f -> f.perSecond(System.nanoTime())).tags(tags).register(meters);
        Gauge.builder("vigil.ingest.last.frame.epoch.seconds", lastFrameMillis, m -> m.get() / 1000.0).tags(tags).register(meters);
        Gauge.builder("vigil.ingest.disk.queue", diskQueue, DiskQueue::size).tags(tags).register(meters);
    }

    public String cameraId() {
        return cameraId;
    }

    @Override
    public synchronized void onStart(VideoTrack track) {
        try {
            if (depacketizer != null) {
                // the previous session never said it ended: close it properly first, so its
                // partial segment is kept and the gap bookkeeping stays right
                endSession("superseded by a new session");
            }
            sessionOpen = true;
            stopping = false;
            loggedThisSession.clear();
            this.track = track;
            this.codec = VideoCodec.fromEncoding(track.encoding());
            this.depacketizer = null;
            if (codec == null) {
                problem("unsupported-codec", "video encoding " + track.encoding() + " is not H264 or H265; nothing is recorded");
                return;
            }
            unwrapper = new TimestampUnwrapper();
            depacketizer = Depacketizer.forCodec(codec, au -> {
                frames.increment();
                frameRate.add(1, currentArrivalNanos);
                lastFrameMillis.set(clock.millis());
                segmenter.accept(au, currentArrivalNanos);
            });
            reorder = new RtpReorderBuffer(REORDER_PACKETS, REORDER_NANOS, this::inOrder);
            segmenter.startSession(codec, SdpParameterSets.from(track, codec));
            framesDroppedBySegmenter = segmenter.framesDropped();
            fragmentsDroppedCounted = 0;
            log.info("camera {}: session started, {} payload type {}", cameraId, codec, track.payloadType());
        } catch (RuntimeException e) {
            internalError(e);
        }
    }

    @Override
    public synchronized void onRtp(byte[] packet) {
        if (depacketizer == null) return;
        try {
            long now = System.nanoTime();
            bitrate.add(packet.length * 8L, now);
            RtpPacket p = RtpPacket.parse(packet);
            if (p.payloadType() != track.payloadType()) {
                problem("unknown-payload-type", "RTP payload type " + p.payloadType() + " is not the video track's "
                        + track.payloadType() + "; packet dropped");
                return;
            }
            currentArrivalNanos = now;
            reorder.push(p, now);
            countLosses();
        } catch (RtpParseException e) {
            problem("malformed-rtp", e.getMessage());
        } catch (RuntimeException e) {
            internalError(e);
        }
    }

    private void inOrder(RtpPacket p, int lostBefore) {
        if (lostBefore > 0) {
            packetsLost.increment(lostBefore);
            problem("packets-lost", lostBefore + " RTP packet(s) lost before sequence " + p.sequence());
        }
        try {
            depacketizer.push(p, unwrapper.unwrap(p.timestamp()), lostBefore);
        } catch (RtpParseException e) {
            problem("malformed-payload", e.getMessage());
        }
    }

    /** Frames that will not be stored: dropped by the segmenter or cut by packet loss. */
    private void countLosses() {
        long dropped = segmenter.framesDropped();
        if (dropped > framesDroppedBySegmenter) {
            framesLost.increment(dropped - framesDroppedBySegmenter);
            framesDroppedBySegmenter = dropped;
        }
        long fragments = depacketizer.fragmentsDropped();
        if (fragments > fragmentsDroppedCounted) {
            framesLost.increment(fragments - fragmentsDroppedCounted); // a picture missing a slice
            fragmentsDroppedCounted = fragments;
        }
    }

    @Override
    public synchronized void onEnd(String reason) {
        try {
            endSession(reason);
        } catch (RuntimeException e) {
            internalError(e);
        }
    }

    private void endSession(String reason) {
        if (depacketizer != null) {
            reorder.flush();
            depacketizer.flush();
            countLosses();
            segmenter.endSession();
        }
        depacketizer = null;
        sessionOpen = false;
        log.info("camera {}: session ended: {}", cameraId, reason);
        openGap(reason);
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
            openGap(reason);
        } catch (RuntimeException e) {
            internalError(e);
        }
    }

    /** Vigil is stopping: a session still open ends, and the open gap ends now. */
    public synchronized void stopped() {
        try {
            if (sessionOpen) endSession("Vigil stopped");
            stopping = true;
            queueGap(gap.close(clock.instant()));
        } catch (RuntimeException e) {
            internalError(e);
        }
    }

    private void openGap(String reason) {
        gap.open(lastEnd != null ? lastEnd : clock.instant(), reason);
        OpenGap.Row row = gap.extendTo(clock.instant());
        if (queueGap(row)) gap.written(row);
    }

    /** Queues one write of the gap behind the segments already queued; false when there is none or the queue is full. */
    private boolean queueGap(OpenGap.Row row) {
        if (row == null) return false;
        if (diskQueue.offer(() -> recordGap(row.from(), row.to(), row.reason()))) return true;
        problem("disk-queue-full", "gap " + row.from() + ".." + row.to() + " not recorded: disk queue full");
        return false;
    }

    /** Called by the segmenter on the session's thread: hands the segment to the disk queue. */
    private void segmentReady(Segmenter.Segment segment) {
        long sequence = Math.max(lastSequence + 1, segment.start().toEpochMilli());
        lastSequence = sequence;
        lastEnd = segment.end();
        queueGap(gap.close(segment.start())); // footage resumes: the gap ends where it does, before it in the queue
        if (!diskQueue.offer(() -> append(segment, sequence), segment.bytes())) {
            segmentsDropped.increment();
            framesLost.increment(segment.frames());
            segmenter.previousSegmentLost(); // the next segment's leading pictures referred to this one
            problem("disk-queue-full", "segment " + segment.start() + " (" + segment.frames()
                    + " frames) dropped: the disk has not kept up with this camera");
        }
    }

    private void append(Segmenter.Segment segment, long sequence) {
        try {
            SegmentKey key = store.append(cameraId, segment.start(), segment.end(), sequence, segment.parts());
            durableLatency.record(System.nanoTime() - segment.lastFrameArrivalNanos(), TimeUnit.NANOSECONDS);
            segmentsWritten.increment();
            log.debug("camera {}: stored {} ({} frames, {} bytes)", cameraId, key, segment.frames(), segment.bytes());
        } catch (RuntimeException e) {
            segmentsFailed.increment();
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

    private void problem(String kind, String message) {
        problemCounters.computeIfAbsent(kind, k -> meters.counter("vigil.ingest.problems", tags.and("kind", k))).increment();
        // first of each kind per session at WARN; repeats at DEBUG so a garbage stream cannot flood the log
        if (loggedThisSession.add(kind)) {
            log.warn("camera {}: {} ({}; further ones of this kind are counted in vigil.ingest.problems)", cameraId, message, kind);
        } else {
            log.debug("camera {}: {} ({})", cameraId, message, kind);
        }
    }

    private void internalError(RuntimeException e) {
        problemCounters.computeIfAbsent("internal-error", k -> meters.counter("vigil.ingest.problems", tags.and("kind", k))).increment();
        if (loggedThisSession.add("internal-error")) {
            log.error("camera {}: internal error in the media pipeline, packet dropped", cameraId, e);
        }
    }

    /** Amount per second over the last completed one-second window (bits, frames). */
    static final class RateMeter {
        private long windowStart = System.nanoTime();
        private long amount;
        private volatile double perSecond;

        synchronized void add(long n, long now) {
            amount += n;
            long elapsed = now - windowStart;
            if (elapsed >= 1_000_000_000L) {
                perSecond = amount * 1e9 / elapsed;
                amount = 0;
                windowStart = now;
            }
        }

        double perSecond(long now) {
            synchronized (this) {
                if (now - windowStart > 2_000_000_000L) return 0; // nothing for two seconds
            }
            return perSecond;
        }
    }
}
