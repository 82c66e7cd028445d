package io.vigil.redaction;

import static org.bytedeco.opencv.global.opencv_imgproc.CHAIN_APPROX_SIMPLE;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.MORPH_RECT;
import static org.bytedeco.opencv.global.opencv_imgproc.RETR_EXTERNAL;
import static org.bytedeco.opencv.global.opencv_imgproc.THRESH_BINARY;
import static org.bytedeco.opencv.global.opencv_imgproc.boundingRect;
import static org.bytedeco.opencv.global.opencv_imgproc.dilate;
import static org.bytedeco.opencv.global.opencv_imgproc.findContours;
import static org.bytedeco.opencv.global.opencv_imgproc.getStructuringElement;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;
import static org.bytedeco.opencv.global.opencv_imgproc.threshold;
import static org.bytedeco.opencv.global.opencv_video.createBackgroundSubtractorMOG2;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_video.BackgroundSubtractorMOG2;

/**
 * Moving regions by OpenCV's MOG2 background subtraction on a frame scaled to 320 px wide
 * (cheap, and people are large enough there). Shadows are ignored (threshold above the
 * shadow value), blobs are grown a little and returned as boxes in frame pixels.
 */
final class MotionDetector implements AutoCloseable {
    private static final int WIDTH = 320;
    private final BackgroundSubtractorMOG2 mog = createBackgroundSubtractorMOG2(250, 16, true);
    private final Mat small = new Mat(), fg = new Mat(), bin = new Mat();
    private final Mat kernel = getStructuringElement(MORPH_RECT, new Size(5, 5));

    List<Box> moving(Mat bgr) {
        double scale = (double) bgr.cols() / WIDTH;
        int h = (int) Math.round(bgr.rows() / scale);
        try (Size size = new Size(WIDTH, h)) {
            resize(bgr, small, size, 0, 0, INTER_AREA);
        }
        mog.apply(small, fg);
        threshold(fg, bin, 200, 255, THRESH_BINARY);
        dilate(bin, bin, kernel);
        List<Box> out = new ArrayList<>();
        try (MatVector contours = new MatVector(); Mat hierarchy = new Mat()) {
            findContours(bin, contours, hierarchy, RETR_EXTERNAL, CHAIN_APPROX_SIMPLE);
            for (long i = 0; i < contours.size(); i++) {
                try (Rect r = boundingRect(contours.get(i))) {
                    if (r.width() * r.height() < 12) continue;
                    out.add(Box.ofCorners(r.x() * scale, r.y() * scale, (r.x() + r.width()) * scale,
                            (r.y() + r.height()) * scale).dilate(0.1, 4));
                }
            }
        }
        return out;
    }

    @Override
    public void close() {
        mog.close();
        small.close();
        fg.close();
        bin.close();
        kernel.close();
    }
}
