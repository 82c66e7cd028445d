package io.vigil.redaction;

import java.util.function.Consumer;

/**
 * Everything that decides what a masked copy shows; recorded verbatim in the manifest.
 *
 * @param mode what is kept
 * @param faceStyle how faces (and moving regions) are masked
 * @param fillBgr the colour of solid fills and of everything outside the requester's region
 * @param blockSize pixel-block side for {@link MaskStyle#PIXELATE}, at least 16
 * @param requesterDilation fraction of the requester's box added on each side of the kept region
 * @param faceDilation fraction of a face box added on each side of its mask (hair, ears, a turn of the head)
 * @param minFaceScore detector confidence from which a face is masked
 * @param fineTile side of the detector's fine tiles in pixels
 * @param coastFrames frames a face track stays masked after its last detection (covers missed detections)
 * @param detectEvery the face detector runs on every n-th frame; tracks carry the boxes
 *     (constant velocity, growing margin) over the frames between
 * @param maskMovingRegions whether moving regions are masked too (background subtraction; {@link RedactionMode#MASK_PEOPLE})
 * @param bitrate output H.264 bit rate in bit/s
 */
public record RedactionSettings(
        RedactionMode mode,
        MaskStyle faceStyle,
        int fillBgr,
        int blockSize,
        double requesterDilation,
        double faceDilation,
        float minFaceScore,
        int fineTile,
        int coastFrames,
        int detectEvery,
        boolean maskMovingRegions,
        int bitrate) {

    public RedactionSettings {
        if (mode == null || faceStyle == null) throw new IllegalArgumentException("mode and face style are required");
        if (blockSize < 16) {
            throw new IllegalArgumentException("pixel blocks must be at least 16 px (got " + blockSize + "): smaller blocks can be undone");
        }
        if (requesterDilation < 0 || requesterDilation > 2) {
            throw new IllegalArgumentException("requester dilation must be between 0 and 2 (got " + requesterDilation + ")");
        }
        if (faceDilation < 0.1 || faceDilation > 2) {
            throw new IllegalArgumentException("face dilation must be between 0.1 and 2 (got " + faceDilation + ")");
        }
        if (minFaceScore <= 0 || minFaceScore >= 1) {
            throw new IllegalArgumentException("minimum face score must be between 0 and 1 (got " + minFaceScore + ")");
        }
        if (fineTile < 192 || fineTile > 1080) throw new IllegalArgumentException("fine tile must be 192-1080 px (got " + fineTile + ")");
        if (coastFrames < 0 || coastFrames > 250) throw new IllegalArgumentException("coast frames must be 0-250 (got " + coastFrames + ")");
        if (detectEvery < 1 || detectEvery > 4 || detectEvery > coastFrames) {
            throw new IllegalArgumentException("detect every must be 1-4 frames and at most the coast frames (got " + detectEvery + ")");
        }
        if (bitrate < 200_000 || bitrate > 50_000_000) throw new IllegalArgumentException("bit rate must be 200 kbit/s - 50 Mbit/s (got " + bitrate + ")");
    }

    /**
     * The defaults: keep only the requester, solid grey fills, faces dilated by 30 %, the
     * detector on every second frame (docs/redaction.md: what that costs and saves).
     */
    public static RedactionSettings defaults() {
        return new RedactionSettings(RedactionMode.KEEP_ONLY_REQUESTER, MaskStyle.SOLID, 0x808080, 16,
                0.15, 0.3, 0.3f, 384, 12, 2, false, 3_000_000);
    }

    public RedactionSettings withMode(RedactionMode m) {
        return with(d -> d.mode = m);
    }

    public RedactionSettings withFaceStyle(MaskStyle s) {
        return with(d -> d.faceStyle = s);
    }

    public RedactionSettings withDetectEvery(int n) {
        return with(d -> d.detectEvery = n);
    }

    public RedactionSettings withMovingRegions(boolean on) {
        return with(d -> d.maskMovingRegions = on);
    }

    /** These settings with what {@code change} sets changed, checked like any others. */
    private RedactionSettings with(Consumer<Draft> change) {
        Draft d = new Draft(this);
        change.accept(d);
        return d.settings();
    }

    /** The settings with their changeable parts (those the with* methods change) open to change; the rest as they were. */
    private static final class Draft {
        final RedactionSettings was;
        RedactionMode mode;
        MaskStyle faceStyle;
        int detectEvery;
        boolean maskMovingRegions;

        Draft(RedactionSettings was) {
            this.was = was;
            mode = was.mode;
            faceStyle = was.faceStyle;
            detectEvery = was.detectEvery;
            maskMovingRegions = was.maskMovingRegions;
        }

        RedactionSettings settings() {
            return new RedactionSettings(mode, faceStyle, was.fillBgr, was.blockSize, was.requesterDilation, was.faceDilation,
                    was.minFaceScore, was.fineTile, was.coastFrames, detectEvery, maskMovingRegions, was.bitrate);
        }
    }
}
