package io.vigil.ingest.recording;

import io.vigil.ingest.fmp4.Segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
        Ffprobe.Stream probe = Ffprobe.probeSegmentsInTurn(dir, segments, "h264", 640, 360, 150);
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
