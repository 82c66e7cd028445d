package io.vigil.ingest.sim;

/**
 * What the simulated cameras send.
 *
 * @param gopFrames frames from one keyframe to the next
 * @param bitrate   target bits per second for the encoder
 * @param noise     cover the upper part of the picture with fresh random noise every frame,
 *                  so the encoder really needs its bit rate (a test pattern alone
 *                  compresses to a fraction of it); for benchmarks
 */
public record SimSettings(int width, int height, int fps, int gopFrames, int bitrate, boolean noise) {
    /** Cheap enough to encode 16 live cameras on two cores: 640x360, 10 fps, a keyframe a second. */
    public static final SimSettings LIVE = new SimSettings(640, 360, 10, 10, 500_000, false);
    /** For scale benchmarks (replayed, encoded once): 1280x720, 25 fps, GOP 1 s, about 4 Mbit/s. */
    public static final SimSettings BENCH_4MBIT = new SimSettings(1280, 720, 25, 25, 4_000_000, true);

    public SimSettings(int width, int height, int fps, int gopFrames, int bitrate) {
        this(width, height, fps, gopFrames, bitrate, false);
    }

    public SimSettings {
        if (width <= 0 || height <= 0 || width % 2 != 0 || height % 2 != 0) {
            throw new IllegalArgumentException("picture size must be positive and even, got " + width + "x" + height);
        }
        if (fps < 1 || fps > 60) throw new IllegalArgumentException("fps must be 1..60, got " + fps);
        if (gopFrames < 1) throw new IllegalArgumentException("GOP must be at least one frame, got " + gopFrames);
        if (bitrate < 10_000) throw new IllegalArgumentException("bitrate too low: " + bitrate);
    }
}
