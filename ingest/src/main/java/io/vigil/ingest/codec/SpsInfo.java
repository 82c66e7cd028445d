package io.vigil.ingest.codec;

import io.vigil.ingest.rtp.RtpParseException;

/**
 * What the MP4 sample entry needs from a sequence parameter set: the displayed picture
 * size (after cropping / conformance window) and the format fields of avcC / hvcC.
 *
 * @param profileTierLevel H.265 only: the 12 bytes of general profile_tier_level, copied
 *                         into hvcC; empty for H.264
 */
public record SpsInfo(int width, int height, int profileIdc, int chromaFormatIdc, int bitDepthLumaMinus8,
                      int bitDepthChromaMinus8, byte[] profileTierLevel, int maxSubLayersMinus1, boolean temporalIdNesting) {

    /** Parses an H.264 SPS NAL unit (ITU-T H.264 7.3.2.1.1). */
    public static SpsInfo parseH264(byte[] nal) throws RtpParseException {
        if (nal.length < 4) throw new RtpParseException("H.264 SPS of " + nal.length + " bytes is too short");
        BitReader r = new BitReader(BitReader.rbsp(nal), 1);
        int profile = r.bits(8);
        r.skip(16); // constraint flags, level_idc
        r.ue(); // seq_parameter_set_id
        int chroma = 1;
        boolean separateColourPlane = false;
        int depthLuma = 0;
        int depthChroma = 0;
        if (profile == 100 || profile == 110 || profile == 122 || profile == 244 || profile == 44 || profile == 83
                || profile == 86 || profile == 118 || profile == 128 || profile == 138 || profile == 139
                || profile == 134 || profile == 135) {
            chroma = r.ue();
            if (chroma > 3) throw new RtpParseException("H.264 SPS chroma_format_idc " + chroma + " is invalid");
            if (chroma == 3) separateColourPlane = r.flag();
            depthLuma = r.ue();
            depthChroma = r.ue();
            r.skip(1); // qpprime_y_zero_transform_bypass_flag
            if (r.flag()) { // seq_scaling_matrix_present_flag
                int lists = chroma != 3 ? 8 : 12;
                for (int i = 0; i < lists; i++) {
                    if (r.flag()) skipScalingList(r, i < 6 ? 16 : 64);
                }
            }
        }
        r.ue(); // log2_max_frame_num_minus4
        int pocType = r.ue();
        if (pocType == 0) {
            r.ue();
        } else if (pocType == 1) {
            r.skip(1);
            r.se();
            r.se();
            int cycle = r.ue();
            if (cycle > 255) throw new RtpParseException("H.264 SPS num_ref_frames_in_pic_order_cnt_cycle " + cycle + " is invalid");
            for (int i = 0; i < cycle; i++) r.se();
        }
        r.ue(); // max_num_ref_frames
        r.skip(1); // gaps_in_frame_num_value_allowed_flag
        long widthMbs = r.ue() + 1L;
        long heightMapUnits = r.ue() + 1L;
        boolean frameMbsOnly = r.flag();
        if (!frameMbsOnly) r.skip(1); // mb_adaptive_frame_field_flag
        r.skip(1); // direct_8x8_inference_flag
        long cropLeft = 0, cropRight = 0, cropTop = 0, cropBottom = 0;
        if (r.flag()) {
            cropLeft = r.ue();
            cropRight = r.ue();
            cropTop = r.ue();
            cropBottom = r.ue();
        }
        int chromaArrayType = separateColourPlane ? 0 : chroma;
        int cropUnitX = chromaArrayType == 0 ? 1 : (chroma == 3 ? 1 : 2);
        int cropUnitY = (chromaArrayType == 0 ? 1 : (chroma == 1 ? 2 : 1)) * (frameMbsOnly ? 1 : 2);
        long width = widthMbs * 16 - cropUnitX * (cropLeft + cropRight);
        long height = (frameMbsOnly ? 1 : 2) * heightMapUnits * 16 - cropUnitY * (cropTop + cropBottom);
        return checked("H.264", width, height, new SpsInfo((int) width, (int) height, profile, chroma, depthLuma,
                depthChroma, new byte[0], 0, false));
    }

    private static void skipScalingList(BitReader r, int size) throws RtpParseException {
        int last = 8;
        int next = 8;
        for (int j = 0; j < size; j++) {
            if (next != 0) {
                next = (last + r.se() + 256) % 256;
            }
            last = next == 0 ? last : next;
        }
    }

    /** Parses an H.265 SPS NAL unit (ITU-T H.265 7.3.2.2). */
    public static SpsInfo parseH265(byte[] nal) throws RtpParseException {
        if (nal.length < 16) throw new RtpParseException("H.265 SPS of " + nal.length + " bytes is too short");
        byte[] rbsp = BitReader.rbsp(nal);
        BitReader r = new BitReader(rbsp, 2);
        r.skip(4); // sps_video_parameter_set_id
        int maxSubLayersMinus1 = r.bits(3);
        boolean nesting = r.flag();
        if (rbsp.length < 15) throw new RtpParseException("H.265 SPS too short for profile_tier_level");
        byte[] ptl = java.util.Arrays.copyOfRange(rbsp, 3, 15);
        int profileIdc = ptl[0] & 0x1F;
        r.skip(96); // general profile_tier_level
        boolean[] profilePresent = new boolean[maxSubLayersMinus1];
        boolean[] levelPresent = new boolean[maxSubLayersMinus1];
        for (int i = 0; i < maxSubLayersMinus1; i++) {
            profilePresent[i] = r.flag();
            levelPresent[i] = r.flag();
        }
        if (maxSubLayersMinus1 > 0) r.skip(2 * (8 - maxSubLayersMinus1));
        for (int i = 0; i < maxSubLayersMinus1; i++) {
            if (profilePresent[i]) r.skip(88);
            if (levelPresent[i]) r.skip(8);
        }
        r.ue(); // sps_seq_parameter_set_id
        int chroma = r.ue();
        if (chroma > 3) throw new RtpParseException("H.265 SPS chroma_format_idc " + chroma + " is invalid");
        if (chroma == 3) r.skip(1);
        long width = r.ue();
        long height = r.ue();
        if (r.flag()) { // conformance_window_flag
            int subWidth = chroma == 1 || chroma == 2 ? 2 : 1;
            int subHeight = chroma == 1 ? 2 : 1;
            long left = r.ue(), right = r.ue(), top = r.ue(), bottom = r.ue();
            width -= subWidth * (left + right);
            height -= subHeight * (top + bottom);
        }
        int depthLuma = r.ue();
        int depthChroma = r.ue();
        return checked("H.265", width, height, new SpsInfo((int) width, (int) height, profileIdc, chroma, depthLuma,
                depthChroma, ptl, maxSubLayersMinus1, nesting));
    }

    private static SpsInfo checked(String codec, long width, long height, SpsInfo info) throws RtpParseException {
        if (width <= 0 || height <= 0 || width > 16384 || height > 16384) {
            throw new RtpParseException(codec + " SPS gives an impossible picture size " + width + "x" + height);
        }
        if (info.bitDepthLumaMinus8 > 8 || info.bitDepthChromaMinus8 > 8) {
            throw new RtpParseException(codec + " SPS bit depth is invalid");
        }
        return info;
    }
}
