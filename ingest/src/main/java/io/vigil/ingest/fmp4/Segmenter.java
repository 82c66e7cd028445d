package io.vigil.ingest.fmp4;

import io.vigil.ingest.codec.AccessUnit;
import io.vigil.ingest.codec.CodecConfig;
import io.vigil.ingest.codec.H264RecoveryPoint;
import io.vigil.ingest.codec.VideoCodec;
import io.vigil.ingest.rtp.RtpParseException;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Cuts one camera's access units into self-contained fMP4 segments. A segment starts at
 * a keyframe and ends at the first keyframe at or after the target duration, or earlier
 * when the parameter sets change (the next segment then carries a new init), the RTP
 * timestamps jump, or the session ends.
 *
 * <p>Why one class of about 400 lines: which pictures are stored, where a segment is
 * cut and when it may close are one state machine over one list of pending pictures
 * (keyframes, the leading pictures that follow them, the caps); split, each part would
 * need the others' state. What is separate is: the timelines ({@link SegmentTimelines}:
 * decode time across reconnects, wall-clock time), the boxes ({@link Fmp4Writer}), H.264
 * recovery points ({@link io.vigil.ingest.codec.H264RecoveryPoint}).
 *
 * <p>Leading pictures (H.265 RASL and RADL) follow their keyframe in decoding order but are
 * shown before it, so they belong to the segment their keyframe starts, and that segment
 * is shown from its earliest leading picture on. The previous segment is therefore closed
 * only when the keyframe's leading pictures have all arrived (at the first picture that is
 * not one): its last picture lasts until the next segment's first shown picture, so the
 * decode timeline, the presentation times and the wall-clock intervals of consecutive
 * segments meet without overlap or hole. RASL pictures refer to the previous group of
 * pictures: they are kept (marked as not decodable when playback starts at their keyframe)
 * when the previous segment holds that group, and dropped like frames before a session's
 * first keyframe when it does not (first keyframe of a session, after a timestamp jump or
 * a new init, and after a BLA picture, whose RASL pictures decoders never show).
 *
 * <p>Keyframes are H.264 IDR and H.265 IRAP pictures, and H.264 I pictures with a recovery
 * point SEI at distance 0 ({@link H264RecoveryPoint}: open GOP, which libx264 and cameras
 * send instead of IDRs). H.264 has no NAL unit type for leading pictures: those of such an
 * I picture are the pictures right after it in decoding order that are shown before it,
 * and they are handled exactly like RASL pictures.
 *
 * <p>A segment without a keyframe to close it is capped (ten target durations, at least
 * 30 s, or 32 MiB): it is stored as it is and the pictures until the next keyframe are
 * dropped and counted, so a stream that stops sending keyframes cannot fill the heap.
 *
 * <p>Not thread-safe: one session feeds it at a time (the recorder serialises).
 */
public final class Segmenter {
    /**
     * A timestamp further than this from the newest one seen (either way) is a jump, not a
     * frame interval or B-frame reordering.
     */
    static final long MAX_FRAME_INTERVAL = 5L * Fmp4Writer.TIMESCALE;
    static final long NO_NEXT = Long.MIN_VALUE;
    /**
     * Longest a segment may grow without a keyframe to close it: ten target durations, at
     * least 30 s. Far above any GOP a camera is configured with (a few seconds; "smart
     * codec" modes stretch it to 10-20 s at most seen), so only a broken or misconfigured
     * stream meets it, and small enough that such a stream costs at most a few tens of MiB
     * of heap per camera instead of growing until the process dies.
     */
    static final long MIN_CAP_TICKS = 30L * Fmp4Writer.TIMESCALE;
    /**
     * Most bytes a segment may hold without a keyframe: 32 MiB, 32 times a normal 2 s
     * segment at 4 Mbit/s and 16 s of a 16 Mbit/s 4K stream. Bounds the heap when the time
     * cap is far away (high bit rates, timestamps that barely advance). Each NAL unit is
     * counted with {@link #NAL_OVERHEAD} bytes more, for its array and list entry, so many
     * tiny pictures are bounded too.
     */
    static final long DEFAULT_CAP_BYTES = 32L << 20;
    private static final int NAL_OVERHEAD = 64;
    /**
     * How far a picture's time may stray from its arrival (docs/time.md): above the jitter
     * of a camera's network and of the read pacing (100 ms), and of its encoder clock's drift
     * over minutes; small against the 14-day retention and the time a viewer looks for.
     */
    public static final java.time.Duration DEFAULT_TIME_TOLERANCE = java.time.Duration.ofSeconds(2);
    /**
     * A tolerance no camera reaches: camera time is taken as it is. Only for replaying
     * recorded packets faster than real time (tests), which the bound would rightly correct.
     */
    public static final java.time.Duration UNBOUNDED_TIME = java.time.Duration.ofDays(365);

