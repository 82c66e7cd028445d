package io.vigil.redaction;

/** An axis-aligned rectangle in frame pixels: left, top, width, height. */
public record Box(int x, int y, int w, int h) {

    public Box {
        if (w < 0 || h < 0) throw new IllegalArgumentException("a box has no negative size: " + w + "x" + h);
    }

    public static Box ofCorners(double x0, double y0, double x1, double y1) {
        int l = (int) Math.floor(Math.min(x0, x1));
        int t = (int) Math.floor(Math.min(y0, y1));
        int r = (int) Math.ceil(Math.max(x0, x1));
        int b = (int) Math.ceil(Math.max(y0, y1));
        return new Box(l, t, r - l, b - t);
    }

    public int right() {
        return x + w;
    }

    public int bottom() {
        return y + h;
    }

    public long area() {
        return (long) w * h;
    }

    public double centerX() {
        return x + w / 2.0;
    }

    public double centerY() {
        return y + h / 2.0;
    }

    public boolean isEmpty() {
        return w == 0 || h == 0;
    }

    public Box intersect(Box o) {
        int l = Math.max(x, o.x), t = Math.max(y, o.y);
        int r = Math.min(right(), o.right()), b = Math.min(bottom(), o.bottom());
        return r <= l || b <= t ? new Box(l, t, 0, 0) : new Box(l, t, r - l, b - t);
    }

    public Box union(Box o) {
        if (isEmpty()) return o;
        if (o.isEmpty()) return this;
        int l = Math.min(x, o.x), t = Math.min(y, o.y);
        return new Box(l, t, Math.max(right(), o.right()) - l, Math.max(bottom(), o.bottom()) - t);
    }

    public double iou(Box o) {
        long inter = intersect(o).area();
        long uni = area() + o.area() - inter;
        return uni == 0 ? 0 : (double) inter / uni;
    }

    /** Fraction of this box's area that lies inside {@code o}. */
    public double fractionInside(Box o) {
        return area() == 0 ? 0 : (double) intersect(o).area() / area();
    }

    /** Grows each side by {@code fraction} of the box's size plus {@code pixels}. */
    public Box dilate(double fraction, int pixels) {
        int dx = (int) Math.ceil(w * fraction) + pixels;
        int dy = (int) Math.ceil(h * fraction) + pixels;
        return new Box(x - dx, y - dy, w + 2 * dx, h + 2 * dy);
    }

    public Box clampTo(int width, int height) {
        return intersect(new Box(0, 0, width, height));
    }

    public boolean liesWithin(int width, int height) {
        return x >= 0 && y >= 0 && right() <= width && bottom() <= height && !isEmpty();
    }

    /** Linear interpolation between this box (t = 0) and {@code o} (t = 1). */
    public Box lerp(Box o, double t) {
        return new Box((int) Math.round(x + (o.x - x) * t), (int) Math.round(y + (o.y - y) * t),
                (int) Math.round(w + (o.w - w) * t), (int) Math.round(h + (o.h - h) * t));
    }

    public Box translate(int dx, int dy) {
        return new Box(x + dx, y + dy, w, h);
    }

    @Override
    public String toString() {
        return w + "x" + h + "+" + x + "+" + y;
    }
}
