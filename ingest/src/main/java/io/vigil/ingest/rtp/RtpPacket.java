package io.vigil.ingest.rtp;

/**
 * One RTP packet (RFC 3550 section 5.1), parsed without copying: the payload is a view
 * {@code [payloadOffset, payloadOffset + payloadLength)} into the received array.
 */
public final class RtpPacket {
    private static final int FIXED_HEADER = 12;

    private final byte[] data;
    private final boolean padding;
    private final boolean extension;
    private final int csrcCount;
    private final boolean marker;
    private final int payloadType;
    private final int sequence;
    private final long timestamp;
    private final long ssrc;
    private final int payloadOffset;
    private final int payloadLength;

    private RtpPacket(byte[] data, boolean padding, boolean extension, int csrcCount, boolean marker,
                      int payloadType, int sequence, long timestamp, long ssrc, int payloadOffset, int payloadLength) {
        this.data = data;
        this.padding = padding;
        this.extension = extension;
        this.csrcCount = csrcCount;
        this.marker = marker;
        this.payloadType = payloadType;
        this.sequence = sequence;
        this.timestamp = timestamp;
        this.ssrc = ssrc;
        this.payloadOffset = payloadOffset;
        this.payloadLength = payloadLength;
    }

    /**
     * Parses a whole packet (header, CSRCs, header extension, padding).
     *
     * @throws RtpParseException when the bytes cannot be an RTP version 2 packet
     */
    public static RtpPacket parse(byte[] data) throws RtpParseException {
        if (data == null || data.length < FIXED_HEADER) {
            throw new RtpParseException("RTP packet too short: " + (data == null ? 0 : data.length) + " bytes, header needs 12");
        }
        int b0 = data[0] & 0xFF;
        int version = b0 >>> 6;
        if (version != 2) throw new RtpParseException("RTP version " + version + ", expected 2");
        boolean padding = (b0 & 0x20) != 0;
        boolean extension = (b0 & 0x10) != 0;
        int csrcCount = b0 & 0x0F;
        int b1 = data[1] & 0xFF;
        boolean marker = (b1 & 0x80) != 0;
        int payloadType = b1 & 0x7F;
        int sequence = ((data[2] & 0xFF) << 8) | (data[3] & 0xFF);
        long timestamp = readUInt32(data, 4);
        long ssrc = readUInt32(data, 8);
        int offset = FIXED_HEADER + 4 * csrcCount;
        if (offset > data.length) {
            throw new RtpParseException("RTP packet of " + data.length + " bytes cannot hold " + csrcCount + " CSRCs");
        }
        if (extension) {
            if (offset + 4 > data.length) throw new RtpParseException("RTP header extension truncated");
            int words = ((data[offset + 2] & 0xFF) << 8) | (data[offset + 3] & 0xFF);
            offset += 4 + 4 * words;
            if (offset > data.length) throw new RtpParseException("RTP header extension of " + words + " words overruns the packet");
        }
        int end = data.length;
        if (padding) {
            int pad = data[data.length - 1] & 0xFF;
            if (pad == 0 || end - pad < offset) throw new RtpParseException("RTP padding of " + pad + " bytes is invalid");
            end -= pad;
        }
        return new RtpPacket(data, padding, extension, csrcCount, marker, payloadType, sequence, timestamp, ssrc,
                offset, end - offset);
    }

    private static long readUInt32(byte[] b, int i) {
        return ((long) (b[i] & 0xFF) << 24) | ((b[i + 1] & 0xFF) << 16) | ((b[i + 2] & 0xFF) << 8) | (b[i + 3] & 0xFF);
    }

    public byte[] data() { return data; }
    public int version() { return 2; }
    public boolean padding() { return padding; }
    public boolean extension() { return extension; }
    public int csrcCount() { return csrcCount; }
    public boolean marker() { return marker; }
    public int payloadType() { return payloadType; }
    /** 16-bit sequence number, 0..65535. */
    public int sequence() { return sequence; }
    /** 32-bit RTP timestamp as an unsigned value. */
    public long timestamp() { return timestamp; }
    public long ssrc() { return ssrc; }
    public int payloadOffset() { return payloadOffset; }
    public int payloadLength() { return payloadLength; }

    /** Payload byte at {@code i} (0-based within the payload). */
    public int payloadByte(int i) {
        return data[payloadOffset + i] & 0xFF;
    }
}
