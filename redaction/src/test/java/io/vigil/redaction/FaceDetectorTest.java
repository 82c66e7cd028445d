package io.vigil.redaction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

/** The bundled model is the pinned one, loads in OpenCV's DNN, and finds real faces. */
class FaceDetectorTest {

    @Test
    void bundledModelIsThePinnedOne() {
        assertEquals(FaceModel.SHA256, FaceModel.sha256Hex(FaceModel.bytes()));
        assertEquals(1_083_984, FaceModel.bytes().length);
    }

    @Test
    void findsEachPastedHeadAndNothingElseOnABackground() throws Exception {
        // Every annotated face of the six photos, pasted at 64 px on a synthetic background.
        int found = 0, falsePositives = 0;
        try (FaceDetector d = new FaceDetector(0.45f, 384)) {
            for (int i = 0; i < FacePhotos.count(); i++) {
                try (SyntheticClip c = new SyntheticClip(640, 360, 25, i)) {
                    c.add(FacePhotos.head(i, 64), f -> new int[] {250, 120});
                    Mat m = c.compose(0);
                    List<Detection> dets = d.detect(m, new Box(0, 0, 640, 360));
                    Box known = c.faceBox(0, 0);
                    for (Detection det : dets) {
                        if (det.box().iou(known) >= 0.3) found++;
                        else falsePositives++;
                    }
                }
            }
        }
        System.out.println("pasted heads found: " + found + " of " + FacePhotos.count() + ", false positives " + falsePositives);
        assertTrue(found >= FacePhotos.count() - 1, "found " + found + " of " + FacePhotos.count());
        assertEquals(0, falsePositives, "false positives");
    }
}
