package io.vigil.redaction;

import java.time.Instant;
import java.util.List;

/**
 * Footage of real faces for other modules' tests (the gateway's masking pages): a 640x360
 * clip at 25 fps with a requester (head 18, 70 px face, standing still at the left) and a
 * passer-by (head 5, 40 px face) walking left to right below, encoded as stored segments.
 * Shipped in this module's test jar; built from {@link SyntheticClip} and {@link FacePhotos}.
 */
public final class FaceFootage {
    public static final int WIDTH = 640, HEIGHT = 360;
    public static final double FPS = 25;

    private FaceFootage() {}

    /** One stored segment: where it starts and ends and its fMP4 bytes. */
    public record Segment(Instant start, Instant end, byte[] fmp4) {}

    /** The clip of {@code frames} frames from {@code start}, cut every {@code perSegment} frames. */
    public static List<Segment> segments(Instant start, int frames, int perSegment) throws Exception {
        try (SyntheticClip clip = clip()) {
            return clip.segments("footage", start, frames, perSegment).stream()
                    .map(s -> new Segment(s.start(), s.end(), s.fmp4())).toList();
        }
    }

    /** The same scene at another picture size (a camera whose resolution changed). */
    public static Segment scaled(Instant start, int frames, int width, int height) throws Exception {
        try (SyntheticClip clip = clip()) {
            return new Segment(start, start.plus(clip.nanos(frames)), clip.encode(0, frames, width, height));
        }
    }

    /** The requester's head on frame {@code f}: x, y, width, height (the box staff would draw). */
    public static int[] requesterBox(int f) {
        try (SyntheticClip clip = clip()) {
            Box b = clip.patchBox(0, f);
            return new int[] {b.x(), b.y(), b.w(), b.h()};
        }
    }

    /** The passer-by's face on frame {@code f}, clipped to the picture: x, y, width, height. */
    public static int[] passerFace(int f) {
        try (SyntheticClip clip = clip()) {
            Box b = clip.faceBox(1, f);
            return new int[] {b.x(), b.y(), b.w(), b.h()};
        }
    }

    private static SyntheticClip clip() {
        SyntheticClip clip = new SyntheticClip(WIDTH, HEIGHT, FPS, 5);
        clip.add(FacePhotos.head(18, 70), f -> new int[] {120, 80});
        clip.add(FacePhotos.head(5, 40), f -> new int[] {300 + 4 * f % 300, 240});
        return clip;
    }
}
