package io.vigil.ingest.fmp4;

import io.vigil.ingest.codec.CodecConfig;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The two timelines of one camera's segments (see {@link Segmenter}): decode time (tfdt,
 * 90 kHz), the running sum of sample durations over the camera's whole life in this
 * process, so consecutive segments concatenate into one stream even across reconnects;
 * and wall-clock time, RTP time mapped onto the clock at an anchor (a session's first
 * frame, or after a timestamp jump), kept monotonic: a segment never starts before the
 * previous one ended. Not thread-safe: used by its segmenter only.
 */
final class SegmentTimelines {
    private static final int DEFAULT_FRAME_DURATION = Fmp4Writer.TIMESCALE / 15;

    private final LongSupplier wallMillis;
    private long decodeTime;
    private long fragmentSequence = 1;
    private long lastWallEndMillis = Long.MIN_VALUE;
    /**
     * Largest reordering (B-frames) seen: every segment's composition offsets are shifted by
     * it. Kept from segment to segment, never lowered, so a segment whose own reordering is
     * smaller (a session's last, cut inside a mini-GOP) is not shown earlier than the
     * previous segment's last pictures.
     */
    private long reorderDelay;
    private int lastDuration = DEFAULT_FRAME_DURATION;
    private long anchorTs;
    private long anchorWallMillis;

    SegmentTimelines(LongSupplier wallMillis) {
        this.wallMillis = wallMillis;
    }

    /** RTP time {@code ts} is now on the wall clock. */
    void anchor(long ts) {
        anchorTs = ts;
        anchorWallMillis = wallMillis.getAsLong();
    }

    /**
     * Writes {@code frames} as one segment. RTP timestamps are presentation times; with
     * B-frames they are not in decoding order, so decode times are the same values sorted
     * (each picture's decode time is the i-th smallest timestamp of the segment, shifted
     * back by the largest reordering so no picture decodes after it is shown) and the
     * difference goes into the composition offset. Without B-frames the offsets are 0.
     *
     * @param nextTs first presentation time of the next segment (its keyframe or that
     *               keyframe's earliest leading picture), or {@link Segmenter#NO_NEXT}: the
     *               last picture then lasts as long as the one before
     */
    Segment segment(CodecConfig config, List<PendingPicture> frames, long nextTs, boolean firstOfSession) {
        int n = frames.size();
        long[] sorted = new long[n];
        for (int i = 0; i < n; i++) sorted[i] = frames.get(i).timestamp();
        Arrays.sort(sorted);
        long delay = reorderDelay;
        for (int i = 0; i < n; i++) delay = Math.max(delay, sorted[i] - frames.get(i).timestamp());
        reorderDelay = delay;
        List<Fmp4Writer.Sample> samples = new ArrayList<>(n);
        long ticks = 0;
        for (int i = 0; i < n; i++) {
            PendingPicture p = frames.get(i);
            long duration = i + 1 < n ? sorted[i + 1] - sorted[i] : (nextTs == Segmenter.NO_NEXT ? 0 : nextTs - sorted[i]);
            if (duration <= 0 || duration > Segmenter.MAX_FRAME_INTERVAL) duration = lastDuration;
            lastDuration = (int) duration;
            ticks += duration;
            samples.add(new Fmp4Writer.Sample(p.nals(), (int) duration, p.keyframe(), (int) (p.timestamp() - sorted[i] + delay), p.leading()));
        }
        List<ByteBuffer> fmp4 = Fmp4Writer.segmentParts(config, fragmentSequence++, decodeTime, samples);
        decodeTime += ticks;

        long firstTs = sorted[0];
        long startMillis = Math.max(anchorWallMillis + Math.floorDiv(firstTs - anchorTs, 90), lastWallEndMillis);
        long endMillis = Math.max(startMillis + 1, anchorWallMillis + Math.floorDiv(firstTs + ticks - anchorTs, 90));
        lastWallEndMillis = endMillis;
        PendingPicture lastFrame = frames.get(n - 1);
        return new Segment(config, Instant.ofEpochMilli(startMillis), Instant.ofEpochMilli(endMillis),
                n, fmp4, lastFrame.arrivalNanos(), firstOfSession);
    }
}
