package io.vigil.storage.segments;

import io.vigil.storage.SegmentInfo;
import io.vigil.storage.Span;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the segments and recorded gaps of one camera into a timeline that covers a window
 * whole: recorded spans (adjacent segments merged) and gaps between them, each gap carrying
 * the recorder's reason where it reported one and {@code null} where nothing was recorded
 * without explanation.
 */
final class TimelineBuilder {
    /**
     * Segments cut at keyframes rarely end on the exact millisecond the next begins; a hole
     * shorter than this is jitter, not a gap worth showing.
     */
    static final long MERGE_TOLERANCE_MILLIS = 1000;

    /** A reported gap, as stored by {@code recordGap}. */
    record ReportedGap(long from, long to, String reason) {}

    private TimelineBuilder() {}

    /**
     * @param segments segments overlapping [from, to), ordered by start
     * @param gaps     reported gaps overlapping [from, to), ordered by start
     */
    static List<Span> build(long from, long to, List<SegmentInfo> segments, List<ReportedGap> gaps) {
        List<long[]> recorded = new ArrayList<>();
        for (SegmentInfo s : segments) {
            long a = Math.max(from, s.start().toEpochMilli());
            long b = Math.min(to, s.end().toEpochMilli());
            if (b <= a) continue;
            long[] last = recorded.isEmpty() ? null : recorded.get(recorded.size() - 1);
            if (last != null && a <= last[1] + MERGE_TOLERANCE_MILLIS) {
                last[1] = Math.max(last[1], b);
            } else {
                recorded.add(new long[] {a, b});
            }
        }
        List<Span> out = new ArrayList<>();
        long cursor = from;
        for (long[] r : recorded) {
            if (r[0] > cursor) addGaps(out, cursor, r[0], gaps);
            out.add(Span.recorded(Instant.ofEpochMilli(r[0]), Instant.ofEpochMilli(r[1])));
            cursor = Math.max(cursor, r[1]);
        }
        if (cursor < to) addGaps(out, cursor, to, gaps);
        return out;
    }

    /** Fills [a, b) with gaps: reported reasons where reported, null elsewhere; equal neighbours merged. */
    private static void addGaps(List<Span> out, long a, long b, List<ReportedGap> gaps) {
        long cursor = a;
        for (ReportedGap g : gaps) {
            long ga = Math.max(cursor, g.from());
            long gb = Math.min(b, g.to());
            if (gb <= ga) continue;
            if (ga > cursor) addGap(out, cursor, ga, null);
            addGap(out, ga, gb, g.reason());
            cursor = gb;
        }
        if (cursor < b) addGap(out, cursor, b, null);
    }

    private static void addGap(List<Span> out, long a, long b, String reason) {
        if (!out.isEmpty()) {
            Span last = out.get(out.size() - 1);
            if (!last.recorded() && last.end().toEpochMilli() == a && java.util.Objects.equals(last.gapReason(), reason)) {
                out.set(out.size() - 1, Span.gap(last.start(), Instant.ofEpochMilli(b), reason));
                return;
            }
        }
        out.add(Span.gap(Instant.ofEpochMilli(a), Instant.ofEpochMilli(b), reason));
    }
}
