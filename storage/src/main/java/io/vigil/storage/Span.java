package io.vigil.storage;

import java.time.Instant;

/**
 * A stretch of a camera's timeline: either recorded footage (merged from adjacent
 * segments) or a gap, with the reason when the recorder reported one
 * ("camera unreachable", "not recording", ...).
 */
public record Span(Instant start, Instant end, boolean recorded, String gapReason) {
    public static Span recorded(Instant start, Instant end) {
        return new Span(start, end, true, null);
    }

    public static Span gap(Instant start, Instant end, String reason) {
        return new Span(start, end, false, reason);
    }
}
