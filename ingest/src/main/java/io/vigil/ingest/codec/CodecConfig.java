package io.vigil.ingest.codec;

import io.vigil.ingest.rtp.RtpParseException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A complete set of parameter sets of a stream (VPS for H.265, SPS, PPS) with what the
 * SPS says about the picture. Everything an fMP4 init segment needs. Two configs with the
 * same parameter set bytes are {@link #sameAs the same}; a different one mid-stream means
 * the next segment needs a new init.
 */
public final class CodecConfig {
    private final VideoCodec codec;
    private final List<byte[]> vps;
    private final List<byte[]> sps;
    private final List<byte[]> pps;
    private final SpsInfo spsInfo;

    private CodecConfig(VideoCodec codec, List<byte[]> vps, List<byte[]> sps, List<byte[]> pps, SpsInfo spsInfo) {
        this.codec = codec;
        this.vps = vps;
        this.sps = sps;
        this.pps = pps;
        this.spsInfo = spsInfo;
    }

    /**
     * @throws RtpParseException when the parameter sets are missing or the SPS cannot be read
     */
    public static CodecConfig of(VideoCodec codec, List<byte[]> vps, List<byte[]> sps, List<byte[]> pps) throws RtpParseException {
        if (sps.isEmpty() || pps.isEmpty() || (codec == VideoCodec.H265 && vps.isEmpty())) {
            throw new RtpParseException(codec + " parameter sets incomplete: " + vps.size() + " VPS, " + sps.size()
                    + " SPS, " + pps.size() + " PPS");
        }
        SpsInfo info = codec == VideoCodec.H264 ? SpsInfo.parseH264(sps.get(0)) : SpsInfo.parseH265(sps.get(0));
        return new CodecConfig(codec, List.copyOf(vps), List.copyOf(sps), List.copyOf(pps), info);
    }

    public VideoCodec codec() { return codec; }
    public List<byte[]> vps() { return vps; }
    public List<byte[]> sps() { return sps; }
    public List<byte[]> pps() { return pps; }
    public SpsInfo spsInfo() { return spsInfo; }
    public int width() { return spsInfo.width(); }
    public int height() { return spsInfo.height(); }

    public boolean sameAs(CodecConfig other) {
        return other != null && codec == other.codec && sameBytes(vps, other.vps) && sameBytes(sps, other.sps)
                && sameBytes(pps, other.pps);
    }

    private static boolean sameBytes(List<byte[]> a, List<byte[]> b) {
        if (a.size() != b.size()) return false;
        for (int i = 0; i < a.size(); i++) if (!Arrays.equals(a.get(i), b.get(i))) return false;
        return true;
    }

    @Override
    public String toString() {
        return codec + " " + width() + "x" + height();
    }

    /** Collects parameter sets as they arrive (SDP first, then in-band, newest wins). */
    public static final class Tracker {
        private final VideoCodec codec;
        private byte[] vps;
        private byte[] sps;
        private byte[] pps;
        private boolean changed = true;
        private CodecConfig current;

        public Tracker(VideoCodec codec) {
            this.codec = codec;
        }

        /** Takes a NAL unit if it is a parameter set; returns whether it was one. */
        public boolean offer(byte[] nal) {
            if (nal.length < 2) return false;
            int type = codec.nalType(nal);
            if (codec.isVps(type)) vps = replace(vps, nal);
            else if (codec.isSps(type)) sps = replace(sps, nal);
            else if (codec.isPps(type)) pps = replace(pps, nal);
            else return false;
            return true;
        }

        private byte[] replace(byte[] old, byte[] nal) {
            if (!Arrays.equals(old, nal)) changed = true;
            return nal;
        }

        /**
         * The config from the newest parameter sets, or null while some are missing.
         *
         * @throws RtpParseException when the SPS is unreadable
         */
        public CodecConfig config() throws RtpParseException {
            if (changed) {
                if (sps == null || pps == null || (codec == VideoCodec.H265 && vps == null)) return null;
                List<byte[]> v = new ArrayList<>();
                if (vps != null) v.add(vps);
                changed = false;
                current = null;
                current = CodecConfig.of(codec, v, List.of(sps), List.of(pps));
            }
            return current;
        }
    }
}
