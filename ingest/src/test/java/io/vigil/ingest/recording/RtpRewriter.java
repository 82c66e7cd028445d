package io.vigil.ingest.recording;

import java.util.ArrayList;
import java.util.List;

/** Test helper: copies RTP packets with sequence numbers, timestamps, payload type or SSRC changed. */
final class RtpRewriter {
    private RtpRewriter() {}

    static byte[] with(byte[] packet, int sequence, long timestamp) {
        byte[] p = packet.clone();
        p[2] = (byte) (sequence >> 8);
        p[3] = (byte) sequence;
        p[4] = (byte) (timestamp >> 24);
        p[5] = (byte) (timestamp >> 16);
        p[6] = (byte) (timestamp >> 8);
        p[7] = (byte) timestamp;
        return p;
    }

    static int sequence(byte[] p) {
        return ((p[2] & 0xFF) << 8) | (p[3] & 0xFF);
    }

    static long timestamp(byte[] p) {
        return ((long) (p[4] & 0xFF) << 24) | ((p[5] & 0xFF) << 16) | ((p[6] & 0xFF) << 8) | (p[7] & 0xFF);
    }

    static byte[] withPayloadType(byte[] packet, int pt) {
        byte[] p = packet.clone();
        p[1] = (byte) ((p[1] & 0x80) | pt);
        return p;
    }

    /**
     * Renumbers {@code packets} to follow on from sequence {@code firstSeq} with timestamps
     * shifted so the first one is {@code firstTs} (both wrap as on the wire).
     */
    static List<byte[]> continueFrom(List<byte[]> packets, int firstSeq, long firstTs) {
        List<byte[]> out = new ArrayList<>(packets.size());
        long base = timestamp(packets.get(0));
        for (int i = 0; i < packets.size(); i++) {
            byte[] p = packets.get(i);
            out.add(with(p, (firstSeq + i) & 0xFFFF, (firstTs + timestamp(p) - base) & 0xFFFF_FFFFL));
        }
        return out;
    }

    /** H.264 NAL unit type of a single-NAL packet, or the FU-A / STAP-A type otherwise. */
    static int h264PacketType(byte[] p) {
        return p[12] & 0x1F;
    }
}
