package io.vigil.ingest.codec;

import io.vigil.ingest.rtp.RtpParseException;

import java.util.function.Consumer;

/**
 * RFC 7798 payloads without DONL (sprop-max-don-diff = 0, what cameras send): single NAL
 * unit packets, aggregation packets (48) and fragmentation units (49). PACI (50) is
 * rejected.
 */
public final class H265Depacketizer extends Depacketizer {
    private static final int AP = 48;
    private static final int FU = 49;

    public H265Depacketizer(Consumer<AccessUnit> output) {
        super(VideoCodec.H265, output);
    }

    @Override
    protected void parsePayload(byte[] data, int offset, int length) throws RtpParseException {
        if (length < 2) throw new RtpParseException("H.265 RTP payload of " + length + " bytes has no payload header");
        int h0 = data[offset] & 0xFF;
        if ((h0 & 0x80) != 0) throw new RtpParseException("H.265 payload header has the forbidden bit set");
        int type = (h0 >> 1) & 0x3F;
        if (type < AP) {
            addNal(data, offset, length);
        } else if (type == AP) {
            addAggregated(data, offset + 2, offset + length, "H.265 aggregation packet");
        } else if (type == FU) {
            addFragmentUnit(data, offset, length, 2, "H.265 FU");
        } else {
            throw new RtpParseException("H.265 RTP payload type " + type + " is not supported (only single NAL, AP, FU)");
        }
    }

    /** F and the layer and temporal ids from the payload header, the type from the FU header (RFC 7798 4.4.3). */
    @Override
    protected byte[] fragmentedNalHeader(byte[] data, int offset, int fuHeader) {
        return new byte[] {(byte) ((data[offset] & 0x81) | ((fuHeader & 0x3F) << 1)), data[offset + 1]};
    }
}
