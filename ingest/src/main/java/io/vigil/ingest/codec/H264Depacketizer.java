package io.vigil.ingest.codec;

import io.vigil.ingest.rtp.RtpParseException;

import java.util.function.Consumer;

/**
 * RFC 6184 payloads in packetization modes 0 and 1: single NAL unit packets (types
 * 1-23), STAP-A (24) and FU-A (28). Interleaved mode (STAP-B, MTAP, FU-B) is not used by
 * cameras in practice and is rejected.
 */
public final class H264Depacketizer extends Depacketizer {
    private static final int STAP_A = 24;
    private static final int FU_A = 28;

    public H264Depacketizer(Consumer<AccessUnit> output) {
        super(VideoCodec.H264, output);
    }

    @Override
    protected void parsePayload(byte[] data, int offset, int length) throws RtpParseException {
        if (length < 1) throw new RtpParseException("H.264 RTP payload is empty");
        int header = data[offset] & 0xFF;
        if ((header & 0x80) != 0) throw new RtpParseException("H.264 NAL header has the forbidden bit set");
        int type = header & 0x1F;
        if (type >= 1 && type <= 23) {
            addNal(data, offset, length);
        } else if (type == STAP_A) {
            addAggregated(data, offset + 1, offset + length, "H.264 STAP-A");
        } else if (type == FU_A) {
            addFragmentUnit(data, offset, length, 1, "H.264 FU-A");
        } else {
            throw new RtpParseException("H.264 RTP payload type " + type + " is not supported (only single NAL, STAP-A, FU-A)");
        }
    }

    /** F and NRI from the FU indicator, the type from the FU header (RFC 6184 5.8). */
    @Override
    protected byte[] fragmentedNalHeader(byte[] data, int offset, int fuHeader) {
        return new byte[] {(byte) ((data[offset] & 0xE0) | (fuHeader & 0x1F))};
    }
}
