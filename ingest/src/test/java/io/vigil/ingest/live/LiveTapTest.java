package io.vigil.ingest.live;

import static org.junit.jupiter.api.Assertions.*;

import io.vigil.ingest.codec.AccessUnit;
import io.vigil.ingest.codec.VideoCodec;
import io.vigil.ingest.sim.H264Encoder;
import io.vigil.ingest.sim.TestPattern;
import io.vigil.storage.LiveViewer;
import io.vigil.testkit.MutableClock;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Live pictures from real H.264 (libopenh264 through JavaCV, 10 fps, a keyframe every 5):
 * each picture becomes prft + moof + mdat with its arrival time and decode time; a viewer
 * joining mid-GOP gets the init and the pictures since the keyframe, which Debian's
 * ffprobe decodes; a new resolution sends a new init and starts the timeline again.
 */
class LiveTapTest {
    private static final long NTP_UNIX = 2_208_988_800L;

    static final class Recording implements LiveViewer {
        final List<String> codecs = java.util.Collections.synchronizedList(new ArrayList<>());
        final List<byte[]> inits = java.util.Collections.synchronizedList(new ArrayList<>());
        final List<byte[]> pictures = java.util.Collections.synchronizedList(new ArrayList<>());
        final List<Boolean> keyframes = java.util.Collections.synchronizedList(new ArrayList<>());

        @Override
        public void init(byte[] initSegment, String c) {
            codecs.add(c);
            inits.add(initSegment);
        }

        @Override
        public void picture(byte[] fragment, boolean keyframe) {
            pictures.add(fragment);
            keyframes.add(keyframe);
        }
    }

    @Test
    void picturesCarryArrivalAndDecodeTimeAndALateViewerStartsAtTheKeyframe(@TempDir Path dir) throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-04T10:00:00.250Z"));
        LiveTap tap = new LiveTap(clock);
        Recording early = new Recording();
        tap.watch(early);
        tap.startSession(VideoCodec.H264, List.of());
        try (H264Encoder enc = new H264Encoder(320, 240, 10, 5, 200_000)) {
            TestPattern pattern = new TestPattern("live", 320, 240);
            for (int n = 0; n < 8; n++) {
                H264Encoder.Picture p = enc.encode(pattern.render(n, clock.instant()));
                tap.picture(new AccessUnit(1_000_000L + n * 9000L, p.keyframe(), p.nals()));
                clock.advance(java.time.Duration.ofMillis(100));
            }
            assertEquals(1, early.codecs.size(), "one init for one stream");
            assertTrue(early.codecs.get(0).startsWith("avc1."), early.codecs.get(0));
            assertEquals(8, early.pictures.size());
            for (int n = 0; n < 8; n++) {
                byte[] f = early.pictures.get(n);
                assertEquals("prft", new String(f, 4, 4, StandardCharsets.US_ASCII));
                ByteBuffer b = ByteBuffer.wrap(f);
                long seconds = b.getInt(16) & 0xFFFFFFFFL;
                long fraction = b.getInt(20) & 0xFFFFFFFFL;
                long millis = (seconds - NTP_UNIX) * 1000 + Math.round(fraction * 1000.0 / (1L << 32));
                assertEquals(Instant.parse("2026-12-04T10:00:00.250Z").toEpochMilli() + n * 100L, millis, "arrival of picture " + n);
                assertEquals(n * 9000L, b.getLong(24), "prft media time is the decode time");
                assertEquals(n * 9000L, tfdt(f), "decode time from the first keyframe");
                assertEquals("moof", new String(f, Prft.SIZE + 4, 4, StandardCharsets.US_ASCII));
            }
            assertTrue(early.keyframes.get(0) && early.keyframes.get(5), "keyframes every 5: " + early.keyframes);

            // Joining after picture 7: init, then pictures 5..7 (from the last keyframe) at once.
            Recording late = new Recording();
            tap.watch(late);
            assertEquals(1, late.inits.size());
            assertEquals(3, late.pictures.size());
            assertTrue(late.keyframes.get(0));
            assertEquals(5 * 9000L, tfdt(late.pictures.get(0)));
            ByteArrayOutputStream mp4 = new ByteArrayOutputStream();
            mp4.write(late.inits.get(0));
            for (byte[] f : late.pictures) mp4.write(f);
            Path file = Files.write(dir.resolve("late.mp4"), mp4.toByteArray());
            assertEquals("3", ffprobeFrames(file), "the late viewer's start decodes");
        }

