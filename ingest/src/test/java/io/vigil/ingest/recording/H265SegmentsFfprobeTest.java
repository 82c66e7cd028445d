package io.vigil.ingest.recording;

import io.vigil.ingest.fmp4.Segment;
import io.vigil.ingest.codec.SdpParameterSets;
import io.vigil.ingest.codec.VideoCodec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** H.265 from Debian's ffmpeg (libx265) over RTP through depacketizer and segmenter, checked by ffprobe. */
class H265SegmentsFfprobeTest {
    @TempDir
    Path dir;

    @Test
    void ffmpegH265RtpBecomesSegmentsFfprobeAccepts() throws Exception {
        FfmpegRtp.Capture cap = FfmpegRtp.capture(dir, "testsrc2=size=640x360:rate=25", 100,
                List.of("-c:v", "libx265", "-preset", "ultrafast", "-x265-params", "bframes=0:keyint=25:min-keyint=25:scenecut=0:log-level=error"));
        assertEquals("H265", cap.track().encoding());
        List<Segment> segments = MediaPipeline.run(cap, Duration.ofSeconds(2));
        assertEquals(2, segments.size(), "segments");
        Ffprobe.Stream probe = Ffprobe.probeSegmentsInTurn(dir, segments, "hevc", 640, 360, 100);
        assertEquals(4.0, probe.duration(), 0.1);
    }

    @Test
    void croppedH265SizeComesFromTheConformanceWindow() throws Exception {
        // 360 is not a multiple of the 8/16-pixel coding block: the SPS codes 368 and crops 8
        FfmpegRtp.Capture cap = FfmpegRtp.capture(dir, "testsrc2=size=480x270:rate=25", 25,
                List.of("-c:v", "libx265", "-preset", "ultrafast", "-x265-params", "bframes=0:keyint=25:log-level=error"));
        List<Segment> segments = MediaPipeline.run(cap, Duration.ofSeconds(2));
        assertTrue(!segments.isEmpty());
        assertEquals(480, segments.get(0).config().width());
        assertEquals(270, segments.get(0).config().height());
        Path file = dir.resolve("crop.mp4");
        Files.write(file, segments.get(0).fmp4());
        Ffprobe.Stream probe = Ffprobe.probe(file);
        assertEquals(480, probe.width());
        assertEquals(270, probe.height());
    }

    @Test
    void h265ParameterSetsFromTheSdp() throws Exception {
        // global_header: VPS/SPS/PPS go to sprop-vps/sprop-sps/sprop-pps
        FfmpegRtp.Capture cap = FfmpegRtp.capture(dir, "testsrc2=size=320x240:rate=25", 25,
                List.of("-c:v", "libx265", "-preset", "ultrafast", "-flags", "+global_header",
                        "-x265-params", "bframes=0:keyint=25:log-level=error"));
        assertTrue(cap.track().fmtp().containsKey("sprop-sps"), cap.track().toString());
        assertEquals(3, SdpParameterSets.from(cap.track(), VideoCodec.H265).size());
        List<Segment> segments = MediaPipeline.run(cap, Duration.ofSeconds(2));
        assertTrue(!segments.isEmpty());
        Path file = dir.resolve("sdp265.mp4");
        Files.write(file, segments.get(0).fmp4());
        Ffprobe.Stream probe = Ffprobe.probe(file);
        assertEquals("hevc", probe.codec());
        assertEquals(320, probe.width());
        assertEquals(25, probe.frames(), 1);
    }
}
