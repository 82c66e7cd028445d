package io.vigil.ingest.sim;

import java.util.ArrayList;
import java.util.List;

/**
 * Packetizes access units into RTP for H.264 (RFC 6184 mode 1: single NAL unit, STAP-A,
 * FU-A) or H.265 (RFC 7798: single, AP, FU). Small NAL units of one picture are
 * aggregated when {@code aggregate} is set (parameter sets before an IDR are the usual
 * case); large ones are fragmented. The marker bit is set on the last packet of a
 * picture. Not thread-safe: one stream, one packetizer.
 */
public final class RtpPacketizer {
    private final boolean h265;
    private final int payloadType;
    private final long ssrc;
    private final int maxPayload;
    private final boolean aggregate;
    private int sequence;

    public RtpPacketizer(boolean h265, int payloadType, long ssrc, int initialSequence, int maxPayload, boolean aggregate) {
        this.h265 = h265;
        this.payloadType = payloadType;
        this.ssrc = ssrc;
        this.sequence = initialSequence & 0xFFFF;
        this.maxPayload = maxPayload;
        this.aggregate = aggregate;
    }

    /** The RTP packets of one picture, all with the 32-bit {@code timestamp}. */
    public List<byte[]> packetize(List<byte[]> nals, long timestamp) {
        List<byte[]> payloads = new ArrayList<>();
        int headerLen = h265 ? 2 : 1;
        List<byte[]> batch = new ArrayList<>();
        int batchSize = headerLen;
        for (byte[] nal : nals) {
            if (aggregate && nal.length + 2 + headerLen <= maxPayload) {
                if (batchSize + 2 + nal.length > maxPayload) {
                    payloads.add(aggregation(batch));
                    batch.clear();
                    batchSize = headerLen;
                }
                batch.add(nal);
                batchSize += 2 + nal.length;
                continue;
            }
            if (!batch.isEmpty()) {
                payloads.add(aggregation(batch));
                batch.clear();
                batchSize = headerLen;
            }
            if (nal.length <= maxPayload) payloads.add(nal);
            else fragment(nal, payloads);
        }
        if (!batch.isEmpty()) payloads.add(aggregation(batch));
        List<byte[]> packets = new ArrayList<>(payloads.size());
        for (int i = 0; i < payloads.size(); i++) {
            packets.add(packet(payloads.get(i), timestamp, i == payloads.size() - 1));
        }
        return packets;
    }

    private byte[] aggregation(List<byte[]> nals) {
        if (nals.size() == 1) return nals.get(0); // a single NAL unit packet says the same, shorter
        int len = h265 ? 2 : 1;
        for (byte[] n : nals) len += 2 + n.length;
        byte[] out = new byte[len];
        int pos;
        if (h265) {
            // F=0, type 48, LayerId 0, TID = lowest of the aggregated units (all 1 here)
            int tid = 7;
            for (byte[] n : nals) tid = Math.min(tid, n[1] & 0x07);
            out[0] = (byte) (48 << 1);
            out[1] = (byte) tid;
            pos = 2;
        } else {
            int nri = 0;
            for (byte[] n : nals) nri = Math.max(nri, n[0] & 0x60);
            out[0] = (byte) (nri | 24);
            pos = 1;
        }
        for (byte[] n : nals) {
            out[pos++] = (byte) (n.length >> 8);
            out[pos++] = (byte) n.length;
            System.arraycopy(n, 0, out, pos, n.length);
            pos += n.length;
        }
        return out;
    }

    private void fragment(byte[] nal, List<byte[]> payloads) {
        int headerLen = h265 ? 2 : 1;
        int fuHeaderLen = h265 ? 3 : 2;
        int chunk = maxPayload - fuHeaderLen;
        int type = h265 ? (nal[0] >> 1) & 0x3F : nal[0] & 0x1F;
        for (int pos = headerLen; pos < nal.length; pos += chunk) {
            int n = Math.min(chunk, nal.length - pos);
            byte[] p = new byte[fuHeaderLen + n];
            boolean start = pos == headerLen;
            boolean end = pos + n == nal.length;
            int fu = (start ? 0x80 : 0) | (end ? 0x40 : 0);
            if (h265) {
                p[0] = (byte) ((nal[0] & 0x81) | (49 << 1));
                p[1] = nal[1];
                p[2] = (byte) (fu | type);
            } else {
                p[0] = (byte) ((nal[0] & 0xE0) | 28);
                p[1] = (byte) (fu | type);
            }
            System.arraycopy(nal, pos, p, fuHeaderLen, n);
            payloads.add(p);
        }
    }

    private byte[] packet(byte[] payload, long timestamp, boolean marker) {
        byte[] p = new byte[12 + payload.length];
        p[0] = (byte) 0x80;
        p[1] = (byte) ((marker ? 0x80 : 0) | payloadType);
        stamp(p, sequence, timestamp, ssrc);
        sequence = (sequence + 1) & 0xFFFF;
        System.arraycopy(payload, 0, p, 12, payload.length);
        return p;
    }

    /** Writes a packet's sequence number, timestamp and SSRC into its fixed header (RFC 3550 5.1: bytes 2-11). */
    static void stamp(byte[] packet, int sequence, long timestamp, long ssrc) {
        packet[2] = (byte) (sequence >> 8);
        packet[3] = (byte) sequence;
        packet[4] = (byte) (timestamp >> 24);
        packet[5] = (byte) (timestamp >> 16);
        packet[6] = (byte) (timestamp >> 8);
        packet[7] = (byte) timestamp;
        packet[8] = (byte) (ssrc >> 24);
        packet[9] = (byte) (ssrc >> 16);
        packet[10] = (byte) (ssrc >> 8);
        packet[11] = (byte) ssrc;
    }
}
