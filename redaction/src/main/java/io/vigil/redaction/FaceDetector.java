package io.vigil.redaction;

import static org.bytedeco.opencv.global.opencv_dnn.blobFromImages;
import static org.bytedeco.opencv.global.opencv_dnn.readNetFromTFLite;

import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.MatVector;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;
import org.bytedeco.opencv.opencv_core.StringVector;
import org.bytedeco.opencv.opencv_dnn.Net;

/**
 * Finds faces with BlazeFace full-range (OpenCV DNN, the bundled {@link FaceModel}) over
 * overlapping tiles of a region of a BGR frame ({@link TilePlan}), merging the tiles'
 * results with weighted NMS. One instance per thread: an OpenCV {@code Net} is not
 * thread-safe. Close it to free the native network.
 */
public final class FaceDetector implements AutoCloseable {
    private static final String SCORES = "reshaped_classifier_face_4";
    private static final String BOXES = "reshaped_regressor_face_4";

    /** Scores from which a detection is taken without a second look. */
    static final float CONFIRMED = 0.5f;
    /** The second look's square, in face sizes. */
    static final double ZOOM = 4;
    /** Overlap with a followed face's expected box from which an unsure detection needs no second look. */
    static final double KNOWN_IOU = 0.3;

    private final Net net;
    private final StringVector outputs = new StringVector(SCORES, BOXES);
    private final Size inputSize = new Size(BlazeFaceDecoder.INPUT, BlazeFaceDecoder.INPUT);
    private final Scalar mean = new Scalar(127.5, 127.5, 127.5, 0);
    private final float minScore;
    private final int fineTile;
    private long inferences, secondLooks;

    /**
     * @param minScore detections below this confidence are dropped (MediaPipe uses 0.5-0.6;
     *     masking prefers a false mask to a missed face, see docs/redaction.md)
     * @param fineTile side of the fine tiles in frame pixels (faces of 24 px and up need
     *     tiles of about 400 px or less)
     */
    public FaceDetector(float minScore, int fineTile) {
        byte[] model = FaceModel.bytes();
        try (BytePointer p = new BytePointer(model)) {
            this.net = readNetFromTFLite(p, model.length);
        }
        if (net.empty()) throw new IllegalStateException("OpenCV could not load the face model " + FaceModel.FILE);
        this.minScore = minScore;
        this.fineTile = fineTile;
    }

    /** Faces inside {@code region} of {@code bgr} (boxes may reach outside the region a little). */
    public List<Detection> detect(Mat bgr, Box region) {
        return detect(bgr, region, List.of());
    }

    /**
     * Faces inside {@code region}, knowing where faces already followed are expected on this
     * frame. An unsure detection where such a face is expected (IoU at least
     * {@link #KNOWN_IOU}) continues a face the second look has already confirmed, so it is
     * taken without running the model again: the second look decides whether something
     * is a face at all, and that was decided when the track started. It only ever adds
     * detections (more masking, never less), and saves about a third of the inferences of
     * a job where someone walks past the requester (docs/redaction.md).
     */
    public List<Detection> detect(Mat bgr, Box region, List<Box> known) {
        List<Box> tiles = TilePlan.pyramid(region, bgr.cols(), bgr.rows(), fineTile);
        List<Detection> all = new ArrayList<>();
        for (Box t : tiles) all.addAll(detectTile(bgr, t));
        List<Detection> merged = BlazeFaceDecoder.weightedNms(all, 0.3);
        List<Detection> out = new ArrayList<>(merged.size());
        for (Detection d : merged) {
            if (d.score() >= CONFIRMED || expected(d, known) || confirmed(bgr, d)) out.add(d);
        }
        return out;
    }

    private static boolean expected(Detection d, List<Box> known) {
        for (Box k : known) {
            if (k.iou(d.box()) >= KNOWN_IOU) return true;
        }
        return false;
    }

    /**
     * A second look at an unsure detection (score below {@link #CONFIRMED}): the model runs
     * again on a square of {@link #ZOOM} times the face's size around it, where a real small
     * face fills a good part of the input and scores high, and most false ones (a neck, a
     * pattern) do not. This is what lets the first pass run at a low threshold (recall on
     * 24 px faces) without masking half the scene (docs/redaction.md has the figures).
     */
    private boolean confirmed(Mat bgr, Detection d) {
        int side = (int) Math.min(Math.min(bgr.cols(), bgr.rows()), ZOOM * Math.max(d.box().w(), d.box().h()));
        side = Math.max(side, Math.min(64, Math.min(bgr.cols(), bgr.rows())));
        int x = (int) Math.round(d.box().centerX() - side / 2.0), y = (int) Math.round(d.box().centerY() - side / 2.0);
        x = Math.max(0, Math.min(x, bgr.cols() - side));
        y = Math.max(0, Math.min(y, bgr.rows() - side));
        secondLooks++;
        for (Detection again : detectTile(bgr, new Box(x, y, side, side))) {
            if (again.score() >= CONFIRMED && again.box().iou(d.box()) >= 0.3) return true;
        }
        return false;
    }

    /** How many times the network ran (one per tile), for the benchmark's breakdown. */
    public long inferences() {
        return inferences;
    }

    /** How many of the {@link #inferences} were second looks at unsure detections. */
    public long secondLooks() {
        return secondLooks;
    }

    private List<Detection> detectTile(Mat bgr, Box tile) {
        try (Mat roi = new Mat(bgr, new Rect(tile.x(), tile.y(), tile.w(), tile.h()));
                MatVector images = new MatVector(roi);
                Mat blob = blobFromImages(images, 1 / 127.5, inputSize, mean, true, false, org.bytedeco.opencv.global.opencv_core.CV_32F);
                MatVector result = new MatVector()) {
            net.setInput(blob);
            net.forward(result, outputs);
            inferences++;
            float[] scores = floats(result.get(0), BlazeFaceDecoder.ANCHORS);
            float[] boxes = floats(result.get(1), BlazeFaceDecoder.ANCHORS * BlazeFaceDecoder.COORDS);
            return BlazeFaceDecoder.decode(scores, boxes, tile, minScore);
        }
    }

    private static float[] floats(Mat m, int n) {
        if (m.total() * m.channels() != n) {
            throw new IllegalStateException("face model output has " + m.total() + " values, expected " + n);
        }
        float[] out = new float[n];
        FloatBuffer fb = m.createBuffer();
        fb.get(out);
        return out;
    }

    @Override
    public void close() {
        net.close();
        outputs.close();
        inputSize.close();
        mean.close();
    }
}
