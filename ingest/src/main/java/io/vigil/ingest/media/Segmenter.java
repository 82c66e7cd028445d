package io.vigil.ingest.media;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Cuts one camera's access units into self-contained fMP4 segments. A segment starts at
 * a keyframe and ends at the first keyframe at or after the target duration, or earlier
 * when the parameter sets change (the next segment then carries a new init), the RTP
 * timestamps jump, or the session ends.
 *
 * <p>Two timelines are kept. Decode time (tfdt, 90 kHz) is the running sum of sample
 * durations over the camera's whole life in this process, so consecutive segments with
 * the same init concatenate into one playable stream even across reconnects. Wall-clock
 * time comes from mapping RTP time onto the clock at the first frame of a session
 * (re-anchored after a timestamp jump) and is kept monotonic per camera: a segment never
 * starts before the previous one ended.
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
    /** A finished segment, ready to store: its file as consecutive parts (see {@link Fmp4Writer#segmentParts}). */
    public record Segment(CodecConfig config, Instant start, Instant end, int frames, List<java.nio.ByteBuffer> parts,
                          long lastFrameArrivalNanos, boolean firstOfSession) {
        /** The whole file in one array (a copy: for tests and tools, not the recording path). */
        public byte[] fmp4() {
            return Fmp4Writer.concat(parts);
        }

        public long bytes() {
            long n = 0;
            for (java.nio.ByteBuffer p : parts) n += p.remaining();
            return n;
        }
    }

    /**
     * A timestamp further than this from the newest one seen (either way) is a jump, not a
     * frame interval or B-frame reordering.
     */
    static final long MAX_FRAME_INTERVAL = 5L * Fmp4Writer.TIMESCALE;
    private static final long NO_NEXT = Long.MIN_VALUE;
    private static final int DEFAULT_FRAME_DURATION = Fmp4Writer.TIMESCALE / 15;
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

    private record Pending(List<byte[]> nals, long timestamp, boolean keyframe, Fmp4Writer.Leading leading, long arrivalNanos) {}

    private final long targetTicks;
    private final long capTicks;
    private final long capBytes;
    private final LongSupplier wallMillis;
    private final Consumer<Segment> output;
    private final ProblemReporter problems;

    // per camera, across sessions
    private long decodeTime;
    private long fragmentSequence = 1;
    private long lastWallEndMillis = Long.MIN_VALUE;
    private long framesDropped;
    /**
     * Largest reordering (B-frames) seen: every segment's composition offsets are shifted by
     * it. Kept from segment to segment, never lowered, so a segment whose own reordering is
     * smaller (a session's last, cut inside a mini-GOP) is not shown earlier than the
     * previous segment's last pictures.
     */
    private long reorderDelay;

    // per session
    private VideoCodec codec;
    private CodecConfig.Tracker tracker;
    private boolean anchored;
    private long anchorTs;
    private long anchorWallMillis;
    private boolean firstOfSession;
    private boolean warnedNoParameterSets;
    private long newestTs;

    // segment in progress
    private CodecConfig segmentConfig;
    private final List<Pending> pending = new ArrayList<>();
    private int lastDuration = DEFAULT_FRAME_DURATION;
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

    public Segmenter(java.time.Duration target, LongSupplier wallMillis, Consumer<Segment> output, ProblemReporter problems) {
        this(target, Math.max(10 * Math.max(1, target.toMillis() * 90), MIN_CAP_TICKS), DEFAULT_CAP_BYTES, wallMillis, output, problems);
    }

    /**
     * @param capTicks longest a segment may grow without a keyframe (90 kHz ticks)
     * @param capBytes most bytes it may hold without a keyframe
     */
    Segmenter(java.time.Duration target, long capTicks, long capBytes, LongSupplier wallMillis, Consumer<Segment> output,
              ProblemReporter problems) {
        this.targetTicks = Math.max(1, target.toMillis() * 90);
        this.capTicks = capTicks;
        this.capBytes = capBytes;
        this.wallMillis = wallMillis;
        this.output = output;
        this.problems = problems;
    }

    /** A new session: parameter sets from the SDP (may be empty), timestamps from scratch. */
    public void startSession(VideoCodec codec, List<byte[]> sdpParameterSets) {
        this.codec = codec;
        this.tracker = new CodecConfig.Tracker(codec);
        for (byte[] nal : sdpParameterSets) tracker.offer(nal);
        this.anchored = false;
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

    public void accept(AccessUnit au, long arrivalNanos) {
        if (tracker == null) return;
        List<byte[]> picture = new ArrayList<>(au.nals().size());
        for (byte[] nal : au.nals()) {
            if (tracker.offer(nal)) continue;
            if (codec.isAud(codec.nalType(nal))) continue;
            picture.add(nal);
        }
        if (picture.isEmpty()) return;
        long size = bytes(picture); // what it costs the heap while pending
        long ts = au.timestamp();
        if (!anchored) anchor(ts);

        if (!pending.isEmpty()) {
            Pending last = pending.get(pending.size() - 1);
            if (ts == last.timestamp()) { // same picture split by a stray marker bit
                List<byte[]> merged = new ArrayList<>(last.nals());
                merged.addAll(picture);
                pending.set(pending.size() - 1, new Pending(merged, last.timestamp(), last.keyframe() || au.keyframe(),
                        last.leading(), arrivalNanos));
                pendingBytes += size;
                return;
            }
        }
        long step = ts - newestTs;
        if (step > MAX_FRAME_INTERVAL || step < -MAX_FRAME_INTERVAL) {
            problems.report("timestamp-jump", "RTP timestamp jumped by " + step + " ticks (" + step / 90 + " ms); segment closed, wall clock re-anchored");
            closeAll();
            anchor(ts);
        }
        newestTs = Math.max(newestTs, ts);

        CodecConfig config;
        try {
            config = tracker.config();
        } catch (RtpParseException e) {
            problems.report("bad-parameter-sets", "unusable SPS: " + e.getMessage());
            config = null;
        }
        int type = codec.pictureType(picture);
        boolean keyframe = au.keyframe();
        boolean recoveryPoint = false;
        if (!keyframe && codec == VideoCodec.H264) {
            // H.264 open GOP: an I picture with a recovery point SEI is where decoding may start
            H264RecoveryPoint.Result rp = H264RecoveryPoint.of(picture);
            if (rp.malformed() != null) problems.report("malformed-sei", rp.malformed());
            recoveryPoint = rp.randomAccess();
            keyframe = recoveryPoint;
        }
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
        if (keyframe) {
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
                return;
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
        } else if (segmentConfig == null) {
            framesDropped++; // waiting for the first keyframe: nothing before it can be decoded
            return;
        } else if (undecodableLeading && raslUndecodable) {
            framesDropped++; // refers to pictures that were not stored before its keyframe
            return;
        } else if (overCap(size)) {
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
            return;
        }
        Fmp4Writer.Leading mark = undecodableLeading ? Fmp4Writer.Leading.UNDECODABLE
                : codec.isRadl(type) ? Fmp4Writer.Leading.DECODABLE : Fmp4Writer.Leading.UNKNOWN;
        pending.add(new Pending(picture, ts, keyframe, mark, arrivalNanos));
        pendingBytes += size;
        // Without leading pictures to wait for (H.264 IDR, H.265 IDR_N_LP/BLA_N_LP) the previous segment is complete now.
        if (cut == pending.size() - 1 && !codec.mayHaveLeadingPictures(type) && !recoveryPoint) finishCut();
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

    private void anchor(long ts) {
        anchored = true;
        newestTs = ts;
        anchorTs = ts;
        anchorWallMillis = wallMillis.getAsLong();
    }

    /**
     * Writes the pending pictures as one segment. RTP timestamps are presentation times;
     * with B-frames they are not in decoding order, so decode times are the same values
     * sorted (each picture's decode time is the i-th smallest timestamp of the segment,
     * shifted back by the largest reordering so no picture decodes after it is shown) and
     * the difference goes into the composition offset. Without B-frames the offsets are 0.
     *
     * @param count  how many of the pending pictures (the first ones) make the segment
     * @param nextTs first presentation time of the next segment (its keyframe or that
     *               keyframe's earliest leading picture), or {@link #NO_NEXT}: the last
     *               picture then lasts as long as the one before
     */
    private void closeSegment(int count, long nextTs) {
        List<Pending> frames = pending.subList(0, count); // a view: cleared below, which removes them from pending
        if (frames.isEmpty() || segmentConfig == null) {
            frames.clear();
            recountPendingBytes();
            return;
        }
        int n = frames.size();
        long[] sorted = new long[n];
        for (int i = 0; i < n; i++) sorted[i] = frames.get(i).timestamp();
        java.util.Arrays.sort(sorted);
        long delay = reorderDelay;
        for (int i = 0; i < n; i++) delay = Math.max(delay, sorted[i] - frames.get(i).timestamp());
        reorderDelay = delay;
        List<Fmp4Writer.Sample> samples = new ArrayList<>(n);
        long ticks = 0;
        for (int i = 0; i < n; i++) {
            Pending p = frames.get(i);
            long duration = i + 1 < n ? sorted[i + 1] - sorted[i] : (nextTs == NO_NEXT ? 0 : nextTs - sorted[i]);
            if (duration <= 0 || duration > MAX_FRAME_INTERVAL) duration = lastDuration;
            lastDuration = (int) duration;
            ticks += duration;
            samples.add(new Fmp4Writer.Sample(p.nals(), (int) duration, p.keyframe(), (int) (p.timestamp() - sorted[i] + delay), p.leading()));
        }
        List<java.nio.ByteBuffer> fmp4 = Fmp4Writer.segmentParts(segmentConfig, fragmentSequence++, decodeTime, samples);
        decodeTime += ticks;

        long firstTs = sorted[0];
        long startMillis = Math.max(anchorWallMillis + Math.floorDiv(firstTs - anchorTs, 90), lastWallEndMillis);
        long endMillis = Math.max(startMillis + 1, anchorWallMillis + Math.floorDiv(firstTs + ticks - anchorTs, 90));
        lastWallEndMillis = endMillis;
        Pending lastFrame = frames.get(n - 1);
        Segment segment = new Segment(segmentConfig, Instant.ofEpochMilli(startMillis), Instant.ofEpochMilli(endMillis),
                n, fmp4, lastFrame.arrivalNanos(), firstOfSession);
        firstOfSession = false;
        frames.clear();
        recountPendingBytes();
        output.accept(segment);
    }

    /**
     * The segment just handed to the output will not be stored (the recorder's disk queue
     * was full). The pictures that lead the keyframe starting the next segment (H.265 RASL,
     * H.264 open-GOP leading pictures) refer to pictures of that segment: played after the
     * hole they would decode from the wrong references and show garbage without any error,
     * so they are dropped and counted like those of a session's first keyframe. Call it
     * from the output consumer, while the segment is being handed over.
     */
    public void previousSegmentLost() {
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
