package io.vigil.ingest.activity;

import static org.bytedeco.ffmpeg.global.avcodec.AVDISCARD_ALL;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG2_FAST;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG2_SHOW_ALL;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_H264;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_HEVC;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_new_packet;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_GRAY8;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.swscale.SWS_AREA;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;

import io.vigil.ingest.codec.VideoCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.ffmpeg.swscale.SwsFilter;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Decodes one keyframe (an Annex B access unit with its parameter sets, {@link FirstPicture})
 * with JavaCV's FFmpeg and shrinks it to a {@link GreyPicture}. Only that one picture is
 * decoded: a keyframe needs no other. The cheapest decode that still shows where things
 * are: one thread, the deblocking filter skipped (its blocks vanish in the shrink), and the
 * shrink done by swscale's area average straight from the luma plane. A decoder is opened
 * per keyframe and freed at once, so no native memory is held between keyframes (a camera
 * sends one every few seconds; opening costs little beside the decode: docs/benchmarks.md).
 * Runs on the activity worker's thread only, never on a network event loop.
 */
final class KeyframeDecoder {
    static {
        // FFmpeg prints each decoder's complaints to stderr; errors still reach the log as exceptions.
        avutil.av_log_set_level(avutil.AV_LOG_ERROR);
    }

    /** 8K: no camera sends more; a damaged SPS claiming more never makes FFmpeg allocate it. */
    static final long MAX_PIXELS = 8192L * 4320;

    private KeyframeDecoder() {}

    /**
     * Loads FFmpeg's native libraries (seconds on a busy machine, once per process), so the
     * first keyframes of the cameras are measured rather than skipped while they load.
     */
    static void warmUp() {
        avcodec_find_decoder(AV_CODEC_ID_H264);
        org.bytedeco.ffmpeg.global.swscale.swscale_version();
    }

    /** @throws KeyframeException when FFmpeg cannot make a picture of it */
    static GreyPicture decode(VideoCodec codec, byte[] annexB) {
        AVCodec decoder = avcodec_find_decoder(codec == VideoCodec.H265 ? AV_CODEC_ID_HEVC : AV_CODEC_ID_H264);
        if (decoder == null) throw new KeyframeException("FFmpeg has no " + codec + " decoder");
        AVCodecContext context = avcodec_alloc_context3(decoder);
        AVPacket packet = av_packet_alloc();
        AVFrame frame = av_frame_alloc();
        try {
            context.thread_count(1);
            context.skip_loop_filter(AVDISCARD_ALL);
            // SHOW_ALL: an H.264 recovery-point I picture (open GOP) starts a segment too, without an IDR before it
            context.flags2(context.flags2() | AV_CODEC_FLAG2_FAST | AV_CODEC_FLAG2_SHOW_ALL);
            context.max_pixels(MAX_PIXELS);
            check(avcodec_open2(context, decoder, (AVDictionary) null), "open the " + codec + " decoder");
            check(av_new_packet(packet, annexB.length), "allocate a packet of " + annexB.length + " bytes");
            packet.data().put(annexB, 0, annexB.length);
            packet.flags(AV_PKT_FLAG_KEY);
            check(avcodec_send_packet(context, packet), "decode the keyframe");
            check(avcodec_send_packet(context, (AVPacket) null), "finish decoding the keyframe"); // the picture comes out now
            check(avcodec_receive_frame(context, frame), "get the decoded keyframe");
            return shrink(frame);
        } finally {
            av_frame_free(frame);
            av_packet_free(packet);
            avcodec_free_context(context);
        }
    }

    private static GreyPicture shrink(AVFrame frame) {
        int w = frame.width(), h = frame.height();
        if (w <= 0 || h <= 0) throw new KeyframeException("the decoded keyframe is " + w + "x" + h);
        SwsContext sws = sws_getContext(w, h, frame.format(), GreyPicture.WIDTH, GreyPicture.HEIGHT, AV_PIX_FMT_GRAY8, SWS_AREA,
                (SwsFilter) null, (SwsFilter) null, (DoublePointer) null);
        if (sws == null) throw new KeyframeException("swscale cannot shrink a " + w + "x" + h + " picture of format " + frame.format());
        // swscale reads four plane pointers and strides whatever the format: the unused ones are null and 0.
        try (BytePointer grey = new BytePointer((long) GreyPicture.WIDTH * GreyPicture.HEIGHT);
             PointerPointer<BytePointer> planes = new PointerPointer<>(grey, null, null, null);
             IntPointer stride = new IntPointer(new int[] {GreyPicture.WIDTH, 0, 0, 0})) {
            int rows = sws_scale(sws, frame.data(), frame.linesize(), 0, h, planes, stride);
            if (rows != GreyPicture.HEIGHT) throw new KeyframeException("swscale gave " + rows + " rows of the grey picture");
            byte[] levels = new byte[GreyPicture.WIDTH * GreyPicture.HEIGHT];
            grey.get(levels);
            return new GreyPicture(levels);
        } finally {
            sws_freeContext(sws);
        }
    }

    private static void check(int result, String what) {
        if (result < 0) throw new KeyframeException("FFmpeg could not " + what + " (error " + result + ")");
    }

    /** A keyframe FFmpeg could not make a picture of (damaged, or a codec feature it lacks). */
    static final class KeyframeException extends RuntimeException {
        KeyframeException(String message) {
            super(message);
        }
    }
}
