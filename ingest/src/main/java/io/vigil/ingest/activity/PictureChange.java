package io.vigil.ingest.activity;

import io.vigil.storage.ActivitySample;

/**
 * The activity measure: the share of a picture's blocks whose mean brightness moved by more
 * than {@value #THRESHOLD} grey levels (of 255) since the camera's previous keyframe, in
 * thousandths. Each block of a {@link GreyPicture} averages hundreds of pixels, so sensor
 * noise and compression ripple stay far below the threshold; someone walking through a
 * corridor changes a few percent of the blocks, a crowd or the lights switched on most of
 * them.
 *
 * <p>Why a share of changed blocks and not the mean absolute difference: the mean dilutes
 * a person over the whole picture into a level close to noise, and its size depends on the
 * scene's contrast; "how much of the picture changed" reads the same on every camera and
 * is what a guard asks of the line (docs/ingest.md, "Activity line").
 */
final class PictureChange {
    /** 6 % of the grey scale: above what noise leaves in a block average, below what a person in the picture makes. */
    static final int THRESHOLD = 16;

    private PictureChange() {}

    /** 0 for identical pictures, {@link ActivitySample#MAX} when every block changed. */
    static int between(GreyPicture before, GreyPicture after) {
        int blocks = GreyPicture.WIDTH * GreyPicture.HEIGHT;
        int changed = 0;
        for (int i = 0; i < blocks; i++) {
            if (Math.abs(after.level(i) - before.level(i)) > THRESHOLD) changed++;
        }
        return (int) Math.round((double) changed * ActivitySample.MAX / blocks);
    }
}
