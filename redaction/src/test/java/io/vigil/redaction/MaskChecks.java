package io.vigil.redaction;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.indexer.UByteIndexer;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;

/** Measurements the proof tests make on decoded frames, and ffprobe. */
final class MaskChecks {
    /** A pixel counts as filled when every channel is this close to the fill colour (H.264 noise). */
    static final int FILL_TOLERANCE = 24;

    private MaskChecks() {}

    /**
     * Share of {@code box} masked in {@code out}: pixels at the fill colour, among those
     * whose unmasked value ({@code src}) is not itself near the fill colour (those say
     * nothing either way). 1.0 when no pixel is informative.
     */
    static double maskedShare(Mat out, Mat src, Box box, int fillBgr) {
        Box b = box.clampTo(out.cols(), out.rows());
        int[] fill = {(fillBgr >> 16) & 0xff, (fillBgr >> 8) & 0xff, fillBgr & 0xff};
        long informative = 0, masked = 0;
        try (UByteIndexer o = out.createIndexer(); UByteIndexer s = src.createIndexer()) {
            for (int y = b.y(); y < b.bottom(); y++) {
                for (int x = b.x(); x < b.right(); x++) {
                    if (near(s, y, x, fill)) continue;
                    informative++;
                    if (near(o, y, x, fill)) masked++;
                }
            }
        }
        return informative == 0 ? 1.0 : (double) masked / informative;
    }

    private static boolean near(UByteIndexer m, int y, int x, int[] c) {
        for (int ch = 0; ch < 3; ch++) {
            if (Math.abs(m.get(y, x, ch) - c[ch]) > FILL_TOLERANCE) return false;
        }
        return true;
    }

    /** PSNR in dB of {@code a} against {@code b} over {@code box} (all three channels). */
    static double psnr(Mat a, Mat b, Box box) {
        Box r = box.clampTo(a.cols(), a.rows());
        double se = 0;
        long n = 0;
        try (UByteIndexer x = a.createIndexer(); UByteIndexer y = b.createIndexer()) {
            for (int row = r.y(); row < r.bottom(); row++) {
                for (int col = r.x(); col < r.right(); col++) {
                    for (int ch = 0; ch < 3; ch++) {
                        double d = x.get(row, col, ch) - y.get(row, col, ch);
                        se += d * d;
                        n++;
                    }
                }
            }
        }
        if (n == 0) return Double.POSITIVE_INFINITY;
        double mse = se / n;
        return mse == 0 ? 99 : 10 * Math.log10(255.0 * 255.0 / mse);
    }

    /** Decodes every frame of an MP4 file (BGR), handing each to {@code each} with its index. */
    interface FrameVisitor {
        void visit(int index, Mat bgr) throws Exception;
    }

    static int decodeFile(Path mp4, FrameVisitor each) throws Exception {
        int n = 0;
        try (FFmpegFrameGrabber g = new FFmpegFrameGrabber(mp4.toFile());
                OpenCVFrameConverter.ToMat conv = new OpenCVFrameConverter.ToMat()) {
            g.setPixelFormat(org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR24);
            g.start();
            Frame f;
            while ((f = g.grabImage()) != null) each.visit(n++, conv.convert(f));
            g.stop();
        }
        return n;
    }

    /** Runs ffprobe and returns its stdout (JSON); fails on a non-zero exit. */
    static String ffprobe(Path file, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("ffprobe", "-v", "error"));
        cmd.addAll(List.of(args));
        cmd.add(file.toString());
        Path outFile = Files.createTempFile("ffprobe", ".out");
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(outFile.toFile()).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("ffprobe did not finish in 60 s: " + cmd);
            }
            String out = Files.readString(outFile);
            if (p.exitValue() != 0) throw new AssertionError("ffprobe failed (" + p.exitValue() + "): " + out);
            return out;
        } finally {
            Files.deleteIfExists(outFile);
        }
    }

    /** Top-level MP4 box types in order (to prove the output is not fragmented). */
    static List<String> topLevelBoxes(Path mp4) throws Exception {
        List<String> out = new ArrayList<>();
        try (var ch = java.nio.channels.FileChannel.open(mp4)) {
            long pos = 0, size = ch.size();
            java.nio.ByteBuffer h = java.nio.ByteBuffer.allocate(16);
            while (pos + 8 <= size) {
                h.clear();
                ch.read(h, pos);
                h.flip();
                long len = h.getInt() & 0xffffffffL;
                byte[] t = new byte[4];
                h.get(t);
                out.add(new String(t, java.nio.charset.StandardCharsets.US_ASCII));
                if (len == 1) len = h.getLong();
                if (len < 8) break;
                pos += len;
            }
        }
        return out;
    }

}
