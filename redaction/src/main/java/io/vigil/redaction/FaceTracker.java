package io.vigil.redaction;

import static org.bytedeco.opencv.global.opencv_imgcodecs.imencode;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Links each frame's detections into face tracks (greedy, by overlap with each track's
 * predicted box) and keeps a track alive for {@code coastFrames} frames after its last
 * detection, so one frame the detector misses is still masked where the face should be.
 * Memory: the live tracks, plus a summary with a small JPEG per finished track, capped.
 */
final class FaceTracker {
    static final int MAX_SUMMARIES = 5000;
    private static final int THUMB = 96;

    private final int coastFrames;
    private final List<FaceTrack> live = new ArrayList<>();
    private final Map<Integer, FaceTrackSummary> finished = new LinkedHashMap<>();
    private int nextId = 1;
    private long droppedSummaries;

    FaceTracker(int coastFrames) {
        this.coastFrames = coastFrames;
    }

    /**
     * Updates the tracks with one frame's detections: the pairs (track, detection) are
     * taken best first (overlap with the track's predicted box, or a near centre), so an
     * old track does not take a face walking past it from the track that was following it.
     *
     * @return the live tracks after the update (detected this frame or coasting)
     */
    List<FaceTrack> update(long frame, Instant at, List<Detection> detections, Mat bgr) {
        List<double[]> pairs = new ArrayList<>();
        for (int ti = 0; ti < live.size(); ti++) {
            Box p = live.get(ti).predicted(frame);
            for (int i = 0; i < detections.size(); i++) {
                Box d = detections.get(i).box();
                double dist = Math.hypot(d.centerX() - p.centerX(), d.centerY() - p.centerY());
                double score = Math.max(d.iou(p), dist < 0.7 * Math.max(p.w(), p.h()) ? 0.1 : 0);
                if (score >= 0.1) pairs.add(new double[] {score, ti, i});
            }
        }
        pairs.sort((x, y) -> Double.compare(y[0], x[0]));
        boolean[] used = new boolean[detections.size()];
        boolean[] matched = new boolean[live.size()];
        for (double[] pr : pairs) {
            int ti = (int) pr[1], i = (int) pr[2];
            if (used[i] || matched[ti]) continue;
            used[i] = true;
            matched[ti] = true;
            observe(live.get(ti), frame, at, detections.get(i), bgr);
        }
        for (int i = 0; i < detections.size(); i++) {
            if (used[i]) continue;
            FaceTrack t = new FaceTrack(nextId++, frame, at, detections.get(i));
            observe(t, frame, at, detections.get(i), bgr);
            live.add(t);
        }
        for (Iterator<FaceTrack> it = live.iterator(); it.hasNext(); ) {
            FaceTrack t = it.next();
            if (frame - t.lastSeenFrame > coastFrames) {
                it.remove();
                keepSummary(t);
            }
        }
        return live;
    }

    /** Where the live tracks' faces are expected on {@code frame} (before its detections). */
    List<Box> expected(long frame) {
        List<Box> out = new ArrayList<>(live.size());
        for (FaceTrack t : live) out.add(t.predicted(frame));
        return out;
    }

    private void observe(FaceTrack t, long frame, Instant at, Detection d, Mat bgr) {
        long gap = Math.max(1, frame - t.lastSeenFrame);
        if (t.detections > 0) {
            double vx = (d.box().centerX() - t.lastBox.centerX()) / gap;
            double vy = (d.box().centerY() - t.lastBox.centerY()) / gap;
            t.vx = t.detections == 1 ? vx : 0.6 * vx + 0.4 * t.vx;
            t.vy = t.detections == 1 ? vy : 0.6 * vy + 0.4 * t.vy;
        }
        t.lastBox = d.box();
        t.lastSeenFrame = frame;
        t.lastSeenAt = at;
        t.detections++;
        if (d.score() > t.bestScore + 0.02f || t.thumbnailJpeg == null) {
            t.bestScore = Math.max(t.bestScore, d.score());
            t.thumbnailJpeg = thumbnail(bgr, d.box());
        }
    }

    private static byte[] thumbnail(Mat bgr, Box b) {
        Box c = b.clampTo(bgr.cols(), bgr.rows());
        if (c.isEmpty()) return null;
        try (Rect r = new Rect(c.x(), c.y(), c.w(), c.h());
                Mat roi = new Mat(bgr, r);
                Mat small = new Mat();
                Size size = new Size(THUMB, THUMB);
                BytePointer jpeg = new BytePointer()) {
            resize(roi, small, size, 0, 0, INTER_AREA);
            imencode(".jpg", small, jpeg);
            byte[] out = new byte[(int) jpeg.limit()];
            jpeg.get(out);
            return out;
        }
    }

    private void keepSummary(FaceTrack t) {
        if (finished.size() >= MAX_SUMMARIES) {
            droppedSummaries++;
            return;
        }
        finished.put(t.id, t.summary());
    }

    /** Every track seen (finished and live), by id; ends the live ones. */
    List<FaceTrackSummary> finish() {
        for (FaceTrack t : live) keepSummary(t);
        live.clear();
        return new ArrayList<>(finished.values());
    }

    /** Tracks beyond {@link #MAX_SUMMARIES}: masked like the others, but not listed for review. */
    long droppedSummaries() {
        return droppedSummaries;
    }
}
