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
            int pos = offset + 1;
            int end = offset + length;
            if (pos >= end) throw new RtpParseException("H.264 STAP-A holds no NAL unit");
            while (pos < end) {
                if (pos + 2 > end) throw new RtpParseException("H.264 STAP-A size field truncated");
                int size = u16(data, pos);
                pos += 2;
                if (size == 0 || pos + size > end) {
                    throw new RtpParseException("H.264 STAP-A NAL unit of " + size + " bytes overruns the packet");
                }
                addNal(data, pos, size);
                pos += size;
            }
        } else if (type == FU_A) {
            if (length < 2) throw new RtpParseException("H.264 FU-A without FU header");
            int fu = data[offset + 1] & 0xFF;
            boolean start = (fu & 0x80) != 0;
            boolean end = (fu & 0x40) != 0;
            if (start && end) throw new RtpParseException("H.264 FU-A with both start and end bits");
            if (start) {
                byte[] nalHeader = {(byte) ((header & 0xE0) | (fu & 0x1F))};
                startFragment(nalHeader, data, offset + 2, length - 2);
            } else {
                continueFragment(data, offset + 2, length - 2, end);
            }
        } else {
            throw new RtpParseException("H.264 RTP payload type " + type + " is not supported (only single NAL, STAP-A, FU-A)");
        }
    }
}
