package io.vigil.storage.segments;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vigil.config.CameraId;
import io.vigil.storage.SegmentInfo;
import io.vigil.storage.SegmentKey;
import io.vigil.storage.Span;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimelineBuilderTest {
    static Instant t(long s) {
        return Instant.ofEpochSecond(1_000_000 + s);
    }

    static SegmentInfo seg(long fromMs, long toMs) {
        long base = 1_000_000_000L;
        return new SegmentInfo(new SegmentKey(CameraId.of("c"), base + fromMs, fromMs), Instant.ofEpochMilli(base + fromMs),
                Instant.ofEpochMilli(base + toMs), 1, 1);
    }

    static long ms(long s) {
        return t(s).toEpochMilli();
    }

    @Test
    void jitterBelowToleranceMergesAndLargerHolesAreGaps() {
        List<Span> spans = TimelineBuilder.build(ms(0), ms(20), List.of(seg(0, 2000), seg(2500, 4000), seg(6000, 8000)), List.of());
        assertEquals(List.of(Span.recorded(t(0), t(4)), Span.gap(t(4), t(6), null), Span.recorded(t(6), t(8)),
                Span.gap(t(8), t(20), null)), spans);
    }

    @Test
    void reportedGapsSplitAnUnrecordedStretchAndNeverHideRecordings() {
        List<TimelineBuilder.ReportedGap> gaps = List.of(
                new TimelineBuilder.ReportedGap(ms(2), ms(5), "camera unreachable"),
                new TimelineBuilder.ReportedGap(ms(9), ms(30), "not recording"));
        List<Span> spans = TimelineBuilder.build(ms(0), ms(14), List.of(seg(0, 3000), seg(10_000, 12_000)), gaps);
        assertEquals(List.of(
                Span.recorded(t(0), t(3)),
                Span.gap(t(3), t(5), "camera unreachable"),
                Span.gap(t(5), t(9), null),
                Span.gap(t(9), t(10), "not recording"),
                Span.recorded(t(10), t(12)),
                Span.gap(t(12), t(14), "not recording")), spans);
    }

    @Test
    void emptyWindowIsOneGap() {
        assertEquals(List.of(Span.gap(t(0), t(1), null)), TimelineBuilder.build(ms(0), ms(1), List.of(), List.of()));
    }
}