    /** A picture waiting for its segment to close. */
    record Pending(List<byte[]> nals, long timestamp, boolean keyframe, Fmp4Writer.Leading leading, long arrivalNanos) {}

    private final long targetTicks;
    private final long capTicks;
    private final long capBytes;
    private final SegmentOutput output;
    private final ProblemReporter problems;

    // per camera, across sessions
    private final SegmentTimelines timelines;
    private final CameraTimeGuard timeGuard;
    private long framesDropped;

    // per session
    private VideoCodec codec;
    private CodecConfig.Tracker tracker;
    private boolean anchored;
    private boolean firstOfSession;
    private boolean warnedNoParameterSets;
    private long newestTs;

    // segment in progress
    private CodecConfig segmentConfig;
    private final List<Pending> pending = new ArrayList<>();
    /**
     * Index in {@link #pending} of the keyframe that starts the next segment while its
     * leading pictures are still arriving (the segment before it is not closed yet), or -1.
     */
    private int cut = -1;
    private CodecConfig cutConfig;
    /** The RASL pictures of the newest keyframe refer to pictures that are not stored before it. */
    private boolean raslUndecodable;
    /**
     * H.264 open GOP: timestamp of the newest stored keyframe that is an I picture with a
     * recovery point (not an IDR), while the pictures after it in decoding order are still
     * shown before it (its leading pictures); {@link #NO_NEXT} otherwise.
     */
    private long leadingBefore = NO_NEXT;
    /** Sizes of the pending pictures, as counted against {@link #capBytes}. */
    private long pendingBytes;

    public Segmenter(java.time.Duration target, LongSupplier wallMillis, SegmentOutput output, ProblemReporter problems) {
        this(target, DEFAULT_TIME_TOLERANCE, wallMillis, output, problems);
    }

    /**
     * @param timeTolerance how far a picture's time may stray from its arrival before it is
     *     corrected ({@link CameraTimeGuard}), or {@link #UNBOUNDED_TIME}
     */
    public Segmenter(java.time.Duration target, java.time.Duration timeTolerance, LongSupplier wallMillis, SegmentOutput output,
                     ProblemReporter problems) {
        this(target, Math.max(10 * Math.max(1, target.toMillis() * 90), MIN_CAP_TICKS), DEFAULT_CAP_BYTES, timeTolerance, wallMillis,
                output, problems);
    }

    /**
     * @param capTicks longest a segment may grow without a keyframe (90 kHz ticks)
     * @param capBytes most bytes it may hold without a keyframe
     *     (other caps than the defaults: for tests that reach them quickly)
     */
    public Segmenter(java.time.Duration target, long capTicks, long capBytes, LongSupplier wallMillis, SegmentOutput output,
              ProblemReporter problems) {
        this(target, capTicks, capBytes, DEFAULT_TIME_TOLERANCE, wallMillis, output, problems);
    }

    /** @param timeTolerance see {@link #Segmenter(java.time.Duration, java.time.Duration, LongSupplier, SegmentOutput, ProblemReporter)} */
    public Segmenter(java.time.Duration target, long capTicks, long capBytes, java.time.Duration timeTolerance, LongSupplier wallMillis,
                      SegmentOutput output, ProblemReporter problems) {
        this.timeGuard = new CameraTimeGuard(timeTolerance, problems);
        this.targetTicks = Math.max(1, target.toMillis() * 90);
        this.capTicks = capTicks;
        this.capBytes = capBytes;
        this.timelines = new SegmentTimelines(wallMillis);
        this.output = output;
        this.problems = problems;
    }

