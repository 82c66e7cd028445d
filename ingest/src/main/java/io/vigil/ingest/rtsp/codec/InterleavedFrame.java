package io.vigil.ingest.rtsp.codec;

/**
 * One RTP or RTCP packet carried inside the RTSP TCP connection (RFC 2326 §10.12:
 * '$', channel, 16-bit length, data). The array is owned by whoever receives the frame.
 */
public record InterleavedFrame(int channel, byte[] payload) {
    public InterleavedFrame {
        if (channel < 0 || channel > 255) throw new IllegalArgumentException("interleaved channel " + channel + " is outside 0..255");
        if (payload.length > 0xFFFF) throw new IllegalArgumentException("interleaved frame of " + payload.length + " bytes exceeds 65535");
    }
}
