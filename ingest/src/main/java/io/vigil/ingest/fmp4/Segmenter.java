package io.vigil.ingest.fmp4;

import io.vigil.ingest.codec.AccessUnit;
import io.vigil.ingest.codec.CodecConfig;
import io.vigil.ingest.codec.VideoCodec;

import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Cuts one camera's access units into self-contained fMP4 segments: decides which pictures
 * are stored and where a segment ends.
 *
 * <p>Invariants (docs/segment-format.md and docs/invariants.md say which tests prove them):
 * <ol>
 *   <li>A segment starts at a keyframe, holds its pictures in decoding order, and all of
 *       them share one codec configuration (its init).</li>
 *   <li>A segment ends at the first keyframe at or after the target duration, or earlier
 *       when the parameter sets change (the next segment then carries a new init), the
 *       RTP timestamps jump, or the session ends.</li>
 *   <li>Consecutive segments of a session meet without overlap or hole on the decode, the
 *       presentation and the wall-clock timelines: a segment's last picture lasts until the
 *       next segment's first shown picture.</li>
 *   <li>No picture is stored that cannot be decoded from its segment's keyframe; every
 *       picture not stored is counted in {@link #framesDropped()}.</li>
 *   <li>The pictures held while a segment is open are bounded ({@link SegmentLimits}).</li>
 * </ol>
 *
 * <p>Leading pictures (H.265 RASL and RADL, H.264 open-GOP pictures: {@link PictureClassifier})
 * follow their keyframe in decoding order but are shown before it, so they belong to the
 * segment their keyframe starts, and that segment is shown from its earliest leading picture
 * on. The previous segment is therefore closed only when the keyframe's leading pictures
 * have all arrived (at the first picture that is not one). RASL-like pictures refer to the
 * previous group of pictures: they are kept (marked as not decodable when playback starts at
 * their keyframe) when the previous segment holds that group, and dropped like frames before
 * a session's first keyframe when it does not (first keyframe of a session, after a
 * timestamp jump or a new init, after a BLA picture, whose RASL pictures decoders never
 * show, and when the previous segment was not stored).
 *
 * <p>A segment without a keyframe to close it is capped: it is stored as it is and the
 * pictures until the next keyframe are dropped and counted, so a stream that stops sending
 * keyframes cannot fill the heap.
 *
 * <p>This class is the state machine (admission and cutting); the pictures waiting are
 * {@link PendingPictures}, a session's parameter sets {@link SessionPictures}, keyframes and
 * leading pictures {@link PictureClassifier}, camera time {@link CameraTimeGuard}, the
 * timelines {@link SegmentTimelines}, the boxes {@link Fmp4Writer}. Not thread-safe: one
 * session feeds it at a time (the recorder serialises).
 */
public final class Segmenter {
    /** A timestamp further than this from the newest one seen (either way) is a jump, not a frame interval or reordering. */
    static final long MAX_FRAME_INTERVAL = 5L * Fmp4Writer.TIMESCALE;
    static final long NO_NEXT = Long.MIN_VALUE;
    /**
     * How far a picture's time may stray from its arrival (docs/time.md): above the jitter
     * of a camera's network and of the read pacing (100 ms), and of its encoder clock's drift
     * over minutes; small against the 14-day retention and the time a viewer looks for.
     */
    public static final Duration DEFAULT_TIME_TOLERANCE = Duration.ofSeconds(2);
    /**
     * A tolerance no camera reaches: camera time is taken as it is. Only for replaying
     * recorded packets faster than real time (tests), which the bound would rightly correct.
     */
    public static final Duration UNBOUNDED_TIME = Duration.ofDays(365);

    private final SegmentLimits limits;
    private final SegmentOutput output;
    private final ProblemReporter problems;

    // per camera, across sessions
    private final SegmentTimelines timelines;
    private final CameraTimeGuard timeGuard;
    private final PendingPictures pending = new PendingPictures();
    private long framesDropped;

    // per session
    private SessionPictures session;
    private PictureClassifier classifier;
    private boolean anchored;
    private boolean firstOfSession;
    private long newestTs;

    // segment in progress
    /** Configuration of the open segment; null while nothing is stored (the next picture stored must be a keyframe). */
    private CodecConfig segmentConfig;
    /** Configuration of the segment the pending cut starts. */
    private CodecConfig cutConfig;
    /** The RASL pictures of the newest keyframe refer to pictures that are not stored before it. */
    private boolean raslUndecodable;

    public Segmenter(Duration target, LongSupplier wallMillis, SegmentOutput output, ProblemReporter problems) {
        this(target, DEFAULT_TIME_TOLERANCE, wallMillis, output, problems);
    }

