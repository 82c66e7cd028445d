package io.vigil.ingest.rtsp.client;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Reception statistics of the video RTP stream for RTCP receiver reports (RFC 3550
 * §6.4.2, appendix A.1/A.3/A.8). Reads only the fixed RTP header; the payload is the
 * media side's business. Used on the session's event loop only.
 */
final class RtpReceptionStats {
    private static final int MAX_DROPOUT = 3000;
    private static final int MAX_MISORDER = 100;
    private static final int SEQ_MOD = 1 << 16;

    private final int clockRate;
    private boolean initialized;
    private int ssrc;
    private int baseSeq;
    private int maxSeq;
    private long cycles;
    private long received;
    private long expectedPrior;
    private long receivedPrior;
    private double jitter;
    private long lastTransit;
    private boolean haveTransit;
    private long lastSrMiddle;
    private long lastSrArrivalNanos;

    RtpReceptionStats(int clockRate) {
        this.clockRate = clockRate <= 0 ? 90000 : clockRate;
    }

    /** Accounts one RTP packet; returns false when it is not RTP version 2 (too short, wrong version). */
    boolean onRtp(byte[] p, long arrivalNanos) {
        if (p.length < 12 || ((p[0] & 0xC0) >> 6) != 2) return false;
        int seq = ((p[2] & 0xFF) << 8) | (p[3] & 0xFF);
        long timestamp = ((long) (p[4] & 0xFF) << 24) | ((p[5] & 0xFF) << 16) | ((p[6] & 0xFF) << 8) | (p[7] & 0xFF);
        int packetSsrc = ((p[8] & 0xFF) << 24) | ((p[9] & 0xFF) << 16) | ((p[10] & 0xFF) << 8) | (p[11] & 0xFF);
        if (!initialized || packetSsrc != ssrc) {
            // A new SSRC is a new source (camera restarted its encoder): start counting afresh.
            initialized = true;
            ssrc = packetSsrc;
            restartCounting(seq);
            haveTransit = false;
            jitter = 0;
        } else {
            int delta = (seq - maxSeq + SEQ_MOD) % SEQ_MOD;
            if (delta < MAX_DROPOUT) {
                if (seq < maxSeq) cycles += SEQ_MOD;
                maxSeq = seq;
            } else if (delta <= SEQ_MOD - MAX_MISORDER) {
                restartCounting(seq); // a jump too large to be loss: the sender restarted its sequence
            }
            // else: duplicate or reordered packet, counted below
        }
        received++;
        long arrivalUnits = arrivalNanos / 1000 * clockRate / 1_000_000L;
        long transit = arrivalUnits - timestamp;
        if (haveTransit) {
            long d = Math.abs(transit - lastTransit);
            jitter += (d - jitter) / 16.0;
        }
        lastTransit = transit;
        haveTransit = true;
        return true;
    }

    /** Counts from {@code seq} afresh (RFC 3550 A.1 init_seq): a new source or a restarted sequence. */
    private void restartCounting(int seq) {
        baseSeq = seq;
        maxSeq = seq;
        cycles = 0;
        received = 0;
        expectedPrior = 0;
        receivedPrior = 0;
    }

    /** Notes a sender report so our receiver report can carry LSR/DLSR (round-trip time). */
    void onRtcp(byte[] p, long arrivalNanos) {
        int off = 0;
        while (off + 8 <= p.length) {
            int pt = p[off + 1] & 0xFF;
            int words = ((p[off + 2] & 0xFF) << 8) | (p[off + 3] & 0xFF);
            if (pt == 200 && off + 20 <= p.length) {
                lastSrMiddle = ((long) (p[off + 10] & 0xFF) << 24) | ((p[off + 11] & 0xFF) << 16)
                        | ((p[off + 12] & 0xFF) << 8) | (p[off + 13] & 0xFF);
                lastSrArrivalNanos = arrivalNanos;
            }
            off += (words + 1) * 4;
        }
    }

    boolean hasSource() {
        return initialized;
    }

    long received() {
        return received;
    }

    long cumulativeLost() {
        long expected = cycles + maxSeq - baseSeq + 1;
        return Math.max(0, expected - received);
    }

    /** A compound RTCP packet: receiver report (one block) and SDES CNAME. */
    byte[] receiverReport(int ourSsrc, String cname, long nowNanos) {
        byte[] cnameBytes = cname.getBytes(StandardCharsets.US_ASCII);
        int sdesLen = 4 + 4 + 2 + cnameBytes.length + 1;
        int sdesPadded = (sdesLen + 3) & ~3;
        int rrLen = initialized ? 32 : 8;
        ByteBuffer b = ByteBuffer.allocate(rrLen + sdesPadded);
        b.put((byte) (0x80 | (initialized ? 1 : 0)));
        b.put((byte) 201);
        b.putShort((short) (rrLen / 4 - 1));
        b.putInt(ourSsrc);
        if (initialized) {
            long extendedMax = cycles + maxSeq;
            long expected = extendedMax - baseSeq + 1;
            long lost = Math.max(-0x800000, Math.min(0x7FFFFF, expected - received));
            long expectedInterval = expected - expectedPrior;
            long receivedInterval = received - receivedPrior;
            expectedPrior = expected;
            receivedPrior = received;
            long lostInterval = expectedInterval - receivedInterval;
            int fraction = expectedInterval == 0 || lostInterval <= 0 ? 0 : (int) ((lostInterval << 8) / expectedInterval);
            b.putInt(ssrc);
            b.putInt(((Math.min(fraction, 255) & 0xFF) << 24) | (int) (lost & 0xFFFFFF));
            b.putInt((int) extendedMax);
            b.putInt((int) jitter);
            b.putInt((int) lastSrMiddle);
            long dlsr = lastSrArrivalNanos == 0 ? 0 : (nowNanos - lastSrArrivalNanos) * 65536L / 1_000_000_000L;
            b.putInt((int) dlsr);
        }
        b.put((byte) 0x81);
        b.put((byte) 202);
        b.putShort((short) (sdesPadded / 4 - 1));
        b.putInt(ourSsrc);
        b.put((byte) 1);
        b.put((byte) cnameBytes.length);
        b.put(cnameBytes);
        while (b.position() < b.capacity()) b.put((byte) 0);
        return b.array();
    }
}
