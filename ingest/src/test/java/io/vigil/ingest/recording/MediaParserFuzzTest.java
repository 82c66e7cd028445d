package io.vigil.ingest.recording;

import io.vigil.ingest.codec.AccessUnit;
import io.vigil.ingest.codec.CodecConfig;
import io.vigil.ingest.codec.Depacketizer;
import io.vigil.ingest.codec.SpsInfo;
import io.vigil.ingest.codec.VideoCodec;
import io.vigil.ingest.rtp.RtpPacket;
import io.vigil.ingest.rtp.RtpParseException;
import io.vigil.ingest.rtp.TimestampUnwrapper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Example;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Property-based fuzzing of the media parsers: for random bytes and for real ffmpeg
 * packets with random mutations, nothing but {@link RtpParseException} may escape, and
 * what does parse is self-consistent. Tries are bounded so the whole class runs in a
 * few seconds.
 */
class MediaParserFuzzTest {

    @Property(tries = 3000)
    void rtpHeaderParseThrowsOnlyItsOwnException(@ForAll @Size(max = 80) byte[] bytes) {
        try {
            RtpPacket p = RtpPacket.parse(bytes);
            assertTrue(p.payloadOffset() >= 12);
            assertTrue(p.payloadLength() >= 0);
            assertTrue(p.payloadOffset() + p.payloadLength() <= bytes.length);
            assertTrue(p.sequence() >= 0 && p.sequence() <= 0xFFFF);
            assertTrue(p.timestamp() >= 0 && p.timestamp() <= 0xFFFF_FFFFL);
        } catch (RtpParseException expected) {
            // declared
        }
    }

    @Example
    void realPacketsParseAndReassembleToTenPictures() throws RtpParseException {
        assertEquals(10, AggregationAndFragmentationTest.depacketize(VideoCodec.H264, RealPackets.H264).size());
        assertEquals(10, AggregationAndFragmentationTest.depacketize(VideoCodec.H265, RealPackets.H265).size());
    }

    @Property(tries = 1500)
    void h264DepacketizerOnRandomPayloads(@ForAll("randomPackets") List<byte[]> packets, @ForAll boolean loss) {
        depacketizeExpectingOnlyParseErrors(VideoCodec.H264, packets, loss);
    }

    @Property(tries = 1500)
    void h265DepacketizerOnRandomPayloads(@ForAll("randomPackets") List<byte[]> packets, @ForAll boolean loss) {
        depacketizeExpectingOnlyParseErrors(VideoCodec.H265, packets, loss);
    }

    @Property(tries = 1000)
    void h264DepacketizerOnMutatedRealPackets(@ForAll("mutationSeeds") long seed, @ForAll @IntRange(min = 1, max = 20) int mutations) {
        depacketizeExpectingOnlyParseErrors(VideoCodec.H264, Mutator.mutate(RealPackets.H264, seed, mutations), seed % 3 == 0);
    }

    @Property(tries = 1000)
    void h265DepacketizerOnMutatedRealPackets(@ForAll("mutationSeeds") long seed, @ForAll @IntRange(min = 1, max = 20) int mutations) {
        depacketizeExpectingOnlyParseErrors(VideoCodec.H265, Mutator.mutate(RealPackets.H265, seed, mutations), seed % 3 == 0);
    }

    @Property(tries = 2000)
    void spsParsersThrowOnlyTheirOwnException(@ForAll @Size(max = 64) byte[] bytes, @ForAll boolean h265) {
        try {
            SpsInfo info = h265 ? SpsInfo.parseH265(bytes) : SpsInfo.parseH264(bytes);
            assertTrue(info.width() > 0 && info.height() > 0);
        } catch (RtpParseException expected) {
            // declared
        }
    }

    @Property(tries = 1000)
    void mutatedRealSpsParsesOrFailsCleanly(@ForAll("mutationSeeds") long seed) {
        for (byte[] nal : allNals(seed)) {
            try {
                CodecConfig.Tracker t = new CodecConfig.Tracker(nal.length > 1 && ((nal[0] >> 1) & 0x3F) == 33 ? VideoCodec.H265 : VideoCodec.H264);
                t.offer(nal);
                t.config();
            } catch (RtpParseException expected) {
                // declared
            }
        }
    }

    private static List<byte[]> allNals(long seed) {
        List<byte[]> nals = new ArrayList<>();
        try {
            for (AccessUnit au : AggregationAndFragmentationTest.depacketize(VideoCodec.H264, RealPackets.H264)) nals.addAll(au.nals());
            for (AccessUnit au : AggregationAndFragmentationTest.depacketize(VideoCodec.H265, RealPackets.H265)) nals.addAll(au.nals());
        } catch (RtpParseException e) {
            throw new AssertionError(e);
        }
        java.util.Random r = new java.util.Random(seed);
        List<byte[]> out = new ArrayList<>();
        for (byte[] nal : nals) {
            byte[] m = nal.clone();
            for (int i = 0; i < 3; i++) m[1 + r.nextInt(m.length - 1)] ^= (byte) (1 << r.nextInt(8));
            out.add(r.nextBoolean() ? m : java.util.Arrays.copyOf(m, 1 + r.nextInt(m.length)));
        }
        return out;
    }

    private static void depacketizeExpectingOnlyParseErrors(VideoCodec codec, List<byte[]> packets, boolean loss) {
        List<AccessUnit> out = new ArrayList<>();
        Depacketizer d = Depacketizer.forCodec(codec, out::add);
        TimestampUnwrapper unwrap = new TimestampUnwrapper();
        int i = 0;
        for (byte[] b : packets) {
            try {
                RtpPacket p = RtpPacket.parse(b);
                d.push(p, unwrap.unwrap(p.timestamp()), loss && i++ % 5 == 4 ? 1 : 0);
            } catch (RtpParseException expected) {
                // declared
            }
        }
        d.flush();
        for (AccessUnit au : out) {
            assertTrue(!au.nals().isEmpty());
            for (byte[] nal : au.nals()) assertTrue(nal.length >= (codec == VideoCodec.H264 ? 1 : 2));
        }
    }

    @Provide
    Arbitrary<Long> mutationSeeds() {
        return Arbitraries.longs();
    }

    /** Valid RTP headers (so the payload parsers are reached) around random payloads. */
    @Provide
    Arbitrary<List<byte[]>> randomPackets() {
        Arbitrary<byte[]> payload = Arbitraries.bytes().array(byte[].class).ofMaxSize(60);
        Arbitrary<byte[]> packet = Combinators.combine(payload, Arbitraries.integers().between(0, 3), Arbitraries.of(true, false))
                .as((pl, ts, marker) -> {
                    byte[] p = new byte[12 + pl.length];
                    p[0] = (byte) 0x80;
                    p[1] = (byte) ((marker ? 0x80 : 0) | 96);
                    p[7] = (byte) ts.intValue();
                    System.arraycopy(pl, 0, p, 12, pl.length);
                    return p;
                });
        return packet.list().ofMaxSize(30);
    }
}