    /**
     * @param timeTolerance how far a picture's time may stray from its arrival before it is
     *     corrected ({@link CameraTimeGuard}), or {@link #UNBOUNDED_TIME}
     */
    public Segmenter(Duration target, Duration timeTolerance, LongSupplier wallMillis, SegmentOutput output, ProblemReporter problems) {
        this(SegmentLimits.forTarget(target), timeTolerance, wallMillis, output, problems);
    }

    /**
     * @param capTicks longest a segment may grow without a keyframe (90 kHz ticks)
     * @param capBytes most bytes it may hold without a keyframe
     *     (other caps than the defaults: for tests that reach them quickly)
     */
    public Segmenter(Duration target, long capTicks, long capBytes, LongSupplier wallMillis, SegmentOutput output,
                     ProblemReporter problems) {
        this(target, capTicks, capBytes, DEFAULT_TIME_TOLERANCE, wallMillis, output, problems);
    }

    /** @param timeTolerance see {@link #Segmenter(Duration, Duration, LongSupplier, SegmentOutput, ProblemReporter)} */
    public Segmenter(Duration target, long capTicks, long capBytes, Duration timeTolerance, LongSupplier wallMillis,
                     SegmentOutput output, ProblemReporter problems) {
        this(SegmentLimits.withCaps(target, capTicks, capBytes), timeTolerance, wallMillis, output, problems);
    }

    private Segmenter(SegmentLimits limits, Duration timeTolerance, LongSupplier wallMillis, SegmentOutput output,
                      ProblemReporter problems) {
        this.limits = limits;
        this.timeGuard = new CameraTimeGuard(timeTolerance, problems);
        this.timelines = new SegmentTimelines(wallMillis);
        this.output = output;
        this.problems = problems;
    }

    /** A new session: parameter sets from the SDP (may be empty), timestamps from scratch. */
    public void startSession(VideoCodec codec, List<byte[]> sdpParameterSets) {
        this.session = new SessionPictures(codec, sdpParameterSets, problems);
        this.classifier = new PictureClassifier(codec, problems);
        this.anchored = false;
        this.timeGuard.startSession();
        this.firstOfSession = true;
        this.segmentConfig = null;
        this.cutConfig = null;
        this.pending.clear();
    }

    /** End of session: stores the partial segment (it starts at a keyframe by construction). */
    public void endSession() {
        closeAll();
    }

    /**
     * One access unit, in decoding order: stored in the segment in progress, or starting
     * the next one (a keyframe), or dropped and counted when it cannot be decoded.
     */
    public void accept(AccessUnit au, long arrivalNanos) {
        if (session == null) return;
        List<byte[]> picture = session.pictureNals(au);
        if (picture.isEmpty()) return;
        long ts = timeGuard.correct(au.timestamp(), arrivalNanos);
        if (!anchored) anchor(ts, arrivalNanos);
        if (pending.mergeIntoNewest(picture, ts, au.keyframe(), arrivalNanos)) return;
        closeOnJump(ts, arrivalNanos);
        newestTs = Math.max(newestTs, ts);

        CodecConfig config = session.config();
        PictureClassifier.Kind kind = classifier.classify(picture, au.keyframe(), ts);
        // Leading pictures all precede the keyframe's other pictures in decoding order:
        // the first picture that is not one completes the segment the keyframe starts.
        if (pending.hasCut() && !kind.leading()) finishCut();
        boolean stored = kind.keyframe() ? admitKeyframe(config, kind, ts) : admitPicture(kind, PendingPictures.cost(picture));
        if (!stored) return;
        pending.add(new PendingPicture(picture, ts, kind.keyframe(), kind.mark(), arrivalNanos));
        if (pending.cutIsNewest() && !kind.mayHaveLeadingPictures()) finishCut();
    }

    /**
     * A timestamp jump closes what is pending and re-anchors the wall clock. With the time
     * guard on, a jump ahead is corrected before it gets here, and a step back by more than
     * reordering explains too: this is what remains when camera time is unbounded.
     */
    private void closeOnJump(long ts, long arrivalNanos) {
        long step = ts - newestTs;
        if (step > MAX_FRAME_INTERVAL || step < -MAX_FRAME_INTERVAL) {
            problems.report("timestamp-jump", "RTP timestamp jumped by " + step + " ticks (" + step / 90 + " ms); segment closed, wall clock re-anchored");
            closeAll();
            anchor(ts, arrivalNanos);
        }
    }

