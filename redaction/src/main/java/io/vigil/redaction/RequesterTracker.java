package io.vigil.redaction;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Where the requester is on each frame: tracking by detection, anchored on the requester's
 * own face, seeded and corrected by the staff's marks (docs/redaction.md says why not
 * OpenCV's KCF/CSRT: 80-120 ms per frame here, and they drift onto whoever passes in
 * front). On a mark's frame the box is the mark, and the face detected in it fixes where
 * the face sits in the box. On later frames the detection nearest the expected face
 * position moves the box (and scales it with the face). When no face is found (the
 * requester turns away), the box moves on the straight line from its last known place to
 * the next mark (or holds, after the last mark). Frames before the first mark take the
 * first mark's box. One per job; not thread-safe.
 */
final class RequesterTracker {
    /** A detection is the requester's face when it overlaps the expected face this much. */
    static final double FACE_MATCH_IOU = 0.3;

    private final List<RequesterMark> marks;
    private int nextMark;
    private Box box;
    private Instant boxAt;
    private boolean markFrame;
    /** The face within the box, as fractions of the box: x, y, w, h; null until learnt. */
    private double[] faceInBox;
    private int requesterTrack = -1;
    private long framesWithoutFace;

    RequesterTracker(List<RequesterMark> marks) {
        if (marks.isEmpty()) throw new RedactionException("the requester is not marked: draw a box around them on at least one frame");
        this.marks = new ArrayList<>(marks);
        this.marks.sort(Comparator.comparing(RequesterMark::at));
    }

    /** Checks every mark against the frame size; the message names the mark. */
    static void checkMarks(List<RequesterMark> marks, int width, int height, Instant windowStart) {
        for (int i = 0; i < marks.size(); i++) {
            RequesterMark m = marks.get(i);
            if (!m.box().liesWithin(width, height) || m.box().w() < 8 || m.box().h() < 8) {
                throw new RedactionException("requester mark " + (i + 1) + " at +" + offset(windowStart, m.at())
                        + " (box " + m.box() + ") is not a box of at least 8x8 px inside the " + width + "x" + height
                        + " frame; draw it again on the picture. Nothing was released.");
            }
        }
    }

    static String offset(Instant from, Instant at) {
        Duration d = Duration.between(from, at);
        return String.format("%d:%02d.%03d", d.toMinutes(), d.toSecondsPart(), d.toMillisPart());
    }

    /** The expected box on the frame shown at {@code t}, before this frame's faces are known. */
    Box predict(Instant t) {
        markFrame = false;
        if (nextMark < marks.size() && !marks.get(nextMark).at().isAfter(t)) {
            while (nextMark + 1 < marks.size() && !marks.get(nextMark + 1).at().isAfter(t)) nextMark++;
            RequesterMark m = marks.get(nextMark++);
            markFrame = true;
            return m.box();
        }
        if (box == null) return marks.get(0).box();
        if (nextMark < marks.size()) {
            RequesterMark next = marks.get(nextMark);
            double span = Duration.between(boxAt, next.at()).toNanos();
            double frac = span <= 0 ? 1 : Duration.between(boxAt, t).toNanos() / span;
            return box.lerp(next.box(), Math.max(0, Math.min(1, frac)));
        }
        return box;
    }

    /**
     * The requester's box on this frame, given the box {@link #predict} returned and the
     * face tracks after this frame's detections. Marks the requester's own face track
     * ({@link FaceTrack#requesterNow}); every other track stays to be masked. The
     * requester's face is the track found in the mark; when it is lost, only a track that
     * has just started where their face is expected may take over, never a face that was
     * already followed as someone else (a passer-by crossing in front).
     */
    Box update(Instant t, Box predicted, List<FaceTrack> live, long frame) {
        for (FaceTrack tr : live) tr.requesterNow = false;
        FaceTrack chosen = null;
        Box result = predicted;
        if (markFrame || faceInBox == null) {
            chosen = largestFaceInside(live, frame, predicted);
            if (chosen != null) learn(predicted, chosen.lastBox);
        } else {
            Box expected = expectedFace(predicted);
            for (FaceTrack tr : live) {
                if (tr.id == requesterTrack && tr.lastSeenFrame == frame && tr.lastBox.iou(expected) >= 0.1) chosen = tr;
            }
            if (chosen == null) {
                double best = FACE_MATCH_IOU;
                for (FaceTrack tr : live) {
                    double iou = tr.lastBox.iou(expected);
                    if (tr.lastSeenFrame == frame && tr.detections <= 2 && iou >= best) {
                        best = iou;
                        chosen = tr;
                    }
                }
            }
            if (chosen != null) {
                result = fromFace(chosen.lastBox);
            } else {
                // Not detected on this frame (skipped by the detector or missed): while the
                // requester's face track is alive it carries the box at its velocity.
                for (FaceTrack tr : live) {
                    if (tr.id == requesterTrack) chosen = tr;
                }
                if (chosen != null) result = fromFace(chosen.predicted(frame));
            }
        }
        if (chosen != null) {
            requesterTrack = chosen.id;
            chosen.requesterNow = true;
            if (chosen.lastSeenFrame == frame) chosen.requesterDetections++;
        } else {
            framesWithoutFace++;
        }
        box = result;
        boxAt = t;
        return result;
    }

    /** Whether the frame last given to {@link #predict} carries a mark (the detector must run on it). */
    boolean onMarkFrame() {
        return markFrame;
    }

    /** Frames on which the requester's face was not found and the box was interpolated. */
    long framesWithoutFace() {
        return framesWithoutFace;
    }

    private void learn(Box person, Box face) {
        faceInBox = new double[] {
            (face.x() - person.x()) / (double) person.w(), (face.y() - person.y()) / (double) person.h(),
            face.w() / (double) person.w(), face.h() / (double) person.h()};
    }

    private Box expectedFace(Box person) {
        return Box.ofCorners(person.x() + faceInBox[0] * person.w(), person.y() + faceInBox[1] * person.h(),
                person.x() + (faceInBox[0] + faceInBox[2]) * person.w(),
                person.y() + (faceInBox[1] + faceInBox[3]) * person.h());
    }

    private Box fromFace(Box face) {
        double pw = face.w() / faceInBox[2], ph = face.h() / faceInBox[3];
        double px = face.x() - faceInBox[0] * pw, py = face.y() - faceInBox[1] * ph;
        return Box.ofCorners(px, py, px + pw, py + ph);
    }

    /** The track seen on this frame whose face lies mostly inside {@code person} and overlaps it most. */
    static FaceTrack largestFaceInside(List<FaceTrack> live, long frame, Box person) {
        FaceTrack best = null;
        long bestArea = 0;
        for (FaceTrack tr : live) {
            if (tr.lastSeenFrame != frame || tr.lastBox.fractionInside(person) < 0.5) continue;
            long a = tr.lastBox.intersect(person).area();
            if (a > bestArea) {
                bestArea = a;
                best = tr;
            }
        }
        return best;
    }
}