    /** A new session: parameter sets from the SDP (may be empty), timestamps from scratch. */
    public void startSession(VideoCodec codec, List<byte[]> sdpParameterSets) {
        this.codec = codec;
        this.tracker = new CodecConfig.Tracker(codec);
        for (byte[] nal : sdpParameterSets) tracker.offer(nal);
        this.anchored = false;
        this.timeGuard.startSession();
        this.firstOfSession = true;
        this.warnedNoParameterSets = false;
        this.segmentConfig = null;
        this.pending.clear();
        this.pendingBytes = 0;
        this.leadingBefore = NO_NEXT;
        this.cut = -1;
        this.cutConfig = null;
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
        if (tracker == null) return;
        List<byte[]> picture = pictureNals(au);
        if (picture.isEmpty()) return;
        long size = bytes(picture); // what it costs the heap while pending
        long ts = timeGuard.correct(au.timestamp(), arrivalNanos);
        if (!anchored) anchor(ts, arrivalNanos);
        if (mergedIntoLast(picture, ts, au.keyframe(), size, arrivalNanos)) return;
        closeOnJump(ts, arrivalNanos);
        newestTs = Math.max(newestTs, ts);

        CodecConfig config = currentConfig();
        int type = codec.pictureType(picture);
        boolean keyframe = au.keyframe();
        // H.264 open GOP: an I picture with a recovery point SEI is where decoding may start
        boolean recoveryPoint = !keyframe && codec == VideoCodec.H264 && isRecoveryPoint(picture);
        keyframe = keyframe || recoveryPoint;
        // H.264 has no NAL unit type for leading pictures: those of a recovery point I picture
        // are the pictures right after it in decoding order that are shown before it (open-GOP
        // B pictures referring to the previous group of pictures, like H.265 RASL pictures)
        boolean h264Leading = !keyframe && ts < leadingBefore;
        if (!h264Leading) leadingBefore = NO_NEXT;
        boolean undecodableLeading = codec.isRasl(type) || h264Leading;
        boolean leading = undecodableLeading || codec.isRadl(type);
        // Leading pictures all precede the keyframe's other pictures in decoding order:
        // the first picture that is not one completes the segment the keyframe starts.
        if (cut >= 0 && !leading) finishCut();
        boolean stored = keyframe ? admitKeyframe(config, type, ts, recoveryPoint) : admitPicture(undecodableLeading, size);
        if (!stored) return;
        Fmp4Writer.Leading mark = undecodableLeading ? Fmp4Writer.Leading.UNDECODABLE
                : codec.isRadl(type) ? Fmp4Writer.Leading.DECODABLE : Fmp4Writer.Leading.UNKNOWN;
        pending.add(new Pending(picture, ts, keyframe, mark, arrivalNanos));
        pendingBytes += size;
        // Without leading pictures to wait for (H.264 IDR, H.265 IDR_N_LP/BLA_N_LP) the previous segment is complete now.
        if (cut == pending.size() - 1 && !codec.mayHaveLeadingPictures(type) && !recoveryPoint) finishCut();
    }

    /** The access unit's NAL units that go into a sample: parameter sets (to the tracker) and delimiters left out. */
    private List<byte[]> pictureNals(AccessUnit au) {
        List<byte[]> picture = new ArrayList<>(au.nals().size());
        for (byte[] nal : au.nals()) {
            if (tracker.offer(nal)) continue;
            if (codec.isAud(codec.nalType(nal))) continue;
            picture.add(nal);
        }
        return picture;
    }

