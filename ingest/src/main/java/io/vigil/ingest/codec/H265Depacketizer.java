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
        int h1 = data[offset + 1] & 0xFF;
        if ((h0 & 0x80) != 0) throw new RtpParseException("H.265 payload header has the forbidden bit set");
        int type = (h0 >> 1) & 0x3F;
        if (type < AP) {
            addNal(data, offset, length);
        } else if (type == AP) {
            int pos = offset + 2;
            int end = offset + length;
            if (pos >= end) throw new RtpParseException("H.265 aggregation packet holds no NAL unit");
            while (pos < end) {
                if (pos + 2 > end) throw new RtpParseException("H.265 aggregation packet size field truncated");
                int size = u16(data, pos);
                pos += 2;
                if (size < 2 || pos + size > end) {
                    throw new RtpParseException("H.265 aggregation packet NAL unit of " + size + " bytes overruns the packet");
                }
                addNal(data, pos, size);
                pos += size;
            }
        } else if (type == FU) {
            if (length < 3) throw new RtpParseException("H.265 FU without FU header");
            int fu = data[offset + 2] & 0xFF;
            boolean start = (fu & 0x80) != 0;
            boolean end = (fu & 0x40) != 0;
            if (start && end) throw new RtpParseException("H.265 FU with both start and end bits");
            if (start) {
                byte[] nalHeader = {(byte) ((h0 & 0x81) | ((fu & 0x3F) << 1)), (byte) h1};
                startFragment(nalHeader, data, offset + 3, length - 3);
            } else {
                continueFragment(data, offset + 3, length - 3, end);
            }
        } else {
            throw new RtpParseException("H.265 RTP payload type " + type + " is not supported (only single NAL, AP, FU)");
        }
    }
}
