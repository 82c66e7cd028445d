package io.vigil.ingest.recording;

import io.vigil.ingest.fmp4.Segment;
import io.vigil.ingest.codec.AccessUnit;
import io.vigil.ingest.codec.SdpParameterSets;
import io.vigil.ingest.codec.VideoCodec;
import io.vigil.ingest.fmp4.Segmenter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stream without keyframes for a long time (huge keyint, a broken camera) used to grow
 * one pending segment without limit (measured: libx264 keyint=100000, 240 pictures, one
 * segment of all of them). Now a segment is stored when it reaches its cap, and the
 * pictures until the next keyframe are dropped and counted: every stored segment still
 * starts at a keyframe and plays alone.
 */
class SegmentCapTest {
    private static final String SOURCE = "testsrc2=size=320x240:rate=24";
    private static final long FRAME = 3750;

    @TempDir
    Path dir;

    @Test
    void segmentClosedAtItsTimeCapAndPicturesDroppedUntilTheNextKeyframe() throws Exception {
        // an IDR every 5 s, a 1 s target and a 3 s cap: [0, 3 s) stored, (3, 5 s) dropped, ...
        FfmpegRtp.Capture cap = capture(List.of("-bf", "0", "-x264-params", "keyint=120:min-keyint=120:scenecut=0"));
        Run run = run(cap, Duration.ofSeconds(1), 3 * 90_000L, Long.MAX_VALUE);
        assertEquals(List.of(72, 72), run.frames());
        assertEquals(96, run.segmenter.framesDropped(), "pictures from 3 s to 5 s and from 8 s to 10 s");
        assertEquals(List.of("no-keyframe", "no-keyframe"), run.problemKinds());
        assertTrue(run.problems.get(0).contains("no keyframe for 3000 ms"), run.problems.get(0));
        List<Integer> expected = new ArrayList<>();
        for (int k = 0; k < 72; k++) expected.add(k);
        for (int k = 120; k < 192; k++) expected.add(k);
        checkPlayable(run, expected);
    }

    @Test
    void withBFramesTheCapCutsInsideAMiniGop() throws Exception {
        FfmpegRtp.Capture cap = capture(List.of("-bf", "2", "-x264-params", "keyint=120:min-keyint=120:scenecut=0:b-adapt=0"));
        Run run = run(cap, Duration.ofSeconds(1), 3 * 90_000L, Long.MAX_VALUE);
        assertEquals(2, run.segments.size());
        assertEquals(240, run.segments.stream().mapToInt(Segment::frames).sum() + run.segmenter.framesDropped());
        // stored: the pictures of each segment, in presentation order, as the RTP timestamps say
        List<Integer> expected = new ArrayList<>();
        for (Segment s : run.segments) {
            List<TrunSamples.Sample> samples = TrunSamples.of(s.fmp4(), VideoCodec.H264);
            assertEquals(5, samples.get(0).nalType(), "starts with the IDR");
            assertTrue(!samples.get(0).nonSync());
        }
        for (AccessUnit au : run.stored) expected.add((int) ((au.timestamp() - run.firstTs) / FRAME));
        checkPlayable(run, expected.stream().sorted().toList());
    }

    @Test
    void segmentClosedAtItsByteCap() throws Exception {
        FfmpegRtp.Capture cap = capture(List.of("-bf", "0", "-x264-params", "keyint=120:min-keyint=120:scenecut=0"));
        long capBytes = 200 * 1024;
        Run run = run(cap, Duration.ofSeconds(1), Long.MAX_VALUE, capBytes);
        assertTrue(run.segments.size() >= 2, "segments: " + run.frames());
        for (Segment s : run.segments) {
            assertTrue(s.bytes() <= capBytes + 2048, s.bytes() + " bytes (cap " + capBytes + " plus the boxes)");
            assertTrue(s.frames() < 120, "closed before the next IDR: " + s.frames());
        }
        assertTrue(run.problemKinds().contains("no-keyframe"));
        List<Integer> expected = new ArrayList<>();
        for (AccessUnit au : run.stored) expected.add((int) ((au.timestamp() - run.firstTs) / FRAME));
        checkPlayable(run, expected);
    }