        // The camera changes resolution: a new init to everyone watching, decode time from 0 again.
        try (H264Encoder enc = new H264Encoder(640, 480, 10, 5, 400_000)) {
            TestPattern pattern = new TestPattern("live", 640, 480);
            H264Encoder.Picture p = enc.encode(pattern.render(0, clock.instant()));
            tap.picture(new AccessUnit(2_000_000L, p.keyframe(), p.nals()));
            assertEquals(2, early.inits.size());
            assertEquals(0L, tfdt(early.pictures.get(early.pictures.size() - 1)));
        }

        // The session ends: a new viewer gets nothing until the next session's keyframe.
        tap.endSession();
        Recording after = new Recording();
        tap.watch(after);
        assertEquals(0, after.inits.size() + after.pictures.size());
    }

    private static long tfdt(byte[] f) {
        for (int i = Prft.SIZE; i + 16 <= f.length; i++) {
            if (f[i] == 't' && f[i + 1] == 'f' && f[i + 2] == 'd' && f[i + 3] == 't') return ByteBuffer.wrap(f).getLong(i + 8);
        }
        throw new AssertionError("no tfdt");
    }

    private static String ffprobeFrames(Path file) throws Exception {
        Process p = new ProcessBuilder("/usr/bin/ffprobe", "-v", "error", "-count_frames", "-select_streams", "v:0",
                "-show_entries", "stream=nb_read_frames", "-of", "csv=p=0", file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return out;
    }

    @Test
    void fragmentsAreBuiltOnlyWhileAViewerIsAttached() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-04T10:00:00Z"));
        LiveTap tap = new LiveTap(clock);
        tap.startSession(VideoCodec.H264, List.of());
        try (H264Encoder enc = new H264Encoder(320, 240, 10, 5, 200_000)) {
            TestPattern pattern = new TestPattern("lazy", 320, 240);
            int n = 0;
            for (; n < 13; n++) { // keyframes at 0, 5, 10: three pictures since the last one
                H264Encoder.Picture p = enc.encode(pattern.render(n, clock.instant()));
                tap.picture(new AccessUnit(n * 9000L, p.keyframe(), p.nals()));
                clock.advance(java.time.Duration.ofMillis(100));
            }
            assertEquals(0, tap.fragmentsBuilt(), "nobody watches: no fragment built");
            Recording viewer = new Recording();
            AutoCloseable watching = tap.watch(viewer);
            assertEquals(3, viewer.pictures.size(), "the pictures since the keyframe, built when the viewer came");
            assertEquals(3, tap.fragmentsBuilt());
            assertEquals(10 * 9000L, tfdt(viewer.pictures.get(0)), "built with the decode time they had");
            for (; n < 16; n++) {
                H264Encoder.Picture p = enc.encode(pattern.render(n, clock.instant()));
                tap.picture(new AccessUnit(n * 9000L, p.keyframe(), p.nals()));
            }
            assertEquals(6, viewer.pictures.size());
            assertEquals(6, tap.fragmentsBuilt(), "one fragment per picture while watched");
            watching.close();
            for (; n < 20; n++) {
                H264Encoder.Picture p = enc.encode(pattern.render(n, clock.instant()));
                tap.picture(new AccessUnit(n * 9000L, p.keyframe(), p.nals()));
            }
            assertEquals(6, tap.fragmentsBuilt(), "the viewer left: no more fragments");
        }
    }
}
