package io.vigil.ingest.live;

import io.vigil.ingest.codec.CodecConfig;
import io.vigil.ingest.codec.VideoCodec;

/**
 * The RFC 6381 {@code codecs} value a browser needs before it accepts a stream
 * ({@code MediaSource.isTypeSupported}, {@code addSourceBuffer}): profile and level
 * read from the sequence parameter set.
 */
final class CodecsString {
    private CodecsString() {}

    static String of(CodecConfig config) {
        byte[] sps = config.sps().get(0);
        if (config.codec() == VideoCodec.H264) {
            // NAL header, then profile_idc, constraint flags, level_idc: avc1.PPCCLL
            return String.format("avc1.%02x%02x%02x", sps[1] & 0xFF, sps[2] & 0xFF, sps[3] & 0xFF);
        }
        // H.265: two header bytes, one byte of ids, then profile_tier_level (ISO/IEC 14496-15 E.3).
        if (sps.length < 15) return "hvc1.1.6.L93.B0";
        int space = (sps[3] >> 6) & 3;
        boolean highTier = (sps[3] & 0x20) != 0;
        int profile = sps[3] & 0x1F;
        long compat = ((sps[4] & 0xFFL) << 24) | ((sps[5] & 0xFFL) << 16) | ((sps[6] & 0xFFL) << 8) | (sps[7] & 0xFFL);
        int level = sps[14] & 0xFF;
        String prefix = space == 0 ? "" : String.valueOf((char) ('A' + space - 1));
        return "hvc1." + prefix + profile + "." + Long.toHexString(Integer.reverse((int) compat) & 0xFFFFFFFFL)
                + "." + (highTier ? "H" : "L") + level + ".B0";
    }
}
