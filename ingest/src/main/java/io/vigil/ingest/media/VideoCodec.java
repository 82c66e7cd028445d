package io.vigil.ingest.media;

/** The two video codecs Vigil records, with the NAL unit facts each needs. */
public enum VideoCodec {
    H264("avc1"),
    H265("hvc1");

    private final String sampleEntry;

    VideoCodec(String sampleEntry) {
        this.sampleEntry = sampleEntry;
    }

    /** From an SDP rtpmap encoding name; null when Vigil cannot record it. */
    public static VideoCodec fromEncoding(String encoding) {
        if (encoding == null) return null;
        return switch (encoding.toUpperCase(java.util.Locale.ROOT)) {
            case "H264" -> H264;
            case "H265", "HEVC" -> H265;
            default -> null;
        };
    }

    public String sampleEntry() {
        return sampleEntry;
    }

    public int nalType(byte[] nal) {
        return this == H264 ? nal[0] & 0x1F : (nal[0] >> 1) & 0x3F;
    }

    public boolean isKeyframe(int nalType) {
        return this == H264 ? nalType == 5 : nalType >= 16 && nalType <= 21;
    }

    /** Picture data of a frame (a slice), as opposed to parameter sets, SEI, AUD. */
    public boolean isSlice(int nalType) {
        return this == H264 ? nalType >= 1 && nalType <= 5 : nalType <= 31;
    }

    public boolean isVps(int t) { return this == H265 && t == 32; }
    public boolean isSps(int t) { return this == H264 ? t == 7 : t == 33; }
    public boolean isPps(int t) { return this == H264 ? t == 8 : t == 34; }
    /** Access unit delimiter: dropped, the fMP4 sample boundary says the same. */
    public boolean isAud(int t) { return this == H264 ? t == 9 : t == 35; }
}
