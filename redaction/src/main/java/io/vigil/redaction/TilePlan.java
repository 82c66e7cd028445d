package io.vigil.redaction;

import java.util.ArrayList;
import java.util.List;

/**
 * Where to run the face model over a region of a frame. BlazeFace was trained on faces
 * that fill a fair part of its 192x192 input: a whole 720p frame in one pass finds no
 * face of 25-55 px (docs/redaction.md). So the region is covered by overlapping square
 * tiles of a fine size (small faces), plus tiles of a coarse size (faces larger than the
 * fine tiles' overlap, which may be cut by every fine tile).
 */
final class TilePlan {
    private TilePlan() {}

    /** Squares of side {@code tile} (at most the frame's shorter side) covering {@code region}. */
    static List<Box> cover(Box region, int frameW, int frameH, int tile, int overlap) {
        Box r = region.clampTo(frameW, frameH);
        List<Box> out = new ArrayList<>();
        if (r.isEmpty()) return out;
        int side = Math.min(tile, Math.min(frameW, frameH));
        int ov = Math.min(overlap, side / 2);
        int[] xs = starts(r.x(), r.w(), side, ov, frameW);
        int[] ys = starts(r.y(), r.h(), side, ov, frameH);
        for (int y : ys) {
            for (int x : xs) out.add(new Box(x, y, side, side));
        }
        return out;
    }

    /** The multi-scale plan: fine tiles, then coarse ones when the region is larger than a fine tile. */
    static List<Box> pyramid(Box region, int frameW, int frameH, int fineTile) {
        List<Box> out = new ArrayList<>(cover(region, frameW, frameH, fineTile, fineTile / 4));
        Box r = region.clampTo(frameW, frameH);
        if (Math.max(r.w(), r.h()) > fineTile) {
            out.addAll(cover(region, frameW, frameH, fineTile * 2, fineTile / 2));
        }
        return out;
    }

    /** Evenly spread starts so tiles of {@code side} cover [from, from+len) overlapping by at least {@code ov}. */
    private static int[] starts(int from, int len, int side, int ov, int limit) {
        if (len <= side) {
            int s = Math.max(0, Math.min(from + len / 2 - side / 2, limit - side));
            return new int[] {s};
        }
        int n = (int) Math.ceil((double) (len - ov) / (side - ov));
        int[] s = new int[n];
        double step = (double) (len - side) / (n - 1);
        for (int i = 0; i < n; i++) {
            s[i] = Math.max(0, Math.min((int) Math.round(from + i * step), limit - side));
        }
        return s;
    }
}
