package io.vigil.redaction;

import java.time.Instant;
import java.util.Arrays;

/**
 * Where the requester's box was on every frame of the masked copy, in output order (the
 * tracker's box, before the kept region's dilation): what the review page draws over the
 * preview and over marking frames, so staff see what is kept and where the box lags. Five
 * ints a frame (time since the window's start in ms, x, y, w, h): 20 bytes a frame, 1.8 MB
 * for an hour at 25 fps, the one part of a result that grows with the window.
 */
public final class RequesterPath {
    private final Instant origin;
    private int[] data = new int[5 * 256];
    private int frames;

    RequesterPath(Instant origin) {
        this.origin = origin;
    }

    void add(Instant at, Box b) {
        if ((frames + 1) * 5 > data.length) data = Arrays.copyOf(data, data.length * 2);
        int i = frames * 5;
        data[i] = (int) Math.min(Integer.MAX_VALUE, java.time.Duration.between(origin, at).toMillis());
        data[i + 1] = b.x();
        data[i + 2] = b.y();
        data[i + 3] = b.w();
        data[i + 4] = b.h();
        frames++;
    }

    /** The window's start the times count from. */
    public Instant origin() {
        return origin;
    }

    public int frames() {
        return frames;
    }

    /** Milliseconds from {@link #origin()} to frame {@code i}. */
    public int offsetMillis(int i) {
        return data[check(i) * 5];
    }

    /** The requester's box on frame {@code i}. */
    public Box box(int i) {
        int k = check(i) * 5;
        return new Box(data[k + 1], data[k + 2], data[k + 3], data[k + 4]);
    }

    private int check(int i) {
        if (i < 0 || i >= frames) throw new IndexOutOfBoundsException("frame " + i + " of " + frames);
        return i;
    }
}
