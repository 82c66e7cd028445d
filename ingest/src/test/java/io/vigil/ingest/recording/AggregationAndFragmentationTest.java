package io.vigil.ingest.recording;

import io.vigil.ingest.codec.AccessUnit;
import io.vigil.ingest.codec.Depacketizer;
import io.vigil.ingest.codec.VideoCodec;
import io.vigil.ingest.rtp.RtpPacket;
import io.vigil.ingest.rtp.RtpParseException;
import io.vigil.ingest.rtp.TimestampUnwrapper;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.ingest.sim.RtpPacketizer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real NAL units from ffmpeg, repacked into STAP-A / AP and FU packets (ffmpeg itself
 * sends single NAL and FU only), must come out of the depacketizers byte for byte.
 */
class AggregationAndFragmentationTest {
    @TempDir
    Path dir;

    @Test
    void h264StapAAndFuARoundTrip() throws Exception {
        FfmpegRtp.Capture cap = FfmpegRtp.capture(dir, "testsrc2=size=320x240:rate=25", 30,
                List.of("-c:v", "libx264", "-preset", "ultrafast", "-bf", "0", "-g", "10"));
        roundTrip(cap, false, 24);
    }

    @Test
    void h265ApAndFuRoundTrip() throws Exception {
        FfmpegRtp.Capture cap = FfmpegRtp.capture(dir, "testsrc2=size=320x240:rate=25", 30,
                List.of("-c:v", "libx265", "-preset", "ultrafast", "-x265-params", "bframes=0:keyint=10:log-level=error"));
        roundTrip(cap, true, 48);
    }

    private static void roundTrip(FfmpegRtp.Capture cap, boolean h265, int aggregationType) throws Exception {
        VideoCodec codec = h265 ? VideoCodec.H265 : VideoCodec.H264;
        List<AccessUnit> original = depacketize(codec, cap.packets());
        assertTrue(original.size() >= 29, "access units from ffmpeg: " + original.size());

        RtpPacketizer packetizer = new RtpPacketizer(h265, 96, 0x1234, 65500, 300, true); // small MTU: FUs galore, wraps seq
        List<byte[]> repacked = new ArrayList<>();
        for (AccessUnit au : original) repacked.addAll(packetizer.packetize(au.nals(), au.timestamp() & 0xFFFF_FFFFL));
        int aggregates = 0;
        int fragments = 0;
        for (byte[] p : repacked) {
            int type = h265 ? (p[12] >> 1) & 0x3F : p[12] & 0x1F;
            if (type == aggregationType) aggregates++;
            if (type == aggregationType + 1 || (!h265 && type == 28)) fragments++;
        }
        assertTrue(aggregates > 0, "aggregation packets used");
        assertTrue(fragments > 0, "fragmentation units used");

        List<AccessUnit> again = depacketize(codec, repacked);
        assertEquals(original.size(), again.size());
        for (int i = 0; i < original.size(); i++) {
            assertEquals(original.get(i).timestamp(), again.get(i).timestamp());
            assertEquals(original.get(i).keyframe(), again.get(i).keyframe());
            assertEquals(original.get(i).nals().size(), again.get(i).nals().size());
            for (int n = 0; n < original.get(i).nals().size(); n++) {
                assertArrayEquals(original.get(i).nals().get(n), again.get(i).nals().get(n), "AU " + i + " NAL " + n);
            }
        }
    }

    static List<AccessUnit> depacketize(VideoCodec codec, List<byte[]> packets) throws RtpParseException {
        List<AccessUnit> out = new ArrayList<>();
        Depacketizer d = Depacketizer.forCodec(codec, out::add);
        TimestampUnwrapper unwrap = new TimestampUnwrapper();
        for (byte[] b : packets) {
            RtpPacket p = RtpPacket.parse(b);
            d.push(p, unwrap.unwrap(p.timestamp()), 0);
        }
        d.flush();
        return out;
    }
}
