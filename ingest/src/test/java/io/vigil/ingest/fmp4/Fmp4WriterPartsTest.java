package io.vigil.ingest.fmp4;

import io.vigil.ingest.codec.CodecConfig;
import io.vigil.ingest.codec.VideoCodec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A segment written as parts is byte for byte the init followed by the one-array fragment. */
class Fmp4WriterPartsTest {

    @Test
    void partsConcatenateToInitPlusFragmentAndAreTheNalArraysThemselves() throws Exception {
        // SPS and PPS of a 320x240 libx264 baseline stream
        byte[] sps = toBytes(0x67, 0x42, 0xc0, 0x0d, 0xd9, 0x01, 0x41, 0xfb, 0x01, 0x10, 0x00, 0x00, 0x03, 0x00, 0x10, 0x00, 0x00, 0x03, 0x03, 0x20, 0xf1, 0x42, 0xa4, 0x80);
        byte[] pps = toBytes(0x68, 0xcb, 0x83, 0xcb, 0x20);
        CodecConfig config = CodecConfig.of(VideoCodec.H264, List.of(), List.of(sps), List.of(pps));
        Random random = new Random(42);
        List<Fmp4Writer.Sample> samples = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            // a big keyframe slice (across several parts), then small and odd-sized ones
            int size = i == 0 ? 700_017 : 1 + random.nextInt(40_000);
            byte[] nal = new byte[size];
            random.nextBytes(nal);
            nal[0] = (byte) (i == 0 ? 0x65 : 0x41);
            samples.add(new Fmp4Writer.Sample(List.of(nal), 3600, i == 0, 0));
        }
        List<java.nio.ByteBuffer> parts = Fmp4Writer.segmentParts(config, 9, 123_456, samples);

        byte[] init = Fmp4Writer.init(config);
        byte[] fragment = Fmp4Writer.fragment(9, 123_456, samples);
        byte[] expected = new byte[init.length + fragment.length];
        System.arraycopy(init, 0, expected, 0, init.length);
        System.arraycopy(fragment, 0, expected, init.length, fragment.length);
        assertArrayEquals(expected, Fmp4Writer.concat(parts));
        // the picture data is handed over where it is, not copied
        assertTrue(parts.stream().anyMatch(p -> p.hasArray() && p.array() == samples.get(0).nals().get(0)), "NAL arrays are parts themselves");
    }

    private static byte[] toBytes(int... v) {
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) b[i] = (byte) v[i];
        return b;
    }
}
