package io.vigil.storage;

import java.time.Instant;
import java.util.Objects;

/**
 * How much a camera's picture changed at one keyframe (issue 12's activity line): the
 * share of a small grey copy of the picture that differs from the camera's previous
 * measured keyframe, in thousandths ({@code 0} nothing moved, {@code 1000} all of it).
 * Measured at ingest, stored beside the segment the keyframe starts and erased with it.
 * Derived from footage: served only inside a viewing grant.
 *
 * @param time   the footage time of the keyframe (the start of its segment)
 * @param change 0..{@value #MAX}
 */
public record ActivitySample(Instant time, int change) {
    public static final int MAX = 1000;

    public ActivitySample {
        Objects.requireNonNull(time, "time");
        if (change < 0 || change > MAX) throw new IllegalArgumentException("change must be 0.." + MAX + ", got " + change);
    }
}
