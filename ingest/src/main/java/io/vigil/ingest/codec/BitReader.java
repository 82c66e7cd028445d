package io.vigil.ingest.codec;

import io.vigil.ingest.rtp.RtpParseException;

/**
 * Reads bits and exp-Golomb codes from a NAL unit's RBSP (emulation prevention bytes
 * 0x000003 already removed by {@link #rbsp}). Running off the end is a parse error, not
 * an index exception: an SPS may come from a camera that sends garbage.
 */
final class BitReader implements RbspBits<RtpParseException> {
    private final byte[] data;
    private int bitPos;

    BitReader(byte[] rbsp, int startByte) {
        this.data = rbsp;
        this.bitPos = startByte * 8;
    }

    /** The RBSP of a NAL unit: the bytes with every emulation prevention 0x03 after 00 00 removed. */
    static byte[] rbsp(byte[] nal) {
        byte[] out = new byte[nal.length];
        int n = 0;
        int zeros = 0;
        for (byte b : nal) {
            if (zeros >= 2 && b == 3) {
                zeros = 0;
                continue;
            }
            out[n++] = b;
            zeros = b == 0 ? zeros + 1 : 0;
        }
        return java.util.Arrays.copyOf(out, n);
    }

    @Override
    public int bit() throws RtpParseException {
        if (bitPos >= data.length * 8) throw new RtpParseException("parameter set ends early (bit " + bitPos + ")");
        int b = (data[bitPos >> 3] >> (7 - (bitPos & 7))) & 1;
        bitPos++;
        return b;
    }

    boolean flag() throws RtpParseException {
        return bit() == 1;
    }

    @Override
    public RtpParseException malformed(String message) {
        return new RtpParseException(message);
    }

    void skip(int n) throws RtpParseException {
        if (bitPos + (long) n > data.length * 8L) throw new RtpParseException("parameter set ends early (skipping " + n + " bits)");
        bitPos += n;
    }

    /** Signed exp-Golomb se(v). */
    int se() throws RtpParseException {
        int k = ue();
        return (k & 1) == 1 ? (k + 1) / 2 : -(k / 2);
    }
}
