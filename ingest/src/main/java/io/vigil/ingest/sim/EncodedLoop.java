package io.vigil.ingest.sim;

import io.vigil.ingest.stream.VideoTrack;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * A few seconds of H.264 encoded once and packetized once, for {@link ReplayCamera}s to
 * send over and over with fresh sequence numbers and timestamps: hundreds of streams for
 * almost no CPU. Starts with a keyframe and has a whole number of GOPs, so the loop
 * point is a keyframe too.
 */
public final class EncodedLoop {
    private final SimSettings settings;
    private final VideoTrack track;
    /** Per picture, its RTP packets with placeholder sequence, timestamp and SSRC. */
    private final List<List<byte[]>> pictures;
    private final long bytes;

    private EncodedLoop(SimSettings settings, VideoTrack track, List<List<byte[]>> pictures, long bytes) {
        this.settings = settings;
        this.track = track;
        this.pictures = pictures;
        this.bytes = bytes;
    }

    /**
     * Encodes the loop. With {@link SimSettings#noise} the share of the picture covered by
     * noise is calibrated (one trial encode) so the stream comes near the target bit rate:
     * libopenh264's rate control lowers quality but never pads, and does not cap a picture
     * of pure noise either.
     */
    public static EncodedLoop encode(SimSettings settings, int gops, Clock clock) {
        if (!settings.noise()) return encode(settings, gops, clock, 0);
        double fraction = 0.1;
        EncodedLoop trial = encode(settings, 1, clock, fraction);
        for (int round = 0; round < 2; round++) {
            fraction = Math.max(0.01, Math.min(1.0, fraction * settings.bitrate() / trial.bitsPerSecond()));
            trial = encode(settings, round == 1 ? gops : 1, clock, fraction);
        }
        return trial;
    }

    private static EncodedLoop encode(SimSettings settings, int gops, Clock clock, double noiseFraction) {
        List<List<byte[]>> pictures = new ArrayList<>();
        byte[] sps = null;
        byte[] pps = null;
        long bytes = 0;
        RtpPacketizer packetizer = new RtpPacketizer(false, SyntheticCamera.PAYLOAD_TYPE, 0, 0, SyntheticCamera.MTU_PAYLOAD, true);
        TestPattern pattern = new TestPattern("replay", settings.width(), settings.height(), noiseFraction);
        try (H264Encoder encoder = new H264Encoder(settings.width(), settings.height(), settings.fps(), settings.gopFrames(),
                settings.bitrate())) {
            int frames = gops * settings.gopFrames();
            for (int n = 0; n < frames; n++) {
                if (n % settings.gopFrames() == 0) encoder.requestKeyframe();
                H264Encoder.Picture picture = encoder.encode(pattern.render(n, clock.instant()));
                for (byte[] nal : picture.nals()) {
                    if ((nal[0] & 0x1F) == 7 && sps == null) sps = nal;
                    if ((nal[0] & 0x1F) == 8 && pps == null) pps = nal;
                }
                List<byte[]> packets = packetizer.packetize(picture.nals(), 0);
                for (byte[] p : packets) bytes += p.length;
                pictures.add(packets);
            }
        }
        if (sps == null || pps == null) throw new IllegalStateException("libopenh264 gave no SPS/PPS");
        return new EncodedLoop(settings, SimulatedCamera.h264Track(sps, pps, SyntheticCamera.PAYLOAD_TYPE), pictures, bytes);
    }

    public SimSettings settings() {
        return settings;
    }

    public VideoTrack track() {
        return track;
    }

    public int frames() {
        return pictures.size();
    }

    List<byte[]> picture(int i) {
        return pictures.get(i);
    }

    /** Bits per second on the wire (RTP headers included) when played at the settings' rate. */
    public double bitsPerSecond() {
        return bytes * 8.0 * settings.fps() / pictures.size();
    }
}
