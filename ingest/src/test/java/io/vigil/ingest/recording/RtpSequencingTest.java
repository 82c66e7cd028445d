package io.vigil.ingest.recording;

import io.vigil.ingest.rtp.RtpPacket;
import io.vigil.ingest.rtp.RtpParseException;
import io.vigil.ingest.rtp.RtpReorderBuffer;
import io.vigil.ingest.rtp.TimestampUnwrapper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RTP header parsing, sequence number wrap, reordering window, loss and timestamp unwrapping. */
class RtpSequencingTest {
    private static final long MS = 1_000_000L;

    private static RtpPacket packet(int seq, long ts) throws RtpParseException {
        byte[] p = new byte[14];
        p[0] = (byte) 0x80;
        p[1] = 96;
        return RtpPacket.parse(RtpRewriter.with(p, seq & 0xFFFF, ts & 0xFFFF_FFFFL));
    }

    @Test
    void headerFieldsCsrcExtensionAndPadding() throws Exception {
        byte[] p = {
            (byte) 0xB1, (byte) 0xE0, 0x12, 0x34, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFE, 1, 2, 3, 4, // V=2 P X CC=1, M, PT=96
            9, 9, 9, 9, // CSRC
            0x10, 0x00, 0x00, 0x01, 7, 7, 7, 7, // extension of one word
            0x65, 0x11, 0x22, // payload
            0, 0, 3 // padding of 3
        };
        RtpPacket r = RtpPacket.parse(p);
        assertTrue(r.marker());
        assertTrue(r.padding());
        assertTrue(r.extension());
        assertEquals(1, r.csrcCount());
        assertEquals(96, r.payloadType());
        assertEquals(0x1234, r.sequence());
        assertEquals(0xFFFFFFFEL, r.timestamp());
        assertEquals(0x01020304L, r.ssrc());
        assertEquals(24, r.payloadOffset());
        assertEquals(3, r.payloadLength());
        assertEquals(0x65, r.payloadByte(0));
        assertThrows(RtpParseException.class, () -> RtpPacket.parse(new byte[] {0x40, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}));
        p[p.length - 1] = 40; // padding longer than the packet
        assertThrows(RtpParseException.class, () -> RtpPacket.parse(p));
    }

    @Test
    void sequenceWrapsWithoutLossAndReorderingIsUndone() throws Exception {
        List<Integer> out = new ArrayList<>();
        List<Integer> lost = new ArrayList<>();
        RtpReorderBuffer b = new RtpReorderBuffer(32, 100 * MS, (p, l) -> {
            out.add(p.sequence());
            lost.add(l);
        });
        int[] arrival = {65533, 65535, 65534, 0, 2, 1, 3};
        for (int s : arrival) b.push(packet(s, 0), 0);
        assertEquals(List.of(65533, 65534, 65535, 0, 1, 2, 3), out);
        assertEquals(0, b.lost());
        b.push(packet(2, 0), 0); // duplicate
        assertEquals(7, out.size());
        assertEquals(1, b.late());
    }

    @Test
    void aMissingPacketIsGivenUpAfterTheWindowAndCounted() throws Exception {
        List<Integer> out = new ArrayList<>();
        List<Integer> lost = new ArrayList<>();
        RtpReorderBuffer b = new RtpReorderBuffer(32, 100 * MS, (p, l) -> {
            out.add(p.sequence());
            lost.add(l);
        });
        b.push(packet(10, 0), 0);
        b.push(packet(12, 0), 1 * MS); // 11 missing: waits
        assertEquals(List.of(10), out);
        b.push(packet(13, 0), 150 * MS); // 12 has waited more than 100 ms
        assertEquals(List.of(10, 12, 13), out);
        assertEquals(List.of(0, 1, 0), lost);
        assertEquals(1, b.lost());
        // by count: 33 packets behind a hole
        for (int s = 15; s < 15 + 33; s++) b.push(packet(s, 0), 200 * MS);
        assertEquals(2, b.lost());
        assertEquals(3 + 33, out.size()); // 10, 12, 13 and 15..47
    }

    @Test
    void aHugeJumpResynchronisesInsteadOfCountingThousandsLost() throws Exception {
        List<Integer> out = new ArrayList<>();
        RtpReorderBuffer b = new RtpReorderBuffer(32, 100 * MS, (p, l) -> out.add(p.sequence()));
        b.push(packet(100, 0), 0);
        b.push(packet(30000, 0), 0); // camera restarted with a new random sequence
        b.push(packet(30001, 0), 0);
        assertEquals(List.of(100, 30000, 30001), out);
        assertEquals(0, b.lost());
        assertEquals(1, b.resyncs());
    }

    @Test
    void timestampsUnwrapPast32Bits() {
        TimestampUnwrapper u = new TimestampUnwrapper();
        assertEquals(0xFFFFFF00L, u.unwrap(0xFFFFFF00L));
        assertEquals(0x100000100L, u.unwrap(0x00000100L)); // wrapped forwards by 512
        assertEquals(0x100000000L, u.unwrap(0x00000000L)); // a reordered packet just before
        // a day in 6-hour steps (each below the 6.6 h a signed 32-bit step can express) wraps twice
        long t = 0x100000000L;
        for (int i = 0; i < 4; i++) {
            t += 90000L * 3600 * 6;
            assertEquals(t, u.unwrap(t & 0xFFFFFFFFL));
        }
    }
}
