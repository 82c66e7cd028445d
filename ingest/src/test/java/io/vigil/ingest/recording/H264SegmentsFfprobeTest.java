package io.vigil.ingest.recording;

import io.vigil.ingest.fmp4.Segment;
import io.vigil.ingest.fmp4.Segmenter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** H.264 from Debian's ffmpeg (libx264) over RTP through depacketizer and segmenter, checked by ffprobe. */
class H264SegmentsFfprobeTest {
    @TempDir
    Path dir;

    @Test
    void ffmpegH264RtpBecomesSegmentsFfprobeAccepts() throws Exception {
        FfmpegRtp.Capture cap = FfmpegRtp.capture(dir, "testsrc2=size=640x360:rate=25", 150,
                List.of("-c:v", "libx264", "-preset", "ultrafast", "-bf", "0", "-g", "25"));
        assertEquals("H264", cap.track().encoding());
        List<Segment> segments = MediaPipeline.run(cap, Duration.ofSeconds(2));

        // 150 frames at 25 fps, a keyframe every second, 2 s target: 3 segments of 50 frames
        assertEquals(3, segments.size(), "segments");
        ByteArrayOutputStream concat = new ByteArrayOutputStream();
        int total = 0;
        for (int i = 0; i < segments.size(); i++) {
            Segment s = segments.get(i);
            Path file = dir.resolve("seg" + i + ".mp4");
            Files.write(file, s.fmp4());
            Ffprobe.Stream probe = Ffprobe.probe(file);
            assertEquals("h264", probe.codec());
            assertEquals(640, probe.width());
            assertEquals(360, probe.height());
            assertEquals(s.frames(), probe.frames(), 1, "frames in " + file);
            assertEquals(s.frames() / 25.0, probe.duration(), 0.05, "duration of " + file);
            assertEquals(total / 25.0, probe.start(), 0.05, "tfdt of " + file + " continues the previous segment");
            total += s.frames();
            if (i == 0) concat.write(s.fmp4());
            else concat.write(MediaPipeline.withoutInit(s.fmp4()));
        }
        assertEquals(150, total, 1);
        Path all = dir.resolve("all.mp4");
        Files.write(all, concat.toByteArray());
        Ffprobe.Stream probe = Ffprobe.probe(all);
        assertEquals("h264", probe.codec());
        assertEquals(150, probe.frames(), 1);
        assertEquals(6.0, probe.duration(), 0.1);
    }

    @Test
    void parameterSetsFromSdpAloneAreEnough() throws Exception {
        // global_header puts SPS/PPS in the SDP's sprop-parameter-sets and not in-band
        FfmpegRtp.Capture cap = FfmpegRtp.capture(dir, "testsrc2=size=320x240:rate=25", 50,
                List.of("-c:v", "libx264", "-preset", "ultrafast", "-bf", "0", "-g", "25", "-flags", "+global_header"));
        assertTrue(cap.track().fmtp().containsKey("sprop-parameter-sets"), cap.track().toString());
        List<Segment> segments = MediaPipeline.run(cap, Duration.ofSeconds(1));
        assertTrue(segments.size() >= 1);
        Path file = dir.resolve("sdp.mp4");
        Files.write(file, segments.get(0).fmp4());
        Ffprobe.Stream probe = Ffprobe.probe(file);
        assertEquals(320, probe.width());
        assertEquals(240, probe.height());
        assertEquals(segments.get(0).frames(), probe.frames(), 1);
    }
}
