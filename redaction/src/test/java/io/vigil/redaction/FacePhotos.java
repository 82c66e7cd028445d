package io.vigil.redaction;

import static org.bytedeco.opencv.global.opencv_imgcodecs.IMREAD_COLOR;
import static org.bytedeco.opencv.global.opencv_imgcodecs.imdecode;
import static org.bytedeco.opencv.global.opencv_imgproc.INTER_AREA;
import static org.bytedeco.opencv.global.opencv_imgproc.resize;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * Real faces for the tests: the demo photographs of npm {@code @vladmandic/face-api@1.7.15}
 * (fetched by the build, SHA-256 pinned in redaction/pom.xml). The face boxes below were
 * found once with the detector on the photos scaled to 640 px wide and checked by eye
 * (drawn on the pictures); they are in the full-size photos' pixels.
 */
final class FacePhotos {
    /** photo number, face box x, y, side (square), in pixels of the 1920-wide photo. */
    private static final int[][] FACES = {
        {1, 491, 84, 56}, {1, 127, 129, 69}, {1, 274, 150, 67},
        {2, 473, 60, 72}, {2, 297, 84, 69}, {2, 102, 61, 69},
        {3, 345, 81, 86}, {3, 185, 117, 81}, {3, 492, 111, 81},
        {4, 416, 62, 64}, {4, 317, 74, 62}, {4, 217, 39, 57}, {4, 87, 83, 60},
        {5, 259, 45, 65}, {5, 361, 75, 71}, {5, 451, 137, 85}, {5, 199, 148, 74}, {5, 112, 301, 89},
        {6, 204, 117, 92}, {6, 386, 113, 79}, {6, 83, 170, 83}, {6, 483, 98, 86},
    };
    /** The patch pasted into a clip is the face box grown by this share on each side (hair, neck). */
    static final double PATCH_MARGIN = 0.4;

    /** A head: an image patch and where the face lies in it. */
    record Head(Mat patch, Box face) {}

    private FacePhotos() {}

    static int count() {
        return FACES.length;
    }

    /** Head {@code i} scaled so its face box is {@code faceSide} pixels wide. */
    static Head head(int i, int faceSide) {
        int[] f = FACES[i];
        try (Mat photo = load(f[0])) {
            int side = f[3] * 3, fx = f[1] * 3, fy = f[2] * 3;
            Box face = new Box(fx, fy, side, side);
            Box patch = face.dilate(PATCH_MARGIN, 0).clampTo(photo.cols(), photo.rows());
            double scale = (double) faceSide / side;
            int pw = (int) Math.round(patch.w() * scale), ph = (int) Math.round(patch.h() * scale);
            Mat out = new Mat();
            try (Rect r = new Rect(patch.x(), patch.y(), patch.w(), patch.h()); Mat roi = new Mat(photo, r);
                    Size size = new Size(pw, ph)) {
                resize(roi, out, size, 0, 0, INTER_AREA);
            }
            Box faceInPatch = new Box((int) Math.round((face.x() - patch.x()) * scale),
                    (int) Math.round((face.y() - patch.y()) * scale), faceSide, faceSide);
            return new Head(out, faceInPatch);
        }
    }

    static List<Head> heads(int[] indices, int[] sides) {
        List<Head> out = new ArrayList<>();
        for (int k = 0; k < indices.length; k++) out.add(head(indices[k], sides[k]));
        return out;
    }

    private static Mat load(int photo) {
        String name = "/faces/sample" + photo + ".jpg";
        try (InputStream in = FacePhotos.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("test photo " + name + " missing; the build fetches it from npm");
            byte[] b = in.readAllBytes();
            try (Mat buf = new Mat(b)) {
                return imdecode(buf, IMREAD_COLOR);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
