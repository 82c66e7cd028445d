package io.vigil.redaction;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * The per-frame decisions: where the requester is, which faces are found and whose they
 * are, what gets masked; then masks the frame in place. Collects what the review needs
 * (tracks, overlap flags). Runs on one thread; owns its native objects.
 */
final class FrameRedactor implements AutoCloseable {
    /** Another face counts as overlapping the requester when this share of it lies in their box. */
    static final double OVERLAP_SHARE = 0.2;

    private final RedactionSettings settings;
    private final ReviewEdits edits;
    private final RequesterTracker requester;
    private final FaceDetector detector;
    private final FaceTracker faces;
    private final Masker masker;
    private final MotionDetector motion;
    private final StageTimes times;
    private final List<OverlapFlag> flags = new ArrayList<>();
    private final Map<Integer, OverlapFlag> openFlags = new HashMap<>();

    FrameRedactor(RedactionSettings settings, List<RequesterMark> marks, ReviewEdits edits, StageTimes times) {
        this.settings = settings;
        this.edits = edits;
        this.times = times;
        this.requester = new RequesterTracker(marks);
        this.detector = new FaceDetector(settings.minFaceScore(), settings.fineTile());
        this.faces = new FaceTracker(settings.coastFrames());
        this.masker = new Masker(settings);
        this.motion = settings.maskMovingRegions() ? new MotionDetector() : null;
    }

    /** Analyses and masks one frame in place. */
    void redact(Mat bgr, long frame, Instant at) {
        int w = bgr.cols(), h = bgr.rows();
        long t0 = System.nanoTime();
        Box person = requester.locate(bgr, at).clampTo(w, h);
        Box keep = person.dilate(settings.requesterDilation(), 4).clampTo(w, h);
        long t1 = System.nanoTime();
        boolean keepOnly = settings.mode() == RedactionMode.KEEP_ONLY_REQUESTER;
        // Keep-only: what lies outside the kept region is filled anyway, so faces are looked
        // for only around it (with a margin so a face walking in is already tracked).
        Box searched = keepOnly ? keep.dilate(0.5, 48).clampTo(w, h) : new Box(0, 0, w, h);
        List<Detection> found = detector.detect(bgr, searched);
        List<Box> moving = motion != null ? motion.moving(bgr) : List.of();
        long t2 = System.nanoTime();
        int requesterFace = requesterFace(found, person);
        List<FaceTrack> live = faces.update(frame, at, found, requesterFace, bgr);
        long t3 = System.nanoTime();
        if (keepOnly) masker.fillOutside(bgr, keep);
        for (FaceTrack t : live) {
            if (t.requesterNow || edits.unmaskedTracks().contains(t.id)) continue;
            long gap = frame - t.lastSeenFrame;
            Box face = t.predicted(frame).dilate(settings.faceDilation() + 0.05 * gap, 2);
            masker.mask(bgr, face, settings.faceStyle());
            flagOverlap(t, face, person, frame, at);
        }
        for (Box m : moving) maskOutside(bgr, m, keep);
        for (ReviewEdits.AddedRegion r : edits.addedRegions()) {
            if (r.covers(at)) masker.mask(bgr, r.box(), settings.faceStyle());
        }
        closeFlagsNotSeen(frame);
        long t4 = System.nanoTime();
        times.track += (t1 - t0) + (t3 - t2);
        times.detect += t2 - t1;
        times.mask += t4 - t3;
    }

    /** The detection taken for the requester's own face: mostly inside their box, the largest overlap. */
    static int requesterFace(List<Detection> found, Box person) {
        int best = -1;
        long bestArea = 0;
        for (int i = 0; i < found.size(); i++) {
            Box b = found.get(i).box();
            if (b.fractionInside(person) < 0.5) continue;
            long a = b.intersect(person).area();
            if (a > bestArea) {
                bestArea = a;
                best = i;
            }
        }
        return best;
    }

    /** A moving region is masked except where it lies in the requester's kept region. */
    private void maskOutside(Mat bgr, Box m, Box keep) {
        Box in = m.intersect(keep);
        if (in.isEmpty()) {
            masker.mask(bgr, m, settings.faceStyle());
            return;
        }
        masker.mask(bgr, new Box(m.x(), m.y(), m.w(), in.y() - m.y()), settings.faceStyle());
        masker.mask(bgr, new Box(m.x(), in.bottom(), m.w(), m.bottom() - in.bottom()), settings.faceStyle());
        masker.mask(bgr, new Box(m.x(), in.y(), in.x() - m.x(), in.h()), settings.faceStyle());
        masker.mask(bgr, new Box(in.right(), in.y(), m.right() - in.right(), in.h()), settings.faceStyle());
    }

    private void flagOverlap(FaceTrack t, Box face, Box person, long frame, Instant at) {
        if (face.fractionInside(person) < OVERLAP_SHARE && t.lastBox.fractionInside(person) < OVERLAP_SHARE) return;
        OverlapFlag open = openFlags.get(t.id);
        if (open != null && open.lastFrame() == frame - 1) {
            openFlags.put(t.id, new OverlapFlag(t.id, open.firstFrame(), frame, open.from(), at));
        } else {
            if (open != null) flags.add(open);
            openFlags.put(t.id, new OverlapFlag(t.id, frame, frame, at, at));
        }
    }

    private void closeFlagsNotSeen(long frame) {
        openFlags.values().removeIf(f -> {
            if (f.lastFrame() < frame) {
                flags.add(f);
                return true;
            }
            return false;
        });
    }

    List<OverlapFlag> finishFlags() {
        flags.addAll(openFlags.values());
        openFlags.clear();
        flags.sort((a, b) -> Long.compare(a.firstFrame(), b.firstFrame()));
        return flags;
    }

    List<FaceTrackSummary> finishTracks() {
        return faces.finish();
    }

    long trackerLosses() {
        return requester.trackerLosses();
    }

    long inferences() {
        return detector.inferences();
    }

    @Override
    public void close() {
        requester.close();
        detector.close();
        masker.close();
        if (motion != null) motion.close();
    }
}
