package io.vigil.gateway.media;

import io.vigil.config.CameraId;
import io.vigil.storage.SegmentInfo;
import io.vigil.storage.Span;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What a camera's footage over a requested range really is, found by reading every
 * segment in it (through {@link SegmentChecks}): the <b>parts</b> that play as one video
 * each (consecutive usable segments with the same init; a resolution or codec change
 * starts a new part), the recorded <b>spans</b>, and the <b>gaps</b> with their kind and
 * reason: not recorded (with the recorder's reason), or a stored segment that is damaged,
 * missing or unreadable. Playback, the viewer page, the export manifest and the ledger
 * all describe footage from this one plan, so none of them claims more than is there.
 *
 * <p>Only segments lying wholly inside the range are used (a segment is never cut), so
 * the map covers from the first such segment's start to the last one's end.
 */
public final class FootageMap {
    /** Closer than this, two stretches count as one: less than a frame at 10 fps. */
    static final Duration CONTIGUOUS = Duration.ofMillis(100);
    public static final String NOT_RECORDED = "not-recorded";
    /** Lost spans named one by one in a ledger entry; beyond, a count (the export manifest names all). */
    private static final int LEDGER_LOST_SHOWN = 20;

    /**
     * One video: segments with the same init, played (or exported) as one MP4. Footage time
     * of a player's current time t is {@code start() + t - delayMillis}.
     */
    public record Part(int index, List<SegmentInfo> segments, int width, int height, String codec, long delayMillis) {
        public Instant start() {
            return segments.get(0).start();
        }

        public Instant end() {
            return segments.get(segments.size() - 1).end();
        }
    }

    /** Footage that was recorded and reads back whole. */
    public record Recorded(Instant start, Instant end) {}

    /**
     * Time without playable footage.
     *
     * @param kind   {@code not-recorded}, or a {@link SegmentCheck.Fault} code
     * @param reason the recorder's reason for a not-recorded gap ("camera unreachable"), else empty
     */
    public record Gap(Instant start, Instant end, String kind, String reason) {}

    private final CameraId camera;
    private final Instant requestedFrom;
    private final Instant requestedTo;
    private final List<Part> parts;
    private final List<Recorded> spans;
    private final List<Gap> gaps;

    private FootageMap(CameraId camera, Instant from, Instant to, List<Part> parts, List<Recorded> spans, List<Gap> gaps) {
        this.camera = camera;
        this.requestedFrom = from;
        this.requestedTo = to;
        this.parts = List.copyOf(parts);
        this.spans = List.copyOf(spans);
        this.gaps = List.copyOf(gaps);
    }

    public static FootageMap plan(SegmentChecks checks, CameraId camera, Instant from, Instant to) {
        List<SegmentInfo> inside = new ArrayList<>();
        for (SegmentInfo s : checks.store().list(camera, from, to)) {
            if (!s.start().isBefore(from) && !s.end().isAfter(to)) inside.add(s);
        }
        Builder b = new Builder();
        if (!inside.isEmpty()) {
            Instant windowStart = inside.get(0).start();
            Instant windowEnd = inside.get(inside.size() - 1).end();
            List<Span> timeline = checks.store().timeline(camera, windowStart, windowEnd);
            Instant cursor = windowStart;
            for (SegmentInfo s : inside) {
                if (s.start().isAfter(cursor.plus(CONTIGUOUS))) b.gap(cursor, s.start(), NOT_RECORDED, reasonIn(timeline, cursor, s.start()));
                SegmentCheck c = checks.check(s.key());
                if (c.usable()) b.usable(s, c);
                else b.gap(s.start(), s.end(), c.fault().code(), "");
                if (s.end().isAfter(cursor)) cursor = s.end();
            }
        }
        return new FootageMap(camera, from, to, b.parts(), b.spans, b.gaps);
    }

    /** The recorder's reason for not recording in [from, to), or empty when it gave none. */
    private static String reasonIn(List<Span> timeline, Instant from, Instant to) {
        for (Span s : timeline) {
            if (!s.recorded() && s.gapReason() != null && !s.gapReason().isBlank()
                    && s.start().isBefore(to) && s.end().isAfter(from)) return s.gapReason();
        }
        return "";
    }

    public CameraId camera() {
        return camera;
    }

    public Instant requestedFrom() {
        return requestedFrom;
    }

    public Instant requestedTo() {
        return requestedTo;
    }

    public List<Part> parts() {
        return parts;
    }

    public List<Recorded> spans() {
        return spans;
    }

    public List<Gap> gaps() {
        return gaps;
    }

    public boolean isEmpty() {
        return parts.isEmpty();
    }

    /** Start of the first part (the first playable footage); requires a part. */
    public Instant footageStart() {
        return parts.get(0).start();
    }

    /** End of the last part; requires a part. */
    public Instant footageEnd() {
        return parts.get(parts.size() - 1).end();
    }

    /** The gaps that are stored footage lost (damaged, missing, unreadable), not time never recorded. */
    public List<Gap> lostFootage() {
        return gaps.stream().filter(g -> !g.kind().equals(NOT_RECORDED)).toList();
    }

    /** For the ledger entry of a viewing or an export: how many parts and gaps, and which footage was lost. */
    public java.util.Map<String, String> ledgerDetails() {
        java.util.Map<String, String> d = new java.util.LinkedHashMap<>();
        d.put("parts", Integer.toString(parts.size()));
        d.put("gaps", Integer.toString(gaps.size()));
        List<Gap> lost = lostFootage();
        if (!lost.isEmpty()) {
            StringBuilder sb = new StringBuilder();
            int shown = 0;
            for (Gap g : lost) {
                if (shown == LEDGER_LOST_SHOWN) {
                    sb.append("; and ").append(lost.size() - shown).append(" more");
                    break;
                }
                if (shown++ > 0) sb.append("; ");
                sb.append(g.start()).append('/').append(g.end()).append(' ').append(g.kind());
            }
            d.put("footageLost", sb.toString());
        }
        return d;
    }

    /**
     * The same map with each gap's stored reason put in words ({@link io.vigil.gateway.i18n.StoredReasons}):
     * the reader's language for the footage API, the site's for an export's manifest.
     */
    public FootageMap withReasonsWorded(java.util.function.UnaryOperator<String> words) {
        List<Gap> worded = gaps.stream().map(g -> new Gap(g.start(), g.end(), g.kind(), g.reason().isEmpty() ? "" : words.apply(g.reason())))
                .toList();
        return new FootageMap(camera, requestedFrom, requestedTo, parts, spans, worded);
    }

    /**
     * The map as JSON-ready values (the footage API, the export manifest): parts with their
     * time, size and codec, recorded spans, gaps with kind and reason; times as ISO-8601 UTC.
     */
    public java.util.Map<String, Object> describe() {
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("camera", camera.value());
        m.put("requestedFrom", requestedFrom.toString());
        m.put("requestedTo", requestedTo.toString());
        if (!parts.isEmpty()) {
            m.put("footageFrom", footageStart().toString());
            m.put("footageTo", footageEnd().toString());
        }
        List<Object> ps = new ArrayList<>();
        for (Part p : parts) {
            java.util.Map<String, Object> x = new java.util.LinkedHashMap<>();
            x.put("part", p.index());
            x.put("from", p.start().toString());
            x.put("to", p.end().toString());
            x.put("width", p.width());
            x.put("height", p.height());
            x.put("codec", p.codec());
            x.put("segments", p.segments().size());
            x.put("presentationDelayMs", p.delayMillis());
            ps.add(x);
        }
        m.put("parts", ps);
        m.put("spans", spans.stream().map(r -> java.util.Map.of("from", r.start().toString(), "to", r.end().toString())).toList());
        List<Object> gs = new ArrayList<>();
        for (Gap g : gaps) {
            java.util.Map<String, Object> x = new java.util.LinkedHashMap<>();
            x.put("from", g.start().toString());
            x.put("to", g.end().toString());
            x.put("kind", g.kind());
            x.put("reason", g.reason());
            gs.add(x);
        }
        m.put("gaps", gs);
        return m;
    }

    /** Accumulates parts, spans and gaps in time order, merging what touches. */
    private static final class Builder {
        final List<Recorded> spans = new ArrayList<>();
        final List<Gap> gaps = new ArrayList<>();
        private final List<List<SegmentInfo>> partSegments = new ArrayList<>();
        private final List<SegmentCheck> partChecks = new ArrayList<>();

        void usable(SegmentInfo s, SegmentCheck c) {
            SegmentCheck current = partChecks.isEmpty() ? null : partChecks.get(partChecks.size() - 1);
            if (current == null || !c.initDigest().equals(current.initDigest())) {
                partSegments.add(new ArrayList<>());
                partChecks.add(c);
            }
            partSegments.get(partSegments.size() - 1).add(s);
            Recorded last = spans.isEmpty() ? null : spans.get(spans.size() - 1);
            if (last != null && !s.start().isAfter(last.end().plus(CONTIGUOUS))) {
                spans.set(spans.size() - 1, new Recorded(last.start(), s.end().isAfter(last.end()) ? s.end() : last.end()));
            } else {
                spans.add(new Recorded(s.start(), s.end()));
            }
        }

        List<Part> parts() {
            List<Part> out = new ArrayList<>();
            for (int i = 0; i < partSegments.size(); i++) {
                SegmentCheck c = partChecks.get(i);
                out.add(new Part(i, List.copyOf(partSegments.get(i)), c.width(), c.height(), c.codec(), c.delayMillis()));
            }
            return out;
        }

        void gap(Instant from, Instant to, String kind, String reason) {
            Gap last = gaps.isEmpty() ? null : gaps.get(gaps.size() - 1);
            if (last != null && last.kind().equals(kind) && last.reason().equals(reason)
                    && !from.isAfter(last.end().plus(CONTIGUOUS))) {
                gaps.set(gaps.size() - 1, new Gap(last.start(), to.isAfter(last.end()) ? to : last.end(), kind, reason));
            } else {
                gaps.add(new Gap(from, to, kind, reason));
            }
        }
    }
}