    /**
     * A keyframe: starts a session's first segment, or marks where the next segment starts
     * (target duration reached, or a new init), or stays inside the segment. False when it
     * cannot be stored (no parameter sets yet): dropped and counted.
     */
    private boolean admitKeyframe(CodecConfig config, PictureClassifier.Kind kind, long ts) {
        if (config == null) {
            framesDropped++;
            raslUndecodable = true; // their keyframe is not stored
            session.reportKeyframeWithoutParameterSets();
            return false;
        }
        if (segmentConfig == null) {
            segmentConfig = config; // a session's first segment, or the first after a jump
            raslUndecodable = true; // the pictures before this keyframe were not stored
        } else if (!config.sameAs(segmentConfig) || ts - pending.firstTimestamp() >= limits.targetTicks()) {
            pending.cutAtNext(); // a new segment starts here, maybe with a new init
            cutConfig = config;
            // A new init ends playback of the previous segments (the viewer joins only
            // segments with the same init): RASL pictures could not refer to them.
            raslUndecodable = !config.sameAs(segmentConfig) || kind.bla();
        } else {
            raslUndecodable = kind.bla(); // a keyframe inside the segment
        }
        return true;
    }

    /**
     * A picture that is not a keyframe: stored unless nothing before it can be decoded
     * (no keyframe yet, or a leading picture whose references were not stored) or the
     * segment reached its cap without a keyframe.
     */
    private boolean admitPicture(PictureClassifier.Kind kind, long cost) {
        if (segmentConfig == null) {
            framesDropped++; // waiting for the first keyframe: nothing before it can be decoded
            return false;
        }
        if (kind.undecodableLeading() && raslUndecodable) {
            framesDropped++; // refers to pictures that were not stored before its keyframe
            return false;
        }
        if (limits.overCap(pending, newestTs, cost)) {
            // No keyframe for far too long: store what is pending (it starts at a keyframe, so
            // it plays) and drop the pictures until the next keyframe, which cannot be decoded
            // without the ones before them (see docs/ingest.md, "Segments", for why they are
            // not stored as a segment that starts without a keyframe).
            long span = newestTs - pending.firstTimestamp();
            long held = pending.bytes();
            closeAll();
            framesDropped++;
            problems.report("no-keyframe", "no keyframe for " + span / 90 + " ms (" + held / 1024 + " KiB pending; "
                    + limits.describeCap() + "): segment stored as it is, pictures dropped until the next keyframe");
            return false;
        }
        return true;
    }

    /** Closes the segment before the cut keyframe, lasting until the earliest of its leading pictures (or it) is shown. */
    private void finishCut() {
        framesDropped += pending.dropLeadingShownBeforeCut();
        long next = pending.earliestFromCut();
        closeSegment(pending.takeBeforeCut(), next);
        segmentConfig = cutConfig;
        cutConfig = null;
    }

    /** Stores everything pending (session end, timestamp jump, cap); the next picture stored must be a keyframe. */
    private void closeAll() {
        if (pending.hasCut()) finishCut();
        closeSegment(pending.takeAll(), NO_NEXT);
        segmentConfig = null;
        if (classifier != null) classifier.forgetKeyframe();
    }

    private void anchor(long ts, long arrivalNanos) {
        anchored = true;
        newestTs = ts;
        timelines.anchor(ts);
        timeGuard.anchor(ts, arrivalNanos);
    }

    /**
     * Writes {@code frames} as one segment and hands it to the output (timing:
     * {@link SegmentTimelines#segment}).
     *
     * @param nextTs first presentation time of the next segment (its keyframe or that
     *               keyframe's earliest leading picture), or {@link #NO_NEXT}
     */
    private void closeSegment(List<PendingPicture> frames, long nextTs) {
        if (frames.isEmpty() || segmentConfig == null) return;
        Segment segment = timelines.segment(segmentConfig, frames, nextTs, firstOfSession);
        firstOfSession = false;
        if (!output.offer(segment)) previousSegmentLost();
    }

    /**
     * The segment just offered to the output will not be stored (the recorder's disk queue
     * was full). The pictures that lead the keyframe starting the next segment (H.265 RASL,
     * H.264 open-GOP leading pictures) refer to pictures of that segment: played after the
     * hole they would decode from the wrong references and show garbage without any error,
     * so they are dropped and counted like those of a session's first keyframe.
     */
    private void previousSegmentLost() {
        framesDropped += pending.dropUndecodableLeading();
        raslUndecodable = true; // and those of this keyframe still to come
    }

    /**
     * Frames that could not be stored: before the first keyframe or parameter sets, leading
     * pictures whose references were not stored, pictures after a segment closed at its cap
     * until the next keyframe.
     */
    public long framesDropped() {
        return framesDropped;
    }
}
