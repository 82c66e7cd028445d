package io.vigil.ingest.fmp4;

import java.time.Duration;

/**
 * Keeps a camera's picture times honest against their arrival (docs/time.md, "Camera time
 * is bounded by arrival"). A picture's RTP time, counted from the session's first picture,
 * may not run ahead of the time that really passed since that picture arrived (monotonic
 * clock) by more than the tolerance, nor fall behind it by more than {@link #BEHIND_LIMIT},
 * and it may not step back further than B-frame reordering explains. A picture outside these
 * bounds gets a corrected time: the previous picture's plus the usual picture interval
 * when that lies inside the bounds, else its arrival. Every later picture of the session
 * keeps the same correction, so the camera's own rhythm is kept until it strays again.
 *
 * <p>Why arrival and not the camera: a picture cannot be filmed after it arrived, and a
 * camera (or a publisher) that steps its timestamps would otherwise store seconds of
 * footage as hours ending in the future, which the 14-day purge would keep too long and
 * which would falsify evidence times. Why correct rather than refuse: the pictures are
 * real footage; refusing them would lose it, while a corrected time is off by at most the
 * tolerance.
 *
 * <p>Works in 90 kHz ticks on the unwrapped timeline. Not thread-safe: its segmenter's.
 */
final class CameraTimeGuard {
    /** How far a picture may be shown before the newest one (B-frame reordering) before it is a step back. */
    static final long REORDER_LIMIT = Fmp4Writer.TIMESCALE;
    private static final long DEFAULT_INTERVAL = Fmp4Writer.TIMESCALE / 25;
    /**
     * How far behind its arrival a picture's time may fall: 15 s. Not the (small) tolerance:
     * a picture may arrive late for real (a network stall delivers seconds of pictures in one
     * burst), and then its camera time is the better one; a stall of 10 s ends the session
     * (the stall timeout), so a picture further behind than that is a camera clock that runs
     * slow or stood still, not a late delivery.
     */
    static final long BEHIND_LIMIT = 15L * Fmp4Writer.TIMESCALE;

    private final long toleranceTicks;
    private final long behindTicks;
    private final ProblemReporter problems;
    private boolean started;
    private long offset;
    private long anchorTs;
    private long anchorNanos;
    private long newestTs;
    private long interval = DEFAULT_INTERVAL;

    /** @param tolerance how far a picture's time may stray from its arrival */
    CameraTimeGuard(Duration tolerance, ProblemReporter problems) {
        if (tolerance.isNegative()) throw new IllegalArgumentException("camera time tolerance must not be negative: " + tolerance);
        this.toleranceTicks = tolerance.toMillis() * 90;
        this.behindTicks = Math.max(toleranceTicks, BEHIND_LIMIT);
        this.problems = problems;
    }

    /** A new session: its first picture is the new reference. */
    void startSession() {
        started = false;
    }

    /** From now on, corrected time {@code ts} is the reference for a picture that arrived at {@code arrivalNanos}. */
    void anchor(long ts, long arrivalNanos) {
        anchorTs = ts;
        anchorNanos = arrivalNanos;
        newestTs = ts;
    }

    /** The corrected time of a picture with unwrapped RTP time {@code rawTs} that arrived at {@code arrivalNanos}. */
    long correct(long rawTs, long arrivalNanos) {
        if (!started) {
            started = true;
            offset = 0;
            anchor(rawTs, arrivalNanos);
            return rawTs;
        }
        long ts = rawTs + offset;
        long arrived = anchorTs + Math.floorDiv(arrivalNanos - anchorNanos, 100_000L) * 9; // 0.1 ms = 9 ticks
        long high = arrived + toleranceTicks;
        long low = arrived - behindTicks;
        String kind = ts > high ? "camera-time-ahead" : ts < newestTs - REORDER_LIMIT ? "camera-time-backwards"
                : ts < low ? "camera-time-behind" : null;
        if (kind == null) {
            long step = ts - newestTs;
            if (step > 0 && step <= REORDER_LIMIT) interval = step;
            newestTs = Math.max(newestTs, ts);
            return ts;
        }
        long next = newestTs + interval;
        long fixed = next >= low && next <= high ? next : Math.max(newestTs + 1, arrived);
        problems.report(kind, "camera time " + describe(ts - arrived) + " the picture's arrival (tolerance "
                + toleranceTicks / 90 + " ms" + (kind.equals("camera-time-backwards") ? ", stepped back " + (newestTs - ts) / 90 + " ms" : "")
                + "): stored at the corrected time, moved by " + String.format(java.util.Locale.ROOT, "%+d", (fixed - ts) / 90) + " ms");
        offset += fixed - ts;
        newestTs = fixed;
        return fixed;
    }

    private static String describe(long ticks) {
        return ticks >= 0 ? ticks / 90 + " ms ahead of" : -ticks / 90 + " ms behind";
    }
}
