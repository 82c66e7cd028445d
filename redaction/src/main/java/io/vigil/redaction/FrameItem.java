package io.vigil.redaction;

import java.time.Instant;
import org.bytedeco.opencv.opencv_core.Mat;

/** One frame travelling through the pipeline; {@code index < 0} marks the end of the stream. */
record FrameItem(Mat bgr, long index, Instant at) {
    static final FrameItem END = new FrameItem(null, -1, null);

    boolean isEnd() {
        return index < 0;
    }
}
