package io.vigil.ingest.rtsp.client;

import io.vigil.ingest.rtsp.SyntheticRtpSource;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class RtpReceptionStatsTest {
    @Test
    void receiverReportCarriesLossAndHighestSequenceAcrossWraparound() {
        RtpReceptionStats stats = new RtpReceptionStats(90000);
        long t = 1_000_000_000L;
        for (int seq = 65530; seq < 65536; seq++) stats.onRtp(SyntheticRtpSource.packet(seq, 100), t += 1_000_000);
        for (int seq = 0; seq < 10; seq++) {
            if (seq == 3 || seq == 4) continue; // two lost after the wrap
            stats.onRtp(SyntheticRtpSource.packet(seq, 100), t += 1_000_000);
        }
        assertEquals(14, stats.received());
        assertEquals(2, stats.cumulativeLost());

        ByteBuffer rr = ByteBuffer.wrap(stats.receiverReport(0x01020304, "vigil@cam", t));
        assertEquals(0x81, rr.get(0) & 0xFF, "V=2, one report block");
        assertEquals(201, rr.get(1) & 0xFF);
        assertEquals(7, rr.getShort(2), "length in words minus one");
        assertEquals(0x01020304, rr.getInt(4));
        assertEquals(0x12345678, rr.getInt(8), "reports on the sender's SSRC");
        int lossWord = rr.getInt(12);
        assertEquals(2 * 256 / 16, lossWord >>> 24, "fraction lost since the last report: 2 of 16");
        assertEquals(2, lossWord & 0xFFFFFF);
        assertEquals(65536 + 9, rr.getInt(16), "extended highest sequence number counts the wrap");
        assertEquals(202, rr.get(32 + 1) & 0xFF, "followed by SDES");

        ByteBuffer second = ByteBuffer.wrap(stats.receiverReport(0x01020304, "vigil@cam", t));
        assertEquals(0, second.getInt(12) >>> 24, "no new loss since the previous report");
    }

    @Test
    void notRtpIsIgnored() {
        RtpReceptionStats stats = new RtpReceptionStats(90000);
        assertFalse(stats.onRtp(new byte[5], 0));
        assertFalse(stats.onRtp(new byte[20], 0), "version 0 is not RTP");
        assertEquals(0, stats.received());
        byte[] rrOnly = stats.receiverReport(7, "x", 0);
        assertEquals(0x80, rrOnly[0] & 0xFF, "an empty receiver report before any packet");
    }
}
