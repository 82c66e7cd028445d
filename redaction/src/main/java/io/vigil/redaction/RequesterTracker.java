package io.vigil.redaction;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_tracking.TrackerKCF;

/**
 * Where the requester is on each frame, from the staff's marks and OpenCV's KCF tracker
 * (docs/redaction.md says why KCF). Each mark (re)seeds the tracker on its frame. Between
 * two marks the box's size is interpolated linearly and its centre comes from the tracker;
 * when the tracker reports a loss or drifts further than one box from the straight line
 * between the marks, the interpolated box is used instead. Frames before the first mark
 * take the first mark's box. Not thread-safe: one per job.
 */
final class RequesterTracker implements AutoCloseable {
    private final List<RequesterMark> marks;
    private int nextMark;
    private RequesterMark previous;
    private TrackerKCF tracker;
    private final Rect rect = new Rect();
    private long trackerLosses;

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
                        + " frame; draw it again on the picture");
            }
        }
    }

    static String offset(Instant from, Instant at) {
        Duration d = Duration.between(from, at);
        return String.format("%d:%02d.%03d", d.toMinutes(), d.toSecondsPart(), d.toMillisPart());
    }

    /** The requester's box on the frame shown at {@code t}. */
    Box locate(Mat bgr, Instant t) {
        if (nextMark < marks.size() && !marks.get(nextMark).at().isAfter(t)) {
            while (nextMark + 1 < marks.size() && !marks.get(nextMark + 1).at().isAfter(t)) nextMark++;
            previous = marks.get(nextMark++);
            seed(bgr, previous.box());
            return previous.box();
        }
        if (previous == null) return marks.get(0).box();
        Box interpolated = interpolated(t);
        if (!tracker.update(bgr, rect)) {
            trackerLosses++;
            return interpolated;
        }
        double cx = rect.x() + rect.width() / 2.0, cy = rect.y() + rect.height() / 2.0;
        double drift = Math.hypot(cx - interpolated.centerX(), cy - interpolated.centerY());
        if (nextMark < marks.size() && drift > Math.max(interpolated.w(), interpolated.h())) {
            trackerLosses++;
            return interpolated;
        }
        return new Box((int) Math.round(cx - interpolated.w() / 2.0), (int) Math.round(cy - interpolated.h() / 2.0),
                interpolated.w(), interpolated.h());
    }

    /** Frames on which the tracker lost the requester and the interpolation stood in. */
    long trackerLosses() {
        return trackerLosses;
    }

    private Box interpolated(Instant t) {
        if (nextMark >= marks.size()) return previous.box();
        RequesterMark next = marks.get(nextMark);
        double span = Duration.between(previous.at(), next.at()).toNanos();
        double frac = span <= 0 ? 1 : Duration.between(previous.at(), t).toNanos() / span;
        return previous.box().lerp(next.box(), Math.max(0, Math.min(1, frac)));
    }

    private void seed(Mat bgr, Box b) {
        if (tracker != null) tracker.close();
        tracker = TrackerKCF.create();
        try (Rect r = new Rect(b.x(), b.y(), b.w(), b.h())) {
            tracker.init(bgr, r);
        }
    }

    @Override
    public void close() {
        if (tracker != null) tracker.close();
        rect.close();
    }
}
