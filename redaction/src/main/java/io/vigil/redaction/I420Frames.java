package io.vigil.redaction;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC1;
import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_YUV2BGR_I420;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;

import java.nio.Buffer;
import java.nio.ByteBuffer;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacv.Frame;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Converts the YUV 4:2:0 frames a JavaCV grabber gives when asked for
 * {@code AV_PIX_FMT_YUV420P} into BGR. The grabber writes the three planes one after the
 * other into one buffer (Y, then U and V at half size) that it reuses for every frame, so
 * the Mat viewing it as I420 ({@code height * 3 / 2} rows of {@code width} bytes) is made
 * once per grabber, not per frame. Even sides only (the caller checks).
 */
final class I420Frames implements AutoCloseable {
    private Buffer viewed;
    private Mat view;

    void toBgr(Frame f, Mat bgr) {
        ByteBuffer b = (ByteBuffer) f.image[0];
        int w = f.imageWidth, h = f.imageHeight;
        if (b != viewed || view.cols() != w || view.rows() != h * 3 / 2) {
            if (b.capacity() < w * h * 3 / 2 || f.imageStride != w) {
                throw new IllegalStateException("the decoder's YUV 4:2:0 frame is not packed as expected: " + w + "x" + h
                        + ", stride " + f.imageStride + ", " + b.capacity() + " bytes");
            }
            close();
            view = new Mat(h * 3 / 2, w, CV_8UC1, new BytePointer(b));
            viewed = b;
        }
        cvtColor(view, bgr, COLOR_YUV2BGR_I420);
    }

    @Override
    public void close() {
        if (view != null) view.close();
        view = null;
        viewed = null;
    }
}
