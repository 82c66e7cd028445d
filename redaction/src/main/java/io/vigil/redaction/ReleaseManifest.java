package io.vigil.redaction;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The signed statement that goes with a released masked copy: what was masked how (the
 * settings and the reviewer's edits), with which model (its SHA-256), from which footage
 * (each source segment's SHA-256), who reviewed it, and the output's SHA-256. The
 * signature covers {@link #body()} exactly (UTF-8).
 *
 * @param body the manifest's JSON without the signature
 * @param json the body with the signature added: the file handed over with the video
 */
public record ReleaseManifest(String body, byte[] signature, String algorithm, byte[] publicKey, String json) {

    static ReleaseManifest build(RedactionResult r, String reviewer, Instant releasedAt, ManifestSigner signer) {
        Map<String, Object> m = content(r, reviewer, releasedAt);
        String body = Json.write(m);
        byte[] sig = signer.sign(body.getBytes(StandardCharsets.UTF_8));
        Map<String, Object> signed = new LinkedHashMap<>(m);
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("algorithm", signer.algorithm());
        s.put("publicKey", Base64.getEncoder().encodeToString(signer.publicKey()));
        s.put("signedBytes", "this manifest without the \"signature\" member, as written by Vigil (UTF-8)");
        s.put("value", Base64.getEncoder().encodeToString(sig));
        signed.put("signature", s);
        return new ReleaseManifest(body, sig, signer.algorithm(), signer.publicKey(), Json.write(signed));
    }

    private static Map<String, Object> content(RedactionResult r, String reviewer, Instant releasedAt) {
        RedactionRequest q = r.request();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", "vigil.redaction-manifest/1");
        m.put("request", q.requestId());
        m.put("camera", q.cameraId().value());
        m.put("windowFrom", q.from().toString());
        m.put("windowTo", q.to().toString());
        m.put("reviewer", reviewer);
        m.put("releasedAt", releasedAt.toString());
        m.put("settings", settings(q.settings()));
        List<Object> marks = new ArrayList<>();
        for (RequesterMark mk : q.marks()) marks.add(mk.at() + " " + mk.box());
        m.put("requesterMarks", marks);
        m.put("reviewEdits", reviewEdits(r.edits()));
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("name", "MediaPipe BlazeFace full-range");
        model.put("source", "npm " + FaceModel.NPM_PACKAGE + " " + FaceModel.FILE);
        model.put("sha256", FaceModel.SHA256);
        m.put("faceModel", model);
        List<Object> sources = new ArrayList<>();
        for (RedactionResult.SourceSegmentHash h : r.sourceSegments()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("segment", h.id());
            e.put("sha256", h.sha256());
            sources.add(e);
        }
        m.put("sourceSegments", sources);
        m.put("output", output(r));
        m.put("faceTracks", r.tracks().size());
        m.put("overlapFlags", r.overlapFlags().size());
        return m;
    }

    private static Map<String, Object> settings(RedactionSettings s) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("mode", s.mode().name());
        settings.put("faceStyle", s.faceStyle().name());
        settings.put("fill", String.format("#%06x", s.fillBgr()));
        settings.put("blockSize", s.blockSize());
        settings.put("requesterDilation", s.requesterDilation());
        settings.put("faceDilation", s.faceDilation());
        settings.put("minFaceScore", (double) s.minFaceScore());
        settings.put("fineTile", s.fineTile());
        settings.put("coastFrames", s.coastFrames());
        settings.put("detectEvery", s.detectEvery());
        settings.put("maskMovingRegions", s.maskMovingRegions());
        settings.put("bitrate", s.bitrate());
        return settings;
    }

    private static Map<String, Object> reviewEdits(ReviewEdits reviewEdits) {
        Map<String, Object> edits = new LinkedHashMap<>();
        edits.put("unmaskedTracks", new ArrayList<Object>(reviewEdits.unmaskedTracks().stream().sorted().toList()));
        List<Object> added = new ArrayList<>();
        for (ReviewEdits.AddedRegion a : reviewEdits.addedRegions()) added.add(a.box() + " " + a.from() + " " + a.to());
        edits.put("addedRegions", added);
        List<Object> spans = new ArrayList<>();
        for (ReviewEdits.UnmaskedSpan u : reviewEdits.unmaskedSpans()) spans.add("track " + u.track() + " " + u.from() + " " + u.to());
        edits.put("unmaskedSpans", spans);
        return edits;
    }

    private static Map<String, Object> output(RedactionResult r) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("container", "MP4 (not fragmented)");
        out.put("codec", "H.264 (OpenH264)");
        out.put("width", r.width());
        out.put("height", r.height());
        out.put("frames", r.frames());
        out.put("frameRate", r.frameRate());
        out.put("durationMillis", r.duration().toMillis());
        out.put("bytes", r.output().size());
        out.put("sha256", r.outputSha256());
        return out;
    }
}
