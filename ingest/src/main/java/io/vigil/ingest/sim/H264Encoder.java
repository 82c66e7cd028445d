package io.vigil.ingest.sim;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_FLAG_KEY;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avutil.AV_PICTURE_TYPE_I;
import static org.bytedeco.ffmpeg.global.avutil.AV_PICTURE_TYPE_NONE;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_make_writable;
import static org.bytedeco.ffmpeg.global.avutil.av_make_q;

import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.BytePointer;

/**
 * Live H.264 encoding through JavaCV's FFmpeg ({@code libopenh264}, the H.264 encoder of
 * the LGPL build; no B-frames, so decode order is presentation order as cameras send it).
 * Takes I420 pictures, gives each picture's NAL units (Annex B split, start codes
 * removed). Not thread-safe; {@link #close} frees the native encoder.
 */
public final class H264Encoder implements AutoCloseable {
    /** One encoded picture. */
    public record Picture(List<byte[]> nals, boolean keyframe) {}

    private final AVCodecContext context;
    private final AVFrame frame;
    private final AVPacket packet;
    private final int width;
    private final int height;
    private long pts;
    private boolean forceKeyframe;

    public H264Encoder(int width, int height, int fps, int gopFrames, int bitrate) {
        AVCodec codec = avcodec_find_encoder_by_name("libopenh264");
        if (codec == null) throw new IllegalStateException("FFmpeg has no libopenh264 encoder");
        this.width = width;
        this.height = height;
        context = avcodec_alloc_context3(codec);
        context.width(width).height(height).pix_fmt(AV_PIX_FMT_YUV420P).time_base(av_make_q(1, fps))
                .framerate(av_make_q(fps, 1)).gop_size(gopFrames).max_b_frames(0).bit_rate(bitrate);
        int err = avcodec_open2(context, codec, (AVDictionary) null);
        if (err < 0) {
            avcodec_free_context(context);
            throw new IllegalStateException("libopenh264 refused " + width + "x" + height + "@" + fps + ": error " + err);
        }
        frame = av_frame_alloc();
        frame.format(AV_PIX_FMT_YUV420P).width(width).height(height);
        if (av_frame_get_buffer(frame, 32) < 0) throw new IllegalStateException("cannot allocate a video frame");
        packet = av_packet_alloc();
    }

    /** The next picture is encoded as an IDR (a new viewer joined). */
    public void requestKeyframe() {
        forceKeyframe = true;
    }

    /** Encodes one I420 picture (Y plane, then U, then V, no padding). */
    public Picture encode(byte[] i420) {
        av_frame_make_writable(frame);
        copyPlane(i420, 0, frame.data(0), frame.linesize(0), width, height);
        copyPlane(i420, width * height, frame.data(1), frame.linesize(1), width / 2, height / 2);
        copyPlane(i420, width * height + (width / 2) * (height / 2), frame.data(2), frame.linesize(2), width / 2, height / 2);
        frame.pts(pts++);
        frame.pict_type(forceKeyframe ? AV_PICTURE_TYPE_I : AV_PICTURE_TYPE_NONE);
        forceKeyframe = false;
        int err = avcodec_send_frame(context, frame);
        if (err < 0) throw new IllegalStateException("libopenh264 refused a frame: error " + err);
        List<byte[]> nals = new ArrayList<>();
        boolean key = false;
        while (avcodec_receive_packet(context, packet) == 0) {
            byte[] annexB = new byte[packet.size()];
            packet.data().get(annexB, 0, annexB.length);
            key |= (packet.flags() & AV_PKT_FLAG_KEY) != 0;
            splitAnnexB(annexB, nals);
            av_packet_unref(packet);
        }
        return new Picture(nals, key);
    }

    private static void copyPlane(byte[] src, int offset, BytePointer dst, int linesize, int w, int h) {
        if (linesize == w) {
            dst.position(0).put(src, offset, w * h);
            return;
        }
        for (int y = 0; y < h; y++) dst.position((long) y * linesize).put(src, offset + y * w, w);
        dst.position(0);
    }

    /** Splits an Annex B byte stream at its 00 00 01 / 00 00 00 01 start codes. */
    static void splitAnnexB(byte[] b, List<byte[]> out) {
        int i = 0;
        int start = -1;
        while (i + 2 < b.length) {
            if (b[i] == 0 && b[i + 1] == 0 && b[i + 2] == 1) {
                if (start >= 0) out.add(trimmed(b, start, i));
                i += 3;
                start = i;
            } else {
                i++;
            }
        }
        if (start >= 0 && start < b.length) out.add(trimmed(b, start, b.length));
    }

    private static byte[] trimmed(byte[] b, int from, int to) {
        while (to > from && b[to - 1] == 0) to--; // trailing zero of a 4-byte start code
        return java.util.Arrays.copyOfRange(b, from, to);
    }

    @Override
    public void close() {
        av_packet_free(packet);
        av_frame_free(frame);
        avcodec_free_context(context);
    }
}
