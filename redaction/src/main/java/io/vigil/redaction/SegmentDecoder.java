package io.vigil.redaction;

import java.io.ByteArrayInputStream;
import java.time.Instant;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Decodes the decrypted segments of a window, one at a time, into BGR frames stamped with
 * their wall-clock time (segment start + the frame's offset in it). Only frames inside
 * [from, to) are passed on. Checks that the picture size stays the same over the window:
 * a masked copy is one video, and a camera that changed resolution mid-window cannot be
 * masked as one (the staff member splits the window).
 *
 * <p>FFmpeg hands over the pictures as they are decoded, YUV 4:2:0, and OpenCV turns them
 * into BGR ({@link I420Frames}), vectorised, straight into the pipeline's frame; frames
 * outside the window are not converted at all.
 */
final class SegmentDecoder {

    /**
     * Receives the frames of the window. The decoder writes each one (BGR) straight into a
     * Mat the sink lends it, so a frame is converted once and never copied on the way.
     */
    interface FrameSink {
        /** The Mat the next frame is written into (BGR; reallocated to the frame's size if it differs). */
        Mat next() throws InterruptedException;

        /** The frame just written into the Mat {@link #next} lent. */
        void frame(Mat bgr, Instant at, double frameRate) throws InterruptedException;
    }

    private final SegmentSource source;
    private final Instant from, to;
    private final StageTimes times;
    private int width = -1, height = -1;
    private String firstSegment;
    private final java.util.List<String[]> segmentHashes = new java.util.ArrayList<>();
    private final I420Frames i420 = new I420Frames();

    SegmentDecoder(SegmentSource source, Instant from, Instant to, StageTimes times) {
        this.source = source;
        this.from = from;
        this.to = to;
        this.times = times;
    }

    /** Decodes everything, calling {@code sink} per frame; returns the number of frames passed on. */
    long run(FrameSink sink) throws InterruptedException {
        long frames = 0;
        try (OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat()) {
            while (source.hasNext()) {
                long t0 = System.nanoTime();
                SourceSegment seg = source.next();
                times.decode += System.nanoTime() - t0;
                segmentHashes.add(new String[] {seg.id(), FaceModel.sha256Hex(seg.fmp4())});
                frames += decode(seg, converter, sink);
            }
        } finally {
            i420.close();
        }
        return frames;
    }

    /** For the manifest: each source segment's id and the SHA-256 of its decrypted bytes. */
    java.util.List<String[]> segmentHashes() {
        return segmentHashes;
    }

    private long decode(SourceSegment seg, OpenCVFrameConverter.ToMat converter, FrameSink sink) throws InterruptedException {
        long frames = 0, grabbed = 0;
        long t0 = System.nanoTime();
        FFmpegFrameGrabber g = null;
        try {
            g = open(seg, avutil.AV_PIX_FMT_YUV420P);
            boolean planar = g.getImageWidth() % 2 == 0 && g.getImageHeight() % 2 == 0;
            if (!planar) {
                // OpenCV's I420 conversion needs even sides; an odd-sized picture takes swscale's BGR.
                g.close();
                g = open(seg, avutil.AV_PIX_FMT_BGR24);
            }
            checkSize(seg, g.getImageWidth(), g.getImageHeight());
            double fps = g.getFrameRate() > 0 ? g.getFrameRate() : 25;
            long firstTs = Long.MIN_VALUE;
            Frame f;
            while ((f = g.grabImage()) != null) {
                grabbed++;
                long ts = g.getTimestamp();
                if (firstTs == Long.MIN_VALUE) firstTs = ts;
                Instant at = seg.start().plusNanos((ts - firstTs) * 1000);
                checkSize(seg, f.imageWidth, f.imageHeight);
                if (at.isBefore(from) || !at.isBefore(to)) continue;
                times.decode += System.nanoTime() - t0;
                Mat bgr = sink.next();
                t0 = System.nanoTime();
                if (planar) i420.toBgr(f, bgr);
                else converter.convert(f).copyTo(bgr);
                times.decode += System.nanoTime() - t0;
                sink.frame(bgr, at, fps);
                t0 = System.nanoTime();
                frames++;
            }
            g.stop();
            times.decode += System.nanoTime() - t0;
        } catch (FrameGrabber.Exception e) {
            throw new RedactionException("segment " + seg.id() + " of camera " + source.cameraId()
                    + " cannot be decoded (" + e.getMessage() + "); it may be corrupt. Nothing was released.", e);
        } finally {
            if (g != null) close(g);
        }
        if (grabbed == 0) {
            throw new RedactionException("segment " + seg.id() + " of camera " + source.cameraId()
                    + " holds no decodable picture; it may be corrupt. Nothing was released.");
        }
        return frames;
    }

    private static FFmpegFrameGrabber open(SourceSegment seg, int pixelFormat) throws FrameGrabber.Exception {
        FFmpegFrameGrabber g = new FFmpegFrameGrabber(new ByteArrayInputStream(seg.fmp4()), 0);
        g.setFormat("mp4");
        g.setPixelFormat(pixelFormat);
        try {
            g.start();
        } catch (FrameGrabber.Exception e) {
            close(g);
            throw e;
        }
        return g;
    }

    private static void close(FFmpegFrameGrabber g) {
        try {
            g.close();
        } catch (FrameGrabber.Exception e) {
            // Freeing a grabber after its segment: the frames are out or the error is reported.
        }
    }

    private void checkSize(SourceSegment seg, int w, int h) {
        if (width < 0) {
            width = w;
            height = h;
            firstSegment = seg.id();
            return;
        }
        if (w != width || h != height) {
            throw new RedactionException("camera " + source.cameraId() + " changes resolution inside the window: "
                    + width + "x" + height + " from segment " + firstSegment + ", " + w + "x" + h + " in segment "
                    + seg.id() + " (from " + seg.start() + "). Mask the parts before and after "
                    + seg.start() + " as two requests. Nothing was released.");
        }
    }
}
