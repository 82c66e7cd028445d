package io.vigil.ingest.activity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.ingest.codec.CodecConfig;
import io.vigil.ingest.codec.VideoCodec;
import io.vigil.ingest.fmp4.Fmp4Writer;
import io.vigil.ingest.fmp4.Segment;
import io.vigil.ingest.sim.H264Encoder;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The activity measure, on synthetic grey pictures and on real keyframes: encoded with
 * FFmpeg's H.264 encoder, put in a segment exactly as the recorder writes it, taken out of
 * the segment's parts and decoded the way ingest does. Identical keyframes measure 0, a
 * different scene nearly everything, a person-sized change its share of the picture.
 */
class PictureChangeTest {
    private static final int W = 320;
    private static final int H = 180;

    @Test
    void identicalPicturesMeasureNothingAndEveryBlockChangedMeasuresAll() {
        GreyPicture grey = flat(100);
        assertEquals(0, PictureChange.between(grey, flat(100)));
        assertEquals(0, PictureChange.between(grey, flat(100 + PictureChange.THRESHOLD)), "noise below the threshold is not activity");
        assertEquals(1000, PictureChange.between(grey, flat(100 + PictureChange.THRESHOLD + 1)));
        byte[] quarter = flat(100).levels().clone();
        for (int y = 0; y < GreyPicture.HEIGHT / 2; y++) Arrays.fill(quarter, y * GreyPicture.WIDTH, y * GreyPicture.WIDTH + GreyPicture.WIDTH / 2, (byte) 200);
        assertEquals(250, PictureChange.between(grey, new GreyPicture(quarter)), "a quarter of the picture changed");
        assertThrows(IllegalArgumentException.class, () -> new GreyPicture(new byte[10]));
    }

    @Test
    void realKeyframesIdenticalMeasureZeroAndAChangedSceneMeasuresHigh() {
        try (H264Encoder encoder = new H264Encoder(W, H, 25, 250, 500_000)) {
            GreyPicture scene = decoded(encoder, stripes(0));
            GreyPicture same = decoded(encoder, stripes(0));
            GreyPicture other = decoded(encoder, stripes(40));
            GreyPicture person = decoded(encoder, withBox(stripes(0), 40, 40, 60, 100));
            assertEquals(0, PictureChange.between(scene, same), "the same scene encoded twice");
            int changed = PictureChange.between(scene, other);
            assertTrue(changed > 700, "a different scene changes most of the picture: " + changed);
            int box = PictureChange.between(scene, person);
            // 60x100 of 320x180 is about a tenth of the picture
            assertTrue(box > 50 && box < 200, "a person-sized box changes its share: " + box);
            GreyPicture dark = decoded(encoder, flatI420(60)), bright = decoded(encoder, flatI420(180));
            for (int i = 0; i < GreyPicture.WIDTH * GreyPicture.HEIGHT; i++) {
                assertTrue(Math.abs(dark.level(i) - dark.level(0)) <= 2, "a flat picture gives one grey level, block " + i);
                assertTrue(bright.level(i) - dark.level(i) > 100, "brighter stays brighter, block " + i);
            }
        }
    }

    @Test
    void aSegmentWithoutAFragmentIsRefusedWithAReason() {
        CodecConfig config;
        try (H264Encoder encoder = new H264Encoder(W, H, 25, 250, 500_000)) {
            encoder.requestKeyframe();
            config = configOf(encoder.encode(stripes(0)).nals());
        }
        Segment junk = new Segment(config, Instant.EPOCH, Instant.EPOCH.plusSeconds(1), 1,
                List.of(ByteBuffer.wrap(Fmp4Writer.init(config))), 0, true);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FirstPicture.annexB(junk));
        assertTrue(e.getMessage().contains("moof"), e.getMessage());
    }

    /** Encodes {@code i420} as a keyframe, stores it in a segment as the recorder does, and measures it back. */
    private static GreyPicture decoded(H264Encoder encoder, byte[] i420) {
        encoder.requestKeyframe();
        H264Encoder.Picture p = encoder.encode(i420);
        assertTrue(p.keyframe());
        CodecConfig config = configOf(p.nals());
        List<byte[]> picture = new ArrayList<>();
        for (byte[] nal : p.nals()) {
            int type = nal[0] & 0x1F;
            if (type != 7 && type != 8) picture.add(nal);
        }
        List<ByteBuffer> parts = Fmp4Writer.segmentParts(config, 1, 0, List.of(new Fmp4Writer.Sample(picture, 3600, true),
                new Fmp4Writer.Sample(List.of(new byte[] {0x01, 0x02, 0x03}), 3600, false)));
        Segment segment = new Segment(config, Instant.EPOCH, Instant.EPOCH.plusMillis(80), 2, parts, 0, false);
        return KeyframeDecoder.decode(VideoCodec.H264, FirstPicture.annexB(segment));
    }

    private static CodecConfig configOf(List<byte[]> nals) {
        List<byte[]> sps = new ArrayList<>(), pps = new ArrayList<>();
        for (byte[] nal : nals) {
            if ((nal[0] & 0x1F) == 7) sps.add(nal);
            if ((nal[0] & 0x1F) == 8) pps.add(nal);
        }
        try {
            return CodecConfig.of(VideoCodec.H264, List.of(), sps, pps);
        } catch (io.vigil.ingest.rtp.RtpParseException e) {
            throw new AssertionError(e);
        }
    }

    private static GreyPicture flat(int level) {
        byte[] b = new byte[GreyPicture.WIDTH * GreyPicture.HEIGHT];
        Arrays.fill(b, (byte) level);
        return new GreyPicture(b);
    }

    /** Vertical stripes 40 pixels wide, shifted by {@code shift}: a scene with edges everywhere. */
    private static byte[] stripes(int shift) {
        byte[] i420 = flatI420(128);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) i420[y * W + x] = (byte) (((x + shift) / 40) % 2 == 0 ? 40 : 210);
        }
        return i420;
    }

    private static byte[] withBox(byte[] i420, int x0, int y0, int w, int h) {
        for (int y = y0; y < y0 + h; y++) Arrays.fill(i420, y * W + x0, y * W + x0 + w, (byte) 128);
        return i420;
    }

    private static byte[] flatI420(int luma) {
        byte[] i420 = new byte[W * H * 3 / 2];
        Arrays.fill(i420, 0, W * H, (byte) luma);
        Arrays.fill(i420, W * H, i420.length, (byte) 128);
        return i420;
    }
}
