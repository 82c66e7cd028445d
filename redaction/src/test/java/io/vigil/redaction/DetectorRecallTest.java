package io.vigil.redaction;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Detector recall on faces of 24 px and more in synthetic 720p H.264 clips: all 22
 * annotated faces of the test photos, at 24-64 px, moving; every frame decoded from the
 * H.264 segments, the whole frame searched as in mask-people mode. A face counts as found
 * when a detection overlaps its known box by IoU >= 0.3. Prints the figures per size.
 */
class DetectorRecallTest {
    static final int[] SIDES = {24, 28, 32, 40, 48, 64};
    static final int FRAMES = 8;

    @TempDir
    Path tmp;

    @Test
    void recallOnFacesOf24PixelsAndMoreIsAtLeast95Percent() throws Exception {
        TreeMap<Integer, int[]> bySide = new TreeMap<>();
        int falsePositives = 0;
        try (FaceDetector detector = new FaceDetector(RedactionSettings.defaults().minFaceScore(), RedactionSettings.defaults().fineTile())) {
            for (int first = 0; first < FacePhotos.count(); first += 8) {
                try (SyntheticClip clip = new SyntheticClip(1280, 720, 25, first)) {
                    for (int k = 0; k < 8 && first + k < FacePhotos.count(); k++) {
                        int side = SIDES[(first + k) % SIDES.length];
                        int cx = 60 + (k % 4) * 320, cy = 80 + (k / 4) * 360;
                        int dx = k % 2 == 0 ? 3 : -2, dy = k % 3 == 0 ? 2 : -1;
                        clip.add(FacePhotos.head(first + k, side), f -> new int[] {cx + 40 + dx * f, cy + 40 + dy * f});
                    }
                    List<SourceSegment> segs = clip.segments("cam-r", Instant.EPOCH, FRAMES, FRAMES);
                    Path p = tmp.resolve("clip" + first + ".mp4");
                    Files.write(p, segs.get(0).fmp4());
                    int[] fp = {0};
                    MaskChecks.decodeFile(p, (i, m) -> {
                        List<Detection> found = detector.detect(m, new Box(0, 0, m.cols(), m.rows()));
                        boolean[] used = new boolean[found.size()];
                        for (int k = 0; k < clip.walkers.size(); k++) {
                            Box known = clip.faceBox(k, i);
                            int[] c = bySide.computeIfAbsent(known.w(), s -> new int[2]);
                            c[1]++;
                            for (int d = 0; d < found.size(); d++) {
                                if (found.get(d).box().iou(known) >= 0.3) {
                                    used[d] = true;
                                    c[0]++;
                                    break;
                                }
                            }
                        }
                        for (boolean u : used) if (!u) fp[0]++;
                    });
                    falsePositives += fp[0];
                }
            }
        }
        int hit = 0, all = 0;
        StringBuilder report = new StringBuilder();
        for (var e : bySide.entrySet()) {
            hit += e.getValue()[0];
            all += e.getValue()[1];
            report.append(String.format(Locale.ROOT, "  %d px: %d of %d (%.1f %%)%n", e.getKey(), e.getValue()[0], e.getValue()[1],
                    100.0 * e.getValue()[0] / e.getValue()[1]));
        }
        double recall = (double) hit / all;
        System.out.printf(Locale.ROOT, "detector recall, faces >= 24 px: %d of %d = %.1f %% (false positives: %d in %d frames)%n%s",
                hit, all, 100 * recall, falsePositives, 3 * FRAMES, report);
        assertTrue(recall >= 0.95, "recall " + recall + "\n" + report);
    }
}
