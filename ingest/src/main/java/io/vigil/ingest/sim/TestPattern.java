package io.vigil.ingest.sim;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Draws the synthetic camera's picture: moving bars and a bouncing box (so every frame
 * differs, as real video does) with the camera name and the wall-clock time burned in,
 * so anyone watching a recording can tell which camera and when. Gives I420 bytes.
 */
public final class TestPattern {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final String label;
    private final int width;
    private final int height;
    private final BufferedImage image;
    private final Graphics2D g;
    private final byte[] i420;
    private final Font font;

    private final double noise;
    private long seed = 0x9E3779B97F4A7C15L;

    public TestPattern(String label, int width, int height) {
        this(label, width, height, 0);
    }

    /**
     * @param noise share of the picture (from the top, 0..1) filled with fresh random noise
     *              every frame (see {@link SimSettings#noise})
     */
    public TestPattern(String label, int width, int height, double noise) {
        this.noise = noise;
        if (width % 2 != 0 || height % 2 != 0) throw new IllegalArgumentException("picture size must be even: " + width + "x" + height);
        this.label = label;
        this.width = width;
        this.height = height;
        this.image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        this.g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_OFF);
        this.font = new Font(Font.MONOSPACED, Font.BOLD, Math.max(12, height / 18));
        this.i420 = new byte[width * height * 3 / 2];
    }

    /** The picture for frame {@code n} at wall-clock {@code now}, as I420 (reused buffer). */
    public byte[] render(long n, Instant now) {
        int bars = 8;
        int shift = (int) (n * 4 % width);
        for (int i = 0; i < bars; i++) {
            g.setColor(Color.getHSBColor(i / (float) bars, 0.6f, 0.8f));
            int x = (i * width / bars + shift) % width;
            g.fillRect(x, 0, width / bars + 1, height);
            if (x + width / bars > width) g.fillRect(x - width, 0, width / bars + 1, height);
        }
        int box = height / 5;
        int bx = (int) Math.abs((n * 7) % (2L * (width - box)) - (width - box));
        int by = (int) Math.abs((n * 5) % (2L * (height - box)) - (height - box));
        g.setColor(Color.WHITE);
        g.fillRect(bx, by, box, box);
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(3));
        g.drawRect(bx, by, box, box);
        if (noise > 0) addNoise(((DataBufferByte) image.getRaster().getDataBuffer()).getData());
        g.fillRect(0, height - font.getSize() * 2 - 8, width, font.getSize() * 2 + 8);
        g.setColor(Color.WHITE);
        g.setFont(font);
        g.drawString(label + "  frame " + n, 8, height - font.getSize() - 8);
        g.drawString(TIME.format(now), 8, height - 6);
        toI420(((DataBufferByte) image.getRaster().getDataBuffer()).getData());
        return i420;
    }

    /** xorshift noise over the top of the picture: incompressible, so the encoder spends its bit rate. */
    private void addNoise(byte[] bgr) {
        long x = seed;
        int end = (int) (width * (long) (height * noise)) * 3;
        for (int i = 0; i + 8 <= end; i += 8) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            for (int k = 0; k < 8; k++) bgr[i + k] = (byte) (x >>> (k * 8));
        }
        seed = x;
    }

    /** BT.601 limited-range conversion with 2x2 chroma averaging, in integers. */
    private void toI420(byte[] bgr) {
        int uOff = width * height;
        int vOff = uOff + (width / 2) * (height / 2);
        for (int y = 0; y < height; y++) {
            int row = y * width;
            for (int x = 0; x < width; x++) {
                int p = (row + x) * 3;
                int b = bgr[p] & 0xFF, gr = bgr[p + 1] & 0xFF, r = bgr[p + 2] & 0xFF;
                i420[row + x] = (byte) (((66 * r + 129 * gr + 25 * b + 128) >> 8) + 16);
            }
        }
        for (int y = 0; y < height; y += 2) {
            for (int x = 0; x < width; x += 2) {
                int r = 0, gr = 0, b = 0;
                for (int dy = 0; dy < 2; dy++) {
                    for (int dx = 0; dx < 2; dx++) {
                        int p = ((y + dy) * width + x + dx) * 3;
                        b += bgr[p] & 0xFF;
                        gr += bgr[p + 1] & 0xFF;
                        r += bgr[p + 2] & 0xFF;
                    }
                }
                r >>= 2;
                gr >>= 2;
                b >>= 2;
                int c = (y / 2) * (width / 2) + x / 2;
                i420[uOff + c] = (byte) (((-38 * r - 74 * gr + 112 * b + 128) >> 8) + 128);
                i420[vOff + c] = (byte) (((112 * r - 94 * gr - 18 * b + 128) >> 8) + 128);
            }
        }
    }
}
