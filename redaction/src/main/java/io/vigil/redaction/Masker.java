package io.vigil.redaction;

import static org.bytedeco.opencv.global.opencv_imgproc.FILLED;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_NEAREST;
import static org.bytedeco.opencv.global.opencv_imgproc.LINE_8;
import static org.bytedeco.opencv.global.opencv_imgproc.rectangle;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/** Draws masks into a BGR frame in place. Irreversible by construction: fills or coarse blocks. */
final class Masker implements AutoCloseable {
    private final Scalar fill;
    private final int block;
    private final Mat small = new Mat();

    Masker(RedactionSettings s) {
        int c = s.fillBgr();
        this.fill = new Scalar((c >> 16) & 0xff, (c >> 8) & 0xff, c & 0xff, 0);
        this.block = s.blockSize();
    }

    /** Fills everything outside {@code keep}. */
    void fillOutside(Mat bgr, Box keep) {
        int w = bgr.cols(), h = bgr.rows();
        Box k = keep.clampTo(w, h);
        if (k.isEmpty()) {
            fill(bgr, new Box(0, 0, w, h));
            return;
        }
        fill(bgr, new Box(0, 0, w, k.y()));
        fill(bgr, new Box(0, k.bottom(), w, h - k.bottom()));
        fill(bgr, new Box(0, k.y(), k.x(), k.h()));
        fill(bgr, new Box(k.right(), k.y(), w - k.right(), k.h()));
    }

    void mask(Mat bgr, Box b, MaskStyle style) {
        if (style == MaskStyle.SOLID) fill(bgr, b);
        else pixelate(bgr, b);
    }

    void fill(Mat bgr, Box b) {
        Box c = b.clampTo(bgr.cols(), bgr.rows());
        if (c.isEmpty()) return;
        try (Rect r = new Rect(c.x(), c.y(), c.w(), c.h())) {
            rectangle(bgr, r, fill, FILLED, LINE_8, 0);
        }
    }

    /** Blocks of at least {@code block} px, each the mean of what it covers. */
    void pixelate(Mat bgr, Box b) {
        Box c = b.clampTo(bgr.cols(), bgr.rows());
        if (c.isEmpty()) return;
        int cols = Math.max(1, c.w() / block), rows = Math.max(1, c.h() / block);
        try (Rect r = new Rect(c.x(), c.y(), c.w(), c.h());
                Mat roi = new Mat(bgr, r);
                Size down = new Size(cols, rows);
                Size up = new Size(c.w(), c.h())) {
            resize(roi, small, down, 0, 0, INTER_AREA);
            resize(small, roi, up, 0, 0, INTER_NEAREST);
        }
    }

    @Override
    public void close() {
        fill.close();
        small.close();
    }
}