    @Test
    void defaultCapIsThirtySecondsForTwoSecondSegments() throws Exception {
        // one IDR, then 35 s of P pictures: the recorder's own settings
        FfmpegRtp.Capture cap = FfmpegRtp.capture(dir, "testsrc2=size=160x120:rate=24", 840,
                List.of("-c:v", "libx264", "-preset", "ultrafast", "-bf", "0", "-x264-params", "keyint=infinite:scenecut=0"));
        List<AccessUnit> aus = AggregationAndFragmentationTest.depacketize(VideoCodec.H264, cap.packets());
        List<Segment> segments = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Segmenter segmenter = new Segmenter(Duration.ofSeconds(2), Segmenter.UNBOUNDED_TIME, () -> 1_700_000_000_000L, segments::add, (k, m) -> problems.add(k));
        segmenter.startSession(VideoCodec.H264, SdpParameterSets.from(cap.track(), VideoCodec.H264));
        for (AccessUnit au : aus) segmenter.accept(au, System.nanoTime());
        assertEquals(1, segments.size(), "stored at the cap, before the session ends");
        assertEquals(720, segments.get(0).frames(), "30 s at 24 frames/s");
        assertEquals(Duration.ofSeconds(30), Duration.between(segments.get(0).start(), segments.get(0).end()));
        assertEquals(120, segmenter.framesDropped());
        assertEquals(List.of("no-keyframe"), problems, "said once; the dropped pictures are counted");
        segmenter.endSession();
        assertEquals(1, segments.size(), "nothing pending at the end: the pictures after the cap were dropped");
    }

    private record Run(Segmenter segmenter, List<Segment> segments, List<String> problems, List<AccessUnit> stored, long firstTs) {
        List<Integer> frames() {
            return segments.stream().map(Segment::frames).toList();
        }

        List<String> problemKinds() {
            return problems.stream().map(p -> p.substring(0, p.indexOf(':'))).toList();
        }
    }

    private Run run(FfmpegRtp.Capture cap, Duration target, long capTicks, long capBytes) throws Exception {
        List<AccessUnit> aus = AggregationAndFragmentationTest.depacketize(VideoCodec.H264, cap.packets());
        List<Segment> segments = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Segmenter segmenter = new Segmenter(target, capTicks, capBytes, Segmenter.UNBOUNDED_TIME, () -> 1_700_000_000_000L, segments::add,
                (k, m) -> problems.add(k + ": " + m));
        segmenter.startSession(VideoCodec.H264, SdpParameterSets.from(cap.track(), VideoCodec.H264));
        // which pictures are stored: those fed while the count of dropped ones does not move
        List<AccessUnit> stored = new ArrayList<>();
        for (AccessUnit au : aus) {
            long before = segmenter.framesDropped();
            segmenter.accept(au, System.nanoTime());
            if (segmenter.framesDropped() == before) stored.add(au);
        }
        segmenter.endSession();
        long first = aus.stream().mapToLong(AccessUnit::timestamp).min().orElseThrow();
        return new Run(segmenter, segments, problems, stored, first);
    }

    /** Every segment alone and all of them joined decode cleanly and show the {@code expected} source pictures. */
    private void checkPlayable(Run run, List<Integer> expected) throws Exception {
        ByteArrayOutputStream concat = new ByteArrayOutputStream();
        int stored = 0;
        for (int i = 0; i < run.segments.size(); i++) {
            Segment s = run.segments.get(i);
            Path file = dir.resolve("cap" + i + ".mp4");
            Files.write(file, s.fmp4());
            assertEquals("", Ffprobe.decodeErrors(file), "decoding " + file + " alone");
            assertEquals(s.frames(), Ffprobe.probe(file).frames(), "pictures of " + file + " alone");
            if (i > 0) assertTrue(!s.start().isBefore(run.segments.get(i - 1).end()));
            stored += s.frames();
            concat.write(i == 0 ? s.fmp4() : MediaPipeline.withoutInit(s.fmp4()));
        }
        assertEquals(expected.size(), stored);
        Path all = dir.resolve("cap-all.mp4");
        Files.write(all, concat.toByteArray());
        assertEquals("", Ffprobe.decodeErrors(all), "decoding the segments joined");
        GrayFrames source = GrayFrames.source(SOURCE, 240, 320, 240, dir);
        GrayFrames decoded = GrayFrames.decode(all, 320, 240, dir);
        assertEquals(expected.size(), decoded.count());
        List<String> wrong = new ArrayList<>();
        for (int k = 0; k < expected.size(); k++) {
            double psnr = decoded.psnr(k, source, expected.get(k));
            if (psnr < 25) wrong.add("picture " + k + " (source " + expected.get(k) + "): " + Math.round(psnr) + " dB");
        }
        assertEquals(List.of(), wrong);
    }

    private FfmpegRtp.Capture capture(List<String> x264) throws Exception {
        List<String> args = new ArrayList<>(List.of("-c:v", "libx264", "-preset", "ultrafast"));
        args.addAll(x264);
        return FfmpegRtp.capture(dir, SOURCE, 240, args);
    }
}
