package io.vigil.ingest.fmp4;

import java.time.Duration;

/**
 * How long a segment should be and how large it may grow: the target duration (a segment
 * ends at the first keyframe at or after it) and the caps for a stream that stops sending
 * keyframes (a segment that reaches one is stored as it is, so such a stream cannot fill
 * the heap). Times in 90 kHz ticks.
 *
 * @param targetTicks the target duration
 * @param capTicks    longest a segment may grow without a keyframe to close it
 * @param capBytes    most bytes it may hold without one (see {@link PendingPictures#cost})
 */
record SegmentLimits(long targetTicks, long capTicks, long capBytes) {
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
     * counted with {@link PendingPictures#NAL_OVERHEAD} bytes more, so many tiny pictures
     * are bounded too.
     */
    static final long DEFAULT_CAP_BYTES = 32L << 20;

    /** The default caps for a target duration. */
    static SegmentLimits forTarget(Duration target) {
        long targetTicks = ticks(target);
        return new SegmentLimits(targetTicks, Math.max(10 * targetTicks, MIN_CAP_TICKS), DEFAULT_CAP_BYTES);
    }

    /** Other caps than the defaults: for tests that reach them quickly. */
    static SegmentLimits withCaps(Duration target, long capTicks, long capBytes) {
        return new SegmentLimits(ticks(target), capTicks, capBytes);
    }

    private static long ticks(Duration target) {
        return Math.max(1, target.toMillis() * 90);
    }

    /**
     * Whether adding a picture costing {@code cost} bytes would make the pending pictures
     * exceed a cap, the newest of them shown at {@code newestTs}.
     */
    boolean overCap(PendingPictures pending, long newestTs, long cost) {
        return !pending.isEmpty() && (newestTs - pending.firstTimestamp() >= capTicks || pending.bytes() + cost > capBytes);
    }

    /** Words for the log when a segment was stored at its cap. */
    String describeCap() {
        return "a segment holds at most " + capTicks / 90 + " ms or " + (capBytes >> 10) + " KiB without one";
    }
}
