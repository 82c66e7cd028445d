package io.vigil.redaction;

import static org.bytedeco.opencv.global.opencv_imgproc.COLOR_BGR2YUV_I420;
import static org.bytedeco.opencv.global.opencv_imgproc.cvtColor;

import java.nio.ByteBuffer;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameRecorder;
import org.bytedeco.javacv.OpenCVFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;

/**
 * Encodes BGR frames to H.264 with OpenH264 (the LGPL FFmpeg of JavaCV has no x264) into a
 * plain, non-fragmented MP4 in a {@link SealedFile}: FFmpeg's MP4 muxer writes {@code moov}
 * (with {@code mvhd}/{@code tkhd} durations) when finished, so any player shows the length.
 * Frames are numbered at a constant rate, so frame count / rate is the duration.
 *
 * <p>The BGR frames are turned into the encoder's YUV 4:2:0 by OpenCV ({@code cvtColor},
 * vectorised) rather than by FFmpeg's swscale, whose BGR24 to YUV420P path cost several
 * milliseconds more per 720p frame on the encode thread, the pipeline's longest.
 */
final class Mp4Encoder implements AutoCloseable {
    static final int ENCODER_SLICES = 2;
    private final FFmpegFrameRecorder recorder;
    private final OpenCVFrameConverter.ToMat converter = new OpenCVFrameConverter.ToMat();
    private final int width, height;
    private final Mat yuv = new Mat();
    private ByteBuffer yuvBytes;
    private boolean started;

    Mp4Encoder(SealedFile out, int width, int height, double frameRate, int bitrate) {
        this.width = width;
        this.height = height;
        recorder = new FFmpegFrameRecorder(out.outputStream(), width, height, 0);
        recorder.setFormat("mp4");
        recorder.setVideoCodecName("libopenh264");
        recorder.setVideoCodec(avcodec.AV_CODEC_ID_H264);
        recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
        recorder.setFrameRate(frameRate);
        recorder.setVideoBitrate(bitrate);
        recorder.setGopSize((int) Math.max(1, Math.round(frameRate * 2)));
        recorder.setVideoOption("rc_mode", "quality");
        // Two slices per picture: FFmpeg hands libopenh264 avctx->slices as a fixed slice
        // count, and with none set it encodes each picture as one slice on one thread.
        // Two slices let it use both cores and cut the encode time per 720p frame about 3x
        // here (docs/benchmarks.md, "Redaction"); the extra slice header costs ~3 % of size.
        recorder.setVideoOption("slices", Integer.toString(ENCODER_SLICES));
        try {
            recorder.start();
            started = true;
        } catch (FrameRecorder.Exception e) {
            throw new RedactionException("cannot start the H.264 encoder (libopenh264): " + e.getMessage(), e);
        }
    }

    void encode(Mat bgr) {
        try {
            if (width % 2 != 0 || height % 2 != 0) {
                // 4:2:0 of an odd size: OpenCV's I420 needs even sides; swscale copes.
                recorder.record(converter.convert(bgr), avutil.AV_PIX_FMT_BGR24);
                return;
            }
            cvtColor(bgr, yuv, COLOR_BGR2YUV_I420);
            if (yuvBytes == null) yuvBytes = yuv.createBuffer(); // same size every frame: the buffer stays
            recorder.recordImage(width, height, Frame.DEPTH_UBYTE, 1, width, avutil.AV_PIX_FMT_YUV420P, yuvBytes);
        } catch (FrameRecorder.Exception e) {
            throw new RedactionException("the H.264 encoder failed: " + e.getMessage(), e);
        }
    }

    /** Flushes the encoder and writes the MP4's index ({@code moov}). */
    void finish() {
        try {
            if (started) recorder.stop();
            started = false;
        } catch (FrameRecorder.Exception e) {
            throw new RedactionException("cannot finish the masked MP4: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            recorder.release();
        } catch (FrameRecorder.Exception e) {
            // Releasing native encoder state after a failure: nothing more to tell the user.
        }
        converter.close();
        yuv.close();
    }
}
