package io.vigil.redaction;

import static org.bytedeco.opencv.global.opencv_core.CV_8UC3;
import static org.bytedeco.opencv.global.opencv_imgproc.FILLED;
import static org.bytedeco.opencv.global.opencv_imgproc.GaussianBlur;
import static org.bytedeco.opencv.global.opencv_imgproc.LINE_8;
import static org.bytedeco.opencv.global.opencv_imgproc.rectangle;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_core.Size;

/**
 * A synthetic CCTV clip: a fixed textured background (a seeded pattern of coloured
 * blocks, softened) and real heads ({@link FacePhotos}) moving on known paths, so every
 * frame's face boxes are known exactly. Encoded as self-contained fragmented MP4 segments
 * (init + fragments, each starting at a keyframe), like the stored ones.
 */
final class SyntheticClip implements AutoCloseable {

    /** Where a head's patch lies (top-left) on a frame. */
    interface Path {
        int[] at(int frame);
    }

    record Walker(FacePhotos.Head head, Path path) {}

    final int width, height;
    final double fps;
    final List<Walker> walkers = new ArrayList<>();
    private final Mat background;
    private final Mat frame;

    SyntheticClip(int width, int height, double fps, long seed) {
        this.width = width;
        this.height = height;
        this.fps = fps;
        this.background = new Mat(height, width, CV_8UC3, new Scalar(90, 110, 100, 0));
        Random rnd = new Random(seed);
        for (int i = 0; i < 400; i++) {
            int w = 20 + rnd.nextInt(160), h = 20 + rnd.nextInt(120);
            try (Rect r = new Rect(rnd.nextInt(width), rnd.nextInt(height), w, h);
                    Scalar c = new Scalar(rnd.nextInt(256), rnd.nextInt(256), rnd.nextInt(256), 0)) {
                rectangle(background, r, c, FILLED, LINE_8, 0);
            }
        }
        try (Size k = new Size(5, 5)) {
            GaussianBlur(background, background, k, 0);
        }
        this.frame = new Mat(height, width, CV_8UC3);
    }

    SyntheticClip add(FacePhotos.Head head, Path path) {
        walkers.add(new Walker(head, path));
        return this;
    }

    /** The patch box of walker {@code k} on frame {@code f} (may reach outside the frame). */
    Box patchBox(int k, int f) {
        Walker w = walkers.get(k);
        int[] p = w.path().at(f);
        return new Box(p[0], p[1], w.head().patch().cols(), w.head().patch().rows());
    }

    /** The known face box of walker {@code k} on frame {@code f}, clipped to the frame. */
    Box faceBox(int k, int f) {
        Box p = patchBox(k, f);
        Box face = walkers.get(k).head().face();
        return face.translate(p.x(), p.y()).clampTo(width, height);
    }

    /** Frame {@code f} (the returned Mat is reused by the next call). */
    Mat compose(int f) {
        background.copyTo(frame);
        for (int k = 0; k < walkers.size(); k++) {
            Box p = patchBox(k, f);
            Box c = p.clampTo(width, height);
            if (c.isEmpty()) continue;
            Mat patch = walkers.get(k).head().patch();
            try (Rect src = new Rect(c.x() - p.x(), c.y() - p.y(), c.w(), c.h());
                    Rect dst = new Rect(c.x(), c.y(), c.w(), c.h());
                    Mat from = new Mat(patch, src);
                    Mat to = new Mat(frame, dst)) {
                from.copyTo(to);
            }
        }
        return frame;
    }

    /** Encodes frames [0, frames) as segments of {@code perSegment} frames starting at {@code start}. */
    List<SourceSegment> segments(String camera, Instant start, int frames, int perSegment) throws Exception {
        List<SourceSegment> out = new ArrayList<>();
        for (int s = 0; s * perSegment < frames; s++) {
            int first = s * perSegment, last = Math.min(frames, first + perSegment);
            Instant segStart = start.plus(nanos(first)), segEnd = start.plus(nanos(last));
            out.add(new SourceSegment(camera + "@" + segStart + "#" + s, segStart, segEnd, encode(first, last, width, height)));
        }
        return out;
    }

    Duration nanos(int frameIndex) {
        return Duration.ofNanos(Math.round(frameIndex * 1e9 / fps));
    }

    /** Frames [first, last) as one fMP4 segment of the given size (scaled if it differs). */
    byte[] encode(int first, int last, int w, int h) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (FFmpegFrameRecorder r = new FFmpegFrameRecorder(bytes, w, h, 0);
                OpenCVFrameConverter.ToMat conv = new OpenCVFrameConverter.ToMat()) {
            r.setFormat("mp4");
            r.setOption("movflags", "frag_keyframe+empty_moov+default_base_moof");
            r.setVideoCodecName("libopenh264");
            r.setVideoCodec(avcodec.AV_CODEC_ID_H264);
            r.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            r.setFrameRate(fps);
            r.setVideoBitrate(8_000_000);
            r.setGopSize(last - first);
            r.start();
            Mat scaled = new Mat();
            for (int f = first; f < last; f++) {
                Mat m = compose(f);
                if (w != width || h != height) {
                    try (Size size = new Size(w, h)) {
                        org.bytedeco.opencv.global.opencv_imgproc.resize(m, scaled, size);
                    }
                    m = scaled;
                }
                r.record(conv.convert(m), avutil.AV_PIX_FMT_BGR24);
            }
            r.stop();
            scaled.close();
        }
        return bytes.toByteArray();
    }

    @Override
    public void close() {
        background.close();
        frame.close();
        for (Walker w : walkers) w.head().patch().close();
    }
}
