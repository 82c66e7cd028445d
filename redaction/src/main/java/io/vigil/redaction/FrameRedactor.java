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
    private final java.util.ArrayDeque<Held> held = new java.util.ArrayDeque<>();
    private final int lookBack;
    private final RequesterPath path;
    private boolean newTrackLastFrame;

    FrameRedactor(RedactionSettings settings, List<RequesterMark> marks, ReviewEdits edits, StageTimes times, Instant origin) {
        this.path = new RequesterPath(origin);
        this.settings = settings;
        this.edits = edits;
        this.times = times;
        this.requester = new RequesterTracker(marks);
        this.detector = new FaceDetector(settings.minFaceScore(), settings.fineTile());
        this.faces = new FaceTracker(settings.coastFrames());
        this.masker = new Masker(settings);
        this.motion = settings.maskMovingRegions() ? new MotionDetector() : null;
        this.lookBack = lookBack(settings);
    }

    /** Frames held back for masking new tracks backwards (also the extra Mats the pipeline needs). */
    static int lookBack(RedactionSettings s) {
        return Math.min(12, s.coastFrames());
    }

    /**
     * Analyses one frame and returns the frames that are now ready, masked, oldest first.
     * Frames are held back {@code lookBack} frames, so a face first detected on frame n is
     * also masked on the frames just before it, where the detector missed it.
     */
    List<FrameItem> push(FrameItem item) {
        Held h = analyse(item);
        held.addLast(h);
        List<FrameItem> ready = new ArrayList<>(1);
        while (held.size() > lookBack) ready.add(draw(held.removeFirst()));
        return ready;
    }

    /** The frames still held back, masked (at the end of the stream). */
    List<FrameItem> flush() {
        List<FrameItem> ready = new ArrayList<>(held.size());
        while (!held.isEmpty()) ready.add(draw(held.removeFirst()));
        return ready;
    }

    /** A frame waiting to be masked: what to keep and what to mask on it. */
    private static final class Held {
        final FrameItem item;
        Box keep;
        final List<Box> masks = new ArrayList<>();

        Held(FrameItem item) {
            this.item = item;
        }
    }

    private Held analyse(FrameItem item) {
        Mat bgr = item.bgr();
        long frame = item.index();
        Instant at = item.at();
        int w = bgr.cols(), h = bgr.rows();
        Held out = new Held(item);
        long t0 = System.nanoTime();
        boolean keepOnly = settings.mode() == RedactionMode.KEEP_ONLY_REQUESTER;
        Box predicted = requester.predict(at).clampTo(w, h);
        // Keep-only: what lies outside the kept region is filled anyway, so faces are looked
        // for only around it, with a margin (a quarter of the region and 24 px on each side)
        // so that a face walking in is tracked before it reaches the region. For a
        // requester of ~160 px that is one 384 px tile instead of the frame's 14-18.
        Box searched = keepOnly
                ? predicted.dilate(settings.requesterDilation(), 4).dilate(0.25, 24).clampTo(w, h)
                : new Box(0, 0, w, h);
        long t1 = System.nanoTime();
        // The detector also runs on a mark's frame, and on the frame after a new track
        // started (its velocity is unknown until its second detection).
        boolean detectHere = frame % settings.detectEvery() == 0 || requester.onMarkFrame() || newTrackLastFrame;
        newTrackLastFrame = false;
        List<Detection> found = detectHere ? detector.detect(bgr, searched, faces.expected(frame)) : List.of();
        List<Box> moving = motion != null ? motion.moving(bgr) : List.of();
        long t2 = System.nanoTime();
        List<FaceTrack> live = faces.update(frame, at, found, bgr);
        Box person = requester.update(at, predicted, live, frame).clampTo(w, h);
        path.add(at, person);
        Box keep = person.dilate(settings.requesterDilation(), 4).clampTo(w, h);
        if (keepOnly) out.keep = keep;
        for (FaceTrack t : live) {
            if (t.requesterNow) continue;
            // The detector's schedule never depends on the reviewer's edits, so the tracks (and
            // their ids) are the same in every render of the same footage and marks.
            if (t.firstFrame == frame) newTrackLastFrame = true;
            if (t.firstFrame == frame) maskBackwards(t);
            if (edits.unmasks(t.id, at)) continue;
            long gap = frame - t.lastSeenFrame;
            Box face = t.predicted(frame).dilate(settings.faceDilation() + 0.05 * gap, 2);
            out.masks.add(face);
            flagOverlap(t, face, person, frame, at);
        }
        for (Box m : moving) outside(m, keep, out.masks);
        for (ReviewEdits.AddedRegion r : edits.addedRegions()) {
            if (r.covers(at)) out.masks.add(r.box());
        }
        closeFlagsNotSeen(frame);
        long t3 = System.nanoTime();
        times.track += (t1 - t0) + (t3 - t2);
        times.detect += t2 - t1;
        return out;
    }

    /** A new track: its first box, growing with the distance in frames, on the held frames before it. */
    private void maskBackwards(FaceTrack t) {
        int back = 0;
        for (java.util.Iterator<Held> it = held.descendingIterator(); it.hasNext(); ) {
            Held h = it.next();
            back++;
            if (edits.unmasks(t.id, h.item.at())) continue;
            h.masks.add(t.lastBox.dilate(settings.faceDilation() + 0.05 * back, 2));
        }
    }

    private FrameItem draw(Held h) {
        long t0 = System.nanoTime();
        Mat bgr = h.item.bgr();
        if (h.keep != null) masker.fillOutside(bgr, h.keep);
        for (Box b : h.masks) masker.mask(bgr, b, settings.faceStyle());
        times.mask += System.nanoTime() - t0;
        return h.item;
    }

    /** The parts of a moving region outside the requester's kept region. */
    private static void outside(Box m, Box keep, List<Box> out) {
        Box in = m.intersect(keep);
        if (in.isEmpty()) {
            out.add(m);
            return;
        }
        out.add(new Box(m.x(), m.y(), m.w(), in.y() - m.y()));
        out.add(new Box(m.x(), in.bottom(), m.w(), m.bottom() - in.bottom()));
        out.add(new Box(m.x(), in.y(), in.x() - m.x(), in.h()));
        out.add(new Box(in.right(), in.y(), m.right() - in.right(), in.h()));
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

    /** The requester's box on every frame analysed so far. */
    RequesterPath requesterPath() {
        return path;
    }

    List<FaceTrackSummary> finishTracks() {
        return faces.finish();
    }

    long trackerLosses() {
        return requester.framesWithoutFace();
    }

    long inferences() {
        return detector.inferences();
    }

    long secondLooks() {
        return detector.secondLooks();
    }

    @Override
    public void close() {
        detector.close();
        masker.close();
        if (motion != null) motion.close();
    }
}