    /** Same timestamp as the newest pending picture: the same picture split by a stray marker bit; joined to it. */
    private boolean mergedIntoLast(List<byte[]> picture, long ts, boolean keyframe, long size, long arrivalNanos) {
        if (pending.isEmpty()) return false;
        Pending last = pending.get(pending.size() - 1);
        if (ts != last.timestamp()) return false;
        List<byte[]> merged = new ArrayList<>(last.nals());
        merged.addAll(picture);
        pending.set(pending.size() - 1, new Pending(merged, last.timestamp(), last.keyframe() || keyframe,
                last.leading(), arrivalNanos));
        pendingBytes += size;
        return true;
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

    /** The codec configuration from the parameter sets seen so far; null when they are missing or unusable. */
    private CodecConfig currentConfig() {
        try {
            return tracker.config();
        } catch (RtpParseException e) {
            problems.report("bad-parameter-sets", "unusable SPS: " + e.getMessage());
            return null;
        }
    }

    private boolean isRecoveryPoint(List<byte[]> picture) {
        H264RecoveryPoint.Result rp = H264RecoveryPoint.of(picture);
        if (rp.malformed() != null) problems.report("malformed-sei", rp.malformed());
        return rp.randomAccess();
    }

    /**
     * A keyframe: starts a session's first segment, or marks where the next segment starts
     * (target duration reached, or a new init), or stays inside the segment. False when it
     * cannot be stored (no parameter sets yet): dropped and counted.
     */
    private boolean admitKeyframe(CodecConfig config, int type, long ts, boolean recoveryPoint) {
        if (recoveryPoint) leadingBefore = ts;
        if (config == null) {
            framesDropped++;
            raslUndecodable = true; // their keyframe is not stored
            if (!warnedNoParameterSets) {
                warnedNoParameterSets = true;
                problems.report("no-parameter-sets", "keyframe without usable " + codec
                        + " parameter sets (none in the SDP fmtp nor in-band): nothing is stored until they arrive");
            } else {
                problems.report("no-parameter-sets", "still no parameter sets");
            }
            return false;
        }
        if (segmentConfig == null) {
            segmentConfig = config; // a session's first segment, or the first after a jump
            raslUndecodable = true; // the pictures before this keyframe were not stored
        } else if (!config.sameAs(segmentConfig) || ts - pending.get(0).timestamp() >= targetTicks) {
            cut = pending.size(); // a new segment starts here, maybe with a new init
            cutConfig = config;
            // A new init ends playback of the previous segments (the viewer joins only
            // segments with the same init): RASL pictures could not refer to them.
            raslUndecodable = !config.sameAs(segmentConfig) || codec.isBla(type);
        } else {
            raslUndecodable = codec.isBla(type); // a keyframe inside the segment
        }
        return true;
    }

    /**
     * A picture that is not a keyframe: stored unless nothing before it can be decoded
     * (no keyframe yet, or a leading picture whose references were not stored) or the
     * segment reached its cap without a keyframe.
     */
    private boolean admitPicture(boolean undecodableLeading, long size) {
        if (segmentConfig == null) {
            framesDropped++; // waiting for the first keyframe: nothing before it can be decoded
            return false;
        }
        if (undecodableLeading && raslUndecodable) {
            framesDropped++; // refers to pictures that were not stored before its keyframe
            return false;
        }
        if (overCap(size)) {
            // No keyframe for far too long: store what is pending (it starts at a keyframe, so
            // it plays) and drop the pictures until the next keyframe, which cannot be decoded
            // without the ones before them (see docs/ingest.md, "Segments", for why they are
            // not stored as a segment that starts without a keyframe).
            long span = newestTs - pending.get(0).timestamp();
            long stored = pendingBytes;
            closeAll();
            framesDropped++;
            problems.report("no-keyframe", "no keyframe for " + span / 90 + " ms (" + stored / 1024
                    + " KiB pending; a segment holds at most " + capTicks / 90 + " ms or " + (capBytes >> 10)
                    + " KiB without one): segment stored as it is, pictures dropped until the next keyframe");
            return false;
        }
        return true;
    }

    /** Whether adding a picture of {@code size} (see {@link #bytes}) would make the pending pictures exceed a cap (time or bytes). */
    private boolean overCap(long size) {
        return !pending.isEmpty()
                && (newestTs - pending.get(0).timestamp() >= capTicks || pendingBytes + size > capBytes);
    }

    /** What a picture costs the heap while pending, as counted against {@link #capBytes}. */
    private static long bytes(List<byte[]> picture) {
        long n = 0;
        for (byte[] nal : picture) n += nal.length + NAL_OVERHEAD;
        return n;
    }

    /**
     * Closes the segment before the keyframe at {@link #cut}, now that the keyframe's
     * leading pictures are known: it lasts until the earliest of them is shown (or the
     * keyframe, without any). A leading picture shown before a picture of the previous
     * segment (H.265 allows it for RASL, no encoder seen does it) would overlap that
     * segment and is dropped.
     */
    private void finishCut() {
        long previousNewest = Long.MIN_VALUE;
        for (int i = 0; i < cut; i++) previousNewest = Math.max(previousNewest, pending.get(i).timestamp());
        for (int i = pending.size() - 1; i > cut; i--) {
            if (pending.get(i).timestamp() <= previousNewest) {
                pending.remove(i);
                framesDropped++;
            }
        }
        long next = Long.MAX_VALUE;
        for (int i = cut; i < pending.size(); i++) next = Math.min(next, pending.get(i).timestamp());
        closeSegment(cut, next);
        segmentConfig = cutConfig;
        cutConfig = null;
        cut = -1;
    }

    /** Stores everything pending (session end, timestamp jump); the next picture stored must be a keyframe. */
    private void closeAll() {
        if (cut >= 0) finishCut();
        closeSegment(pending.size(), NO_NEXT);
        segmentConfig = null;
        leadingBefore = NO_NEXT;
    }

    private void anchor(long ts, long arrivalNanos) {
        anchored = true;
        newestTs = ts;
        timelines.anchor(ts);
        timeGuard.anchor(ts, arrivalNanos);
    }

    /**
     * Writes the first {@code count} pending pictures as one segment and hands it to the
     * output (timing: {@link SegmentTimelines#segment}).
     *
     * @param nextTs first presentation time of the next segment (its keyframe or that
     *               keyframe's earliest leading picture), or {@link #NO_NEXT}
     */
    private void closeSegment(int count, long nextTs) {
        List<Pending> frames = pending.subList(0, count); // a view: cleared below, which removes them from pending
        if (frames.isEmpty() || segmentConfig == null) {
            frames.clear();
            recountPendingBytes();
            return;
        }
        Segment segment = timelines.segment(segmentConfig, frames, nextTs, firstOfSession);
        firstOfSession = false;
        frames.clear();
        recountPendingBytes();
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
        for (int i = pending.size() - 1; i >= 1; i--) {
            if (pending.get(i).leading() == Fmp4Writer.Leading.UNDECODABLE) {
                pending.remove(i);
                framesDropped++;
            }
        }
        raslUndecodable = true; // and those of this keyframe still to come
        recountPendingBytes();
    }

    /** After a segment is taken out: only a keyframe and its leading pictures may be left. */
    private void recountPendingBytes() {
        pendingBytes = 0;
        for (Pending p : pending) pendingBytes += bytes(p.nals());
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
