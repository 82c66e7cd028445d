package io.vigil.redaction;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Turns BlazeFace full-range outputs into boxes. The constants are MediaPipe's
 * (face_detection_full_range.pbtxt): one anchor per cell of a 48x48 grid over the
 * 192x192 input (stride 4, fixed anchor size), regressor offsets in input pixels in the
 * order x, y, w, h (then 6 key points, unused here), sigmoid scores clipped at +-100.
 * Pure Java so it can be tested without the native model.
 */
final class BlazeFaceDecoder {
    static final int INPUT = 192;
    static final int GRID = 48;
    static final int ANCHORS = GRID * GRID;
    static final int COORDS = 16;

    private BlazeFaceDecoder() {}

    /**
     * Decodes one tile's outputs into boxes in frame pixels.
     *
     * @param scores {@link #ANCHORS} raw logits
     * @param regressors {@link #ANCHORS} x {@link #COORDS} values
     * @param tile where the tile lies in the frame (its square was scaled to the input)
     */
    static List<Detection> decode(float[] scores, float[] regressors, Box tile, float minScore) {
        List<Detection> out = new ArrayList<>();
        double sx = tile.w() / (double) INPUT, sy = tile.h() / (double) INPUT;
        for (int i = 0; i < ANCHORS; i++) {
            double logit = Math.max(-100, Math.min(100, scores[i]));
            double score = 1 / (1 + Math.exp(-logit));
            if (score < minScore) continue;
            double ax = (i % GRID + 0.5) * INPUT / GRID, ay = (i / GRID + 0.5) * INPUT / GRID;
            int r = i * COORDS;
            double cx = ax + regressors[r], cy = ay + regressors[r + 1];
            double w = regressors[r + 2], h = regressors[r + 3];
            if (w <= 0 || h <= 0) continue;
            out.add(new Detection(Box.ofCorners(
                    tile.x() + (cx - w / 2) * sx, tile.y() + (cy - h / 2) * sy,
                    tile.x() + (cx + w / 2) * sx, tile.y() + (cy + h / 2) * sy), (float) score));
        }
        return out;
    }

    /**
     * MediaPipe's weighted non-maximum suppression: detections overlapping the best one
     * by more than {@code iou} are merged into it, their boxes averaged by score. Applied
     * over all tiles together, it also merges one face seen by two overlapping tiles.
     */
    static List<Detection> weightedNms(List<Detection> in, double iou) {
        List<Detection> rest = new ArrayList<>(in);
        rest.sort(Comparator.comparingDouble(Detection::score).reversed());
        List<Detection> out = new ArrayList<>();
        while (!rest.isEmpty()) {
            Detection best = rest.get(0);
            double wsum = 0, x0 = 0, y0 = 0, x1 = 0, y1 = 0;
            List<Detection> keep = new ArrayList<>();
            for (Detection d : rest) {
                if (d.box().iou(best.box()) > iou || d.box().fractionInside(best.box()) > 0.8
                        || best.box().fractionInside(d.box()) > 0.8) {
                    double wgt = d.score();
                    wsum += wgt;
                    x0 += d.box().x() * wgt;
                    y0 += d.box().y() * wgt;
                    x1 += d.box().right() * wgt;
                    y1 += d.box().bottom() * wgt;
                } else {
                    keep.add(d);
                }
            }
            out.add(new Detection(Box.ofCorners(x0 / wsum, y0 / wsum, x1 / wsum, y1 / wsum), best.score()));
            rest = keep;
        }
        return out;
    }
}
