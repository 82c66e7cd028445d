package io.vigil.ingest.codec;

import java.util.List;

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

    /**
     * An H.265 random access picture that may be followed, in decoding order, by leading
     * pictures (shown before it): CRA (21), BLA_W_LP (16), BLA_W_RADL (17), IDR_W_RADL (19).
     * IDR_N_LP and BLA_N_LP have none, and H.264 has no such pictures at an IDR.
     */
    public boolean mayHaveLeadingPictures(int nalType) {
        return this == H265 && (nalType == 16 || nalType == 17 || nalType == 19 || nalType == 21);
    }

    /** Broken link access (BLA_W_LP, BLA_W_RADL, BLA_N_LP): its RASL pictures are never output. */
    public boolean isBla(int nalType) {
        return this == H265 && nalType >= 16 && nalType <= 18;
    }

    /**
     * Random access skipped leading picture (RASL_N, RASL_R): shown before its CRA but
     * referring to pictures before it in decoding order, so it decodes only when the
     * previous group of pictures was decoded too.
     */
    public boolean isRasl(int nalType) {
        return this == H265 && (nalType == 8 || nalType == 9);
    }

    /** Random access decodable leading picture (RADL_N, RADL_R): refers only to its IRAP and other RADL. */
    public boolean isRadl(int nalType) {
        return this == H265 && (nalType == 6 || nalType == 7);
    }

    /**
     * The NAL unit type of a picture's slices (all slices of a picture have the same type),
     * or -1 when {@code nals} holds no slice.
     */
    public int pictureType(List<byte[]> nals) {
        for (byte[] nal : nals) {
            if (nal.length == 0) continue;
            int t = nalType(nal);
            if (isSlice(t)) return t;
        }
        return -1;
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
