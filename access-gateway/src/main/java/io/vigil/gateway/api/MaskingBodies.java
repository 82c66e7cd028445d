package io.vigil.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.gateway.http.ApiException;
import io.vigil.gateway.http.Json;
import io.vigil.gateway.masking.MaskingStatus;
import io.vigil.redaction.Box;
import io.vigil.redaction.FaceTrackSummary;
import io.vigil.redaction.OverlapFlag;
import io.vigil.redaction.RedactionMode;
import io.vigil.redaction.RedactionResult;
import io.vigil.redaction.RequesterMark;
import io.vigil.redaction.RequesterPath;
import io.vigil.redaction.ReviewEdits;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** JSON of the masking API in both directions: the review's status out, marks and edits in (docs/api.md). */
final class MaskingBodies {
    private static final int MAX_MARKS = 200, MAX_REGIONS = 200;

    private MaskingBodies() {}

    /** @param pictures whether the reader may see footage (links to thumbnails, the preview and the copy only then) */
    static Map<String, Object> status(MaskingStatus s, String base, boolean pictures) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("request", s.number());
        m.put("camera", s.camera());
        m.put("state", s.state());
        m.put("segmentsRead", s.segmentsRead());
        m.put("segmentsTotal", s.segmentsTotal());
        m.put("mode", wire(s.mode()));
        List<Object> marks = new ArrayList<>();
        for (RequesterMark k : s.marks()) marks.add(box(k.box(), Map.of("at", k.at().toString())));
        m.put("marks", marks);
        m.put("unmaskedTracks", s.edits().unmaskedTracks().stream().sorted().toList());
        List<Object> regions = new ArrayList<>();
        for (ReviewEdits.AddedRegion a : s.edits().addedRegions()) {
            regions.add(box(a.box(), Map.of("from", a.from().toString(), "to", a.to().toString())));
        }
        m.put("addedRegions", regions);
        List<Object> spans = new ArrayList<>();
        for (ReviewEdits.UnmaskedSpan u : s.edits().unmaskedSpans()) {
            spans.add(Map.of("track", u.track(), "from", u.from().toString(), "to", u.to().toString()));
        }
        m.put("unmaskedSpans", spans);
        m.put("startedBy", s.startedBy());
        m.put("startedAt", s.startedAt() == null ? null : s.startedAt().toString());
        m.put("queuePosition", s.queuePosition());
        m.put("cancelledBy", s.cancelledBy());
        m.put("cancelledAt", s.cancelledAt() == null ? null : s.cancelledAt().toString());
        if (s.failure() != null) {
            m.put("error", Map.of("message", s.failure().getMessage(), "key", s.failure().key(), "params", s.failure().params()));
        }
        m.put("preview", s.preview() == null ? null : preview(s.preview(), base, pictures));
        if (s.released() != null) {
            MaskingStatus.Released r = s.released();
            Map<String, Object> rel = new LinkedHashMap<>();
            rel.put("by", r.by());
            rel.put("at", r.at().toString());
            rel.put("sha256", r.sha256());
            rel.put("bytes", r.bytes());
            rel.put("durationMillis", r.durationMillis());
            rel.put("copy", pictures ? base + "/copy" : null); // footage: no link for who may not fetch it
            rel.put("manifest", pictures ? base + "/manifest" : null);
            m.put("released", rel);
        } else {
            m.put("released", null);
        }
        return m;
    }

    private static Map<String, Object> preview(MaskingStatus.Preview p, String base, boolean pictures) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("frames", p.frames());
        m.put("frameRate", p.frameRate());
        m.put("width", p.width());
        m.put("height", p.height());
        m.put("durationMillis", p.durationMillis());
        m.put("bytes", p.bytes());
        m.put("sha256", p.sha256());
        m.put("wallMillis", p.wallMillis());
        m.put("video", pictures ? base + "/preview" : null);
        List<Object> tracks = new ArrayList<>();
        for (FaceTrackSummary t : p.tracks()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("id", t.id());
            x.put("firstAt", t.firstAt().toString());
            x.put("lastAt", t.lastAt().toString());
            x.put("firstFrame", t.firstFrame());
            x.put("lastFrame", t.lastFrame());
            x.put("detections", t.detections());
            x.put("bestScore", Math.round(t.bestScore() * 100) / 100.0);
            x.put("requester", t.requester());
            x.put("thumbnail", t.thumbnailJpeg() == null || !pictures ? null : base + "/tracks/" + t.id());
            tracks.add(x);
        }
        m.put("tracks", tracks);
        List<Object> flags = new ArrayList<>();
        for (OverlapFlag f : p.flags()) {
            flags.add(Map.of("track", f.trackId(), "firstFrame", f.firstFrame(), "lastFrame", f.lastFrame(),
                    "from", f.from().toString(), "to", f.to().toString()));
        }
        m.put("flags", flags);
        return m;
    }

    /**
     * The requester's box on every frame of the preview, for the page to draw over the video
     * and over marking frames: {@code frames} is a list of [ms from the window's start, x, y, w, h].
     */
    static Map<String, Object> requesterPath(RedactionResult r) {
        RequesterPath p = r.requesterPath();
        List<int[]> frames = new ArrayList<>(p.frames());
        for (int i = 0; i < p.frames(); i++) {
            Box b = p.box(i);
            frames.add(new int[] {p.offsetMillis(i), b.x(), b.y(), b.w(), b.h()});
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("from", p.origin().toString());
        m.put("frameRate", r.frameRate());
        m.put("width", r.width());
        m.put("height", r.height());
        m.put("sha256", r.outputSha256());
        m.put("frames", frames);
        return m;
    }

    private static Map<String, Object> box(Box b, Map<String, Object> extra) {
        Map<String, Object> m = new LinkedHashMap<>(extra);
        m.put("x", b.x());
        m.put("y", b.y());
        m.put("w", b.w());
        m.put("h", b.h());
        return m;
    }

    static String wire(RedactionMode mode) {
        return mode == RedactionMode.MASK_PEOPLE ? "mask-people" : "keep-only-requester";
    }

    static RedactionMode mode(JsonNode b) {
        String v = Json.optionalString(b, "mode", 40);
        if (v == null || v.equals("keep-only-requester")) return RedactionMode.KEEP_ONLY_REQUESTER;
        if (v.equals("mask-people")) return RedactionMode.MASK_PEOPLE;
        throw ApiException.badRequest("mode", "'" + v + "' is not a masking mode (keep-only-requester or mask-people)");
    }

    static List<RequesterMark> marks(JsonNode b) {
        List<RequesterMark> out = new ArrayList<>();
        JsonNode arr = array(b, "marks", MAX_MARKS);
        for (int i = 0; i < arr.size(); i++) {
            String field = "marks[" + i + "]";
            out.add(new RequesterMark(Json.requiredInstant(object(arr.get(i), field), "at"), box(arr.get(i), field)));
        }
        return out;
    }

    static ReviewEdits edits(JsonNode b) {
        Set<Integer> unmasked = new LinkedHashSet<>();
        JsonNode ids = array(b, "unmaskedTracks", 5000);
        for (int i = 0; i < ids.size(); i++) {
            if (!ids.get(i).canConvertToInt()) throw ApiException.badRequest("unmaskedTracks[" + i + "]", "must be a track id (a number)");
            unmasked.add(ids.get(i).asInt());
        }
        List<ReviewEdits.AddedRegion> regions = new ArrayList<>();
        JsonNode arr = array(b, "addedRegions", MAX_REGIONS);
        for (int i = 0; i < arr.size(); i++) {
            String field = "addedRegions[" + i + "]";
            JsonNode r = object(arr.get(i), field);
            Instant from = Json.requiredInstant(r, "from"), to = Json.requiredInstant(r, "to");
            if (to.isBefore(from)) throw ApiException.badRequest(field + ".to", "must not be before from (" + from + ")");
            regions.add(new ReviewEdits.AddedRegion(box(r, field), from, to));
        }
        return new ReviewEdits(unmasked, regions, spans(b));
    }

    /** {@code unmaskedSpans}: a track taken out of the masking on a frame range only ({@code track}, {@code from}, {@code to}). */
    private static List<ReviewEdits.UnmaskedSpan> spans(JsonNode b) {
        List<ReviewEdits.UnmaskedSpan> out = new ArrayList<>();
        JsonNode arr = array(b, "unmaskedSpans", MAX_REGIONS);
        for (int i = 0; i < arr.size(); i++) {
            String field = "unmaskedSpans[" + i + "]";
            JsonNode r = object(arr.get(i), field);
            JsonNode track = r.get("track");
            if (track == null || !track.canConvertToInt()) throw ApiException.badRequest(field + ".track", "must be a track id (a number)");
            Instant from = Json.requiredInstant(r, "from"), to = Json.requiredInstant(r, "to");
            if (to.isBefore(from)) throw ApiException.badRequest(field + ".to", "must not be before from (" + from + ")");
            out.add(new ReviewEdits.UnmaskedSpan(track.asInt(), from, to));
        }
        return out;
    }

    private static Box box(JsonNode o, String field) {
        int[] v = new int[4];
        String[] names = {"x", "y", "w", "h"};
        for (int k = 0; k < 4; k++) {
            JsonNode n = object(o, field).get(names[k]);
            if (n == null || !n.canConvertToInt()) throw ApiException.badRequest(field + "." + names[k], "must be a whole number of pixels");
            v[k] = n.asInt();
        }
        if (v[2] < 1 || v[3] < 1) throw ApiException.badRequest(field, "a box needs a width and a height of at least 1 px");
        return new Box(v[0], v[1], v[2], v[3]);
    }

    private static JsonNode object(JsonNode n, String field) {
        if (n == null || !n.isObject()) throw ApiException.badRequest(field, "must be an object");
        return n;
    }

    private static JsonNode array(JsonNode b, String field, int max) {
        JsonNode n = b.get(field);
        if (n == null || n.isNull()) return Json.MAPPER.createArrayNode();
        if (!n.isArray()) throw ApiException.badRequest(field, "must be a list");
        if (n.size() > max) throw ApiException.badRequest(field, "at most " + max + " entries");
        return n;
    }
}
