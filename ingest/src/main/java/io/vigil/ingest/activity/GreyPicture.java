package io.vigil.ingest.activity;

/**
 * A keyframe shrunk to {@value #WIDTH}×{@value #HEIGHT} grey levels (0..255, row by row),
 * whatever the camera's resolution or aspect: each value is the mean brightness of one
 * 1/{@value #WIDTH} × 1/{@value #HEIGHT} block of the picture. Small enough to compare in
 * microseconds and to keep one per camera; large enough that a person in a corridor covers
 * several blocks.
 */
record GreyPicture(byte[] levels) {
    static final int WIDTH = 64;
    static final int HEIGHT = 36;

    GreyPicture {
        if (levels.length != WIDTH * HEIGHT) {
            throw new IllegalArgumentException("a grey picture has " + WIDTH * HEIGHT + " levels, got " + levels.length);
        }
    }

    int level(int i) {
        return levels[i] & 0xFF;
    }
}
