package io.vigil.ingest.recording;

import io.vigil.ingest.fmp4.Segment;
import io.vigil.ingest.codec.AccessUnit;
import io.vigil.ingest.codec.VideoCodec;
import io.vigil.ingest.fmp4.Segmenter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Streams with B-frames (RTP timestamps out of decoding order, as ffmpeg's encoders send
 * by default): segments get composition offsets and still play whole.
 */
class BFramesTest {
    @TempDir
    Path dir;

    @Test
    void h264WithBFrames() throws Exception {
        check(FfmpegRtp.capture(dir, "testsrc2=size=320x240:rate=25", 100,
                List.of("-c:v", "libx264", "-preset", "veryfast", "-bf", "2", "-g", "25", "-sc_threshold", "0")), "h264");
    }

    @Test
    void h265WithBFrames() throws Exception {
        check(FfmpegRtp.capture(dir, "testsrc2=size=320x240:rate=25", 100,
                List.of("-c:v", "libx265", "-preset", "ultrafast", "-x265-params",
                        "bframes=3:keyint=25:min-keyint=25:scenecut=0:open-gop=0:log-level=error")), "hevc");
    }

    private void check(FfmpegRtp.Capture cap, String codec) throws Exception {
        List<AccessUnit> aus = AggregationAndFragmentationTest.depacketize(
                codec.equals("h264") ? VideoCodec.H264 : VideoCodec.H265, cap.packets());
        int backwards = 0;
        for (int i = 1; i < aus.size(); i++) if (aus.get(i).timestamp() < aus.get(i - 1).timestamp()) backwards++;
        assertTrue(backwards >= 10, "the encoder really sent B-frames (timestamps going back: " + backwards + ")");
        List<Segment> segments = MediaPipeline.run(cap, Duration.ofSeconds(2));
        assertEquals(2, segments.size());
        ByteArrayOutputStream concat = new ByteArrayOutputStream();
        for (int i = 0; i < segments.size(); i++) {
            Segment s = segments.get(i);
            assertEquals(50, s.frames());
            Path file = dir.resolve(codec + i + ".mp4");
            Files.write(file, s.fmp4());
            Ffprobe.Stream probe = Ffprobe.probe(file);
            assertEquals(codec, probe.codec());
            assertEquals(50, probe.frames(), 1, "frames decoded from " + file);
            assertTrue(Math.abs(probe.duration() - 2.0) <= 0.13, "duration " + probe.duration() + " of " + file + ": " + probe.raw());
            concat.write(i == 0 ? s.fmp4() : MediaPipeline.withoutInit(s.fmp4()));
        }
        Path all = dir.resolve(codec + "-all.mp4");
        Files.write(all, concat.toByteArray());
        Ffprobe.Stream probe = Ffprobe.probe(all);
        assertEquals(100, probe.frames(), 1);
        assertTrue(Math.abs(probe.duration() - 4.0) <= 0.13, "duration " + probe.duration());
    }
}
