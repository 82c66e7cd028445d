package io.vigil.ingest.recording;

import io.vigil.ingest.codec.AccessUnit;
import io.vigil.ingest.codec.Depacketizer;
import io.vigil.ingest.codec.VideoCodec;
import io.vigil.ingest.fmp4.Segmenter;
import io.vigil.ingest.live.LiveTap;
import io.vigil.ingest.rtp.RtpPacket;
import io.vigil.ingest.rtp.RtpParseException;
import io.vigil.ingest.rtp.RtpReorderBuffer;
import io.vigil.ingest.rtp.TimestampUnwrapper;
import io.vigil.ingest.stream.VideoTrack;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

/**
 * One session's data path, wired once, in one direction:
 * <pre>
 * push(byte[]) ─ RtpPacket.parse ─ payload type check ─ RtpReorderBuffer ─ TimestampUnwrapper
 *   ─ Depacketizer ─ AccessUnit ─ Segmenter (the camera's, lives across sessions) ─ FootageWriter
 *                              └ LiveTap (live pictures for the wall, memory only)
 * </pre>
 * Counts what arrives and what is lost on the way. Bad input becomes a problem report,
 * never an exception out of {@link #push}. Used on the session's thread, under the
 * recorder's lock.
 */
final class SessionPipeline {
    static final int REORDER_PACKETS = 32;
    static final long REORDER_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final VideoTrack track;
    private final Segmenter segmenter;
    private final LiveTap live;
    private final RecorderMeters meters;
    private final ProblemLog problems;
    private final Clock clock;
    private final RtpReorderBuffer reorder;
    private final TimestampUnwrapper unwrapper = new TimestampUnwrapper();
    private final Depacketizer depacketizer;
    private long currentArrivalNanos;
    private long framesDroppedBySegmenter;
    private long fragmentsDroppedCounted;
    private long picturesDroppedCounted;

    SessionPipeline(VideoTrack track, VideoCodec codec, Segmenter segmenter, LiveTap live, RecorderMeters meters, ProblemLog problems,
                    Clock clock) {
        this.track = track;
        this.segmenter = segmenter;
        this.live = live;
        this.meters = meters;
        this.problems = problems;
        this.clock = clock;
        this.depacketizer = Depacketizer.forCodec(codec, this::picture);
        this.reorder = new RtpReorderBuffer(REORDER_PACKETS, REORDER_NANOS, this::inOrder);
        this.framesDroppedBySegmenter = segmenter.framesDropped();
    }

    /** One RTP packet as received. */
    void push(byte[] packet) {
        try {
            long now = System.nanoTime();
            meters.bitrate.add(packet.length * 8L, now);
            RtpPacket p = RtpPacket.parse(packet);
            if (p.payloadType() != track.payloadType()) {
                problems.report("unknown-payload-type", "RTP payload type " + p.payloadType() + " is not the video track's "
                        + track.payloadType() + "; packet dropped");
                return;
            }
            currentArrivalNanos = now;
            reorder.push(p, now);
            countLosses();
        } catch (RtpParseException e) {
            problems.report("malformed-rtp", e.getMessage());
        }
    }

    /** The session ended: what is waiting in the buffers goes through; the segmenter stores its partial segment. */
    void end() {
        reorder.flush();
        depacketizer.flush();
        countLosses();
        segmenter.endSession();
        live.endSession();
    }

    private void inOrder(RtpPacket p, int lostBefore) {
        if (lostBefore > 0) {
            meters.packetsLost.increment(lostBefore);
            problems.report("packets-lost", lostBefore + " RTP packet(s) lost before sequence " + p.sequence());
        }
        try {
            depacketizer.push(p, unwrapper.unwrap(p.timestamp()), lostBefore);
        } catch (RtpParseException e) {
            problems.report("malformed-payload", e.getMessage());
        }
    }

    private void picture(AccessUnit au) {
        meters.frames.increment();
        meters.frameRate.add(1, currentArrivalNanos);
        meters.lastFrameMillis.set(clock.millis());
        segmenter.accept(au, currentArrivalNanos);
        try {
            live.picture(au);
        } catch (RtpParseException e) {
            problems.report("malformed-parameter-sets", e.getMessage());
        }
    }

    /** Frames that will not be stored (dropped by the segmenter), and slices cut by packet loss. */
    private void countLosses() {
        long dropped = segmenter.framesDropped();
        if (dropped > framesDroppedBySegmenter) {
            meters.framesLost.increment(dropped - framesDroppedBySegmenter);
            framesDroppedBySegmenter = dropped;
        }
        long pictures = depacketizer.picturesDropped();
        if (pictures > picturesDroppedCounted) {
            meters.framesLost.increment(pictures - picturesDroppedCounted); // every slice of it lost: not stored
            picturesDroppedCounted = pictures;
        }
        long fragments = depacketizer.fragmentsDropped();
        if (fragments > fragmentsDroppedCounted) {
            // a slice dropped for a missing fragment: its picture is stored without it (not a lost frame)
            meters.slicesLost.increment(fragments - fragmentsDroppedCounted);
            fragmentsDroppedCounted = fragments;
        }
    }
}
