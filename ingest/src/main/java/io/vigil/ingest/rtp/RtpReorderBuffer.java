package io.vigil.ingest.rtp;

import java.util.TreeMap;

/**
 * Puts RTP packets of one session back in sequence order over a small window and detects
 * loss. Packets wait at most {@code maxPackets} packets or {@code maxDelayNanos} for a
 * missing predecessor (UDP on a LAN reorders rarely and by little; waiting longer only
 * adds latency). A missing packet that does not arrive in that window is counted lost and
 * the next packet is delivered with {@code lostBefore > 0}, so a depacketizer can drop a
 * fragmented NAL unit it can no longer complete. Sequence numbers are extended past the
 * 16-bit wrap. A jump of more than {@link #RESYNC_DISTANCE} (camera restart, new SSRC)
 * resynchronises instead of counting thousands of packets lost.
 */
public final class RtpReorderBuffer {
    /** Receives packets in order; {@code lostBefore} packets went missing just before this one. */
    @FunctionalInterface
    public interface Output {
        void packet(RtpPacket packet, int lostBefore);
    }

    static final int RESYNC_DISTANCE = 3000;

    private record Waiting(RtpPacket packet, long arrivalNanos) {}

    private final int maxPackets;
    private final long maxDelayNanos;
    private final Output output;
    private final TreeMap<Long, Waiting> waiting = new TreeMap<>();
    private boolean started;
    private long expected;
    private long lost;
    private long late;
    private long resyncs;

    public RtpReorderBuffer(int maxPackets, long maxDelayNanos, Output output) {
        this.maxPackets = maxPackets;
        this.maxDelayNanos = maxDelayNanos;
        this.output = output;
    }

    public void push(RtpPacket packet, long arrivalNanos) {
        int seq = packet.sequence();
        if (!started) {
            started = true;
            expected = seq;
        }
        int diff = (short) (seq - (int) (expected & 0xFFFF));
        long extended = expected + diff;
        if (diff < 0 || waiting.containsKey(extended)) {
            if (diff < -RESYNC_DISTANCE) {
                resync(packet, extended);
                return;
            }
            late++; // duplicate, or arrived after we gave up on it
            return;
        }
        if (diff > RESYNC_DISTANCE) {
            resync(packet, extended);
            return;
        }
        if (diff == 0) {
            expected++;
            output.packet(packet, 0);
            drainConsecutive(0);
        } else {
            waiting.put(extended, new Waiting(packet, arrivalNanos));
        }
        giveUpIfWaitedTooLong(arrivalNanos);
    }

    /** Delivers everything still waiting, counting the holes as lost (end of session). */
    public void flush() {
        while (!waiting.isEmpty()) skipToFirstWaiting();
    }

    private void resync(RtpPacket packet, long extended) {
        flush();
        resyncs++;
        expected = extended + 1;
        output.packet(packet, 0);
    }

    private void giveUpIfWaitedTooLong(long nowNanos) {
        while (!waiting.isEmpty()
                && (waiting.size() > maxPackets || nowNanos - waiting.firstEntry().getValue().arrivalNanos() > maxDelayNanos)) {
            skipToFirstWaiting();
        }
    }

    private void skipToFirstWaiting() {
        long first = waiting.firstKey();
        int missing = (int) (first - expected);
        lost += missing;
        expected = first;
        drainConsecutive(missing);
    }

    private void drainConsecutive(int lostBeforeFirst) {
        int lostBefore = lostBeforeFirst;
        Waiting next;
        while ((next = waiting.remove(expected)) != null) {
            expected++;
            output.packet(next.packet(), lostBefore);
            lostBefore = 0;
        }
    }

    public long lost() { return lost; }
    public long late() { return late; }
    public long resyncs() { return resyncs; }
}
