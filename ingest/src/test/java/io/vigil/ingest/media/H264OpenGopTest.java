package io.vigil.ingest.media;

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
 * H.264 open GOP from Debian's libx264 ({@code open-gop=1}) over RTP: only the first
 * keyframe is an IDR; the later ones are I pictures (non-IDR slices) announced by a
 * recovery point SEI, followed in decoding order by B pictures that are shown before them
 * and refer to the previous group of pictures. Before Vigil recognised them, such a
 * session became one segment growing in memory (measured: 240 pictures, 10 s, one
 * segment). Now segments close at about the target; each alone decodes without error
 * (the leading B pictures marked is_leading = 1, skipped by the decoder); their
 * concatenation shows every source picture once, in order, one frame apart.
 */
class H264OpenGopTest {
    private static final String SOURCE = "testsrc2=size=320x240:rate=24";
    /** One picture at 24 frames/s in 90 kHz ticks. */
    private static final long FRAME = 3750;
    private static final long WALL = 1_700_000_000_000L;
    private static final int FRAMES = 240;

    @TempDir
    Path dir;

    @Test
    void openGopWithBFrames() throws Exception {
        // keyint 24 (1 s) with mini-GOPs of 4: each keyframe after the first is an I picture
        // with a recovery point SEI, followed by the three B pictures shown before it
        FfmpegRtp.Capture cap = capture("open-gop=1:bframes=3:b-adapt=0:keyint=24:min-keyint=24:scenecut=0");
        List<AccessUnit> aus = AggregationAndFragmentationTest.depacketize(VideoCodec.H264, cap.packets());
        assertEquals(1, count(aus, 5), "the encoder sent one IDR");
        assertEquals(9, recoveryPoints(aus), "and nine I pictures with a recovery point SEI");
        List<Segmenter.Segment> segments = MediaPipeline.run(cap, Duration.ofSeconds(2));
        assertEquals(5, segments.size(), "segments of about 2 s (before: one of 10 s)");
        assertEquals(List.of(0, 3, 3, 3, 3), check(segments, shown(aus, aus)),
                "pictures not shown when a segment plays alone: the leading B pictures of segments 1-4");
    }

    @Test
    void libx264DefaultsWithOpenGop() throws Exception {
        // the medium preset (adaptive B-frames up to 3, B-pyramid) with open GOP and a keyframe every 2 s
        FfmpegRtp.Capture cap = FfmpegRtp.capture(dir, SOURCE, FRAMES,
                List.of("-c:v", "libx264", "-x264-params", "open-gop=1:keyint=48"));
        List<AccessUnit> aus = AggregationAndFragmentationTest.depacketize(VideoCodec.H264, cap.packets());
        assertEquals(1, count(aus, 5), "one IDR");
        assertTrue(recoveryPoints(aus) >= 4, "recovery point I pictures: " + recoveryPoints(aus));
        List<Segmenter.Segment> segments = MediaPipeline.run(cap, Duration.ofSeconds(2));
        assertTrue(segments.size() >= 4, "segments: " + segments.size());
        List<Integer> skipped = check(segments, shown(aus, aus));
        assertEquals(0, skipped.get(0), "the first segment starts with the stream's IDR");
    }

    @Test
    void openGopWithoutBFramesIsSentAsIdrPictures() throws Exception {
        // x264 ignores open-gop without B-frames (an I picture without leading pictures is
        // as good as an IDR): every keyframe is an IDR, cut as before
        FfmpegRtp.Capture cap = capture("open-gop=1:bframes=0:keyint=24:min-keyint=24:scenecut=0");
        List<AccessUnit> aus = AggregationAndFragmentationTest.depacketize(VideoCodec.H264, cap.packets());
        assertEquals(10, count(aus, 5));
        assertEquals(0, recoveryPoints(aus));
        List<Segmenter.Segment> segments = MediaPipeline.run(cap, Duration.ofSeconds(2));
        assertEquals(List.of(0, 0, 0, 0, 0), check(segments, shown(aus, aus)));
    }

    @Test
    void sessionJoiningAtARecoveryPointDropsItsLeadingPictures() throws Exception {
        // as when Vigil connects in the middle of a group of pictures: the first keyframe it
        // gets is an I picture whose leading B pictures refer to pictures it never received
        FfmpegRtp.Capture cap = capture("open-gop=1:bframes=3:b-adapt=0:keyint=24:min-keyint=24:scenecut=0");
        List<AccessUnit> aus = AggregationAndFragmentationTest.depacketize(VideoCodec.H264, cap.packets());
        int from = -1;
        for (int i = 1; i < aus.size() && from < 0; i++) if (H264RecoveryPoint.of(aus.get(i).nals()).randomAccess()) from = i;
        assertTrue(from > 0, "a recovery point after the IDR");
        int leading = 0;
        for (int i = from + 1; i < aus.size() && aus.get(i).timestamp() < aus.get(from).timestamp(); i++) leading++;
        assertEquals(3, leading, "B pictures after the I picture that are shown before it");

        List<Segmenter.Segment> segments = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Segmenter segmenter = new Segmenter(Duration.ofSeconds(2), () -> WALL, segments::add, (k, m) -> problems.add(k + ": " + m));
        segmenter.startSession(VideoCodec.H264, SdpParameterSets.from(cap.track(), VideoCodec.H264));
        for (AccessUnit au : aus.subList(from, aus.size())) segmenter.accept(au, System.nanoTime());
        segmenter.endSession();
        assertEquals(List.of(), problems);
        assertEquals(leading, segmenter.framesDropped(), "the leading pictures of the session's first keyframe are not stored");
        TrunSamples.Sample first = TrunSamples.of(segments.get(0).fmp4(), VideoCodec.H264).get(0);
        assertEquals(1, first.nalType(), "the session's first segment starts with the I picture (not an IDR)");
        List<AccessUnit> kept = new ArrayList<>(aus.subList(from, aus.size()));
        kept.subList(1, 1 + leading).clear();
        assertEquals(List.of(0, 3, 3, 3, 3), check(segments, shown(aus, kept)));
    }

    @Test
    void malformedRecoverySeiIsCountedAndTheStreamRecordedOn() throws Exception {
        FfmpegRtp.Capture cap = capture("open-gop=1:bframes=3:b-adapt=0:keyint=24:min-keyint=24:scenecut=0");
        List<AccessUnit> aus = new ArrayList<>(AggregationAndFragmentationTest.depacketize(VideoCodec.H264, cap.packets()));
        // the recovery point SEI of the keyframe at 2 s claims a payload longer than its NAL unit
        int at = -1;
        for (int i = 0; i < aus.size() && at < 0; i++) {
            if (H264RecoveryPoint.of(aus.get(i).nals()).randomAccess() && aus.get(i).timestamp() - aus.get(0).timestamp() == 48 * FRAME) at = i;
        }
        assertTrue(at > 0);
        List<byte[]> nals = new ArrayList<>();
        for (byte[] nal : aus.get(at).nals()) nals.add((nal[0] & 0x1F) == 6 ? new byte[] {6, 6, 100, (byte) 0x80} : nal);
        aus.set(at, new AccessUnit(aus.get(at).timestamp(), false, nals));
        injected = "\\[\\w+ @ 0x[0-9a-f]+\\] SEI type 6 size 800 truncated at 8"; // ffmpeg reads the damaged SEI too

        List<Segmenter.Segment> segments = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Segmenter segmenter = new Segmenter(Duration.ofSeconds(2), () -> WALL, segments::add, (k, m) -> problems.add(k));
        segmenter.startSession(VideoCodec.H264, SdpParameterSets.from(cap.track(), VideoCodec.H264));
        for (AccessUnit au : aus) segmenter.accept(au, System.nanoTime());
        segmenter.endSession();
        assertEquals(List.of("malformed-sei"), problems);
        assertEquals(0, segmenter.framesDropped());
        // that I picture is not taken as a keyframe: the first segment runs on to the next one (3 s)
        assertEquals(List.of(69, 48, 48, 48, 27), segments.stream().map(Segmenter.Segment::frames).toList());
        assertEquals(List.of(0, 3, 3, 3, 3), check(segments, shown(aus, aus)));
    }

    /**
     * Checks each segment alone and their concatenation (first init, then every moof + mdat,
     * as the viewer assembles them) with ffprobe and ffmpeg.
     *
     * @param shown the source pictures the concatenation must show, in order
     * @return per segment, how many of its pictures it does not show when played alone
     */
    private List<Integer> check(List<Segmenter.Segment> segments, List<Integer> shown) throws Exception {
        ByteArrayOutputStream concat = new ByteArrayOutputStream();
        List<Integer> skippedAlone = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < segments.size(); i++) {
            Segmenter.Segment s = segments.get(i);
            byte[] bytes = s.fmp4();
            Path file = dir.resolve("seg" + i + ".mp4");
            Files.write(file, bytes);
            List<TrunSamples.Sample> samples = TrunSamples.of(bytes, VideoCodec.H264);
            assertEquals(s.frames(), samples.size());
            TrunSamples.Sample key = samples.get(0);
            assertTrue((key.nalType() == 5 || key.nalType() == 1) && !key.nonSync(), "segment " + i + " starts with a sync sample: " + key);
            // is_leading, worked out from the trun alone: after a sync sample that is an I
            // picture with a recovery point (slice type 1, not an IDR), the samples shown
            // before it until the first that is not
            long dts = 0;
            long recoveryPts = Long.MIN_VALUE;
            boolean leadingRun = false;
            int unplayable = 0;
            for (int k = 0; k < samples.size(); k++) {
                TrunSamples.Sample sample = samples.get(k);
                long pts = dts + sample.compositionOffset();
                dts += sample.duration();
                boolean expectLeading;
                if (!sample.nonSync()) {
                    recoveryPts = sample.nalType() == 1 ? pts : Long.MIN_VALUE;
                    leadingRun = true;
                    expectLeading = false;
                } else {
                    expectLeading = leadingRun && pts < recoveryPts;
                    if (!expectLeading) leadingRun = false;
                }
                assertEquals(expectLeading ? 1 : 0, sample.isLeading(), "is_leading of sample " + k + " " + sample + " in segment " + i);
                if (expectLeading && k <= unplayable + 1 && recoveryPts == pts(samples, 0)) unplayable++;
            }
            skippedAlone.add(unplayable);

            Ffprobe.Stream probe = Ffprobe.probe(file);
            assertEquals("h264", probe.codec());
            assertEquals(samples.size() - unplayable, probe.frames(), "pictures decoded from " + file + " alone");
            String errors = withoutInjected(Ffprobe.decodeErrors(file));
            if (key.nalType() == 5) {
                assertEquals("", errors, "decoding " + file + " alone");
            } else {
                // A picture after the I picture (x264's B-pyramid reference, or a P picture)
                // carries a memory management operation releasing a picture of the previous
                // group of pictures, which a decoder starting at the I picture never had.
                // ffmpeg says so and goes on: it is the only message, the same one ffmpeg's
                // own segment muxer gets at these I pictures (docs/ingest.md), and every
                // picture shown is right (checked against the source below).
                for (String line : errors.lines().toList()) {
                    assertTrue(line.matches("\\[h264 @ 0x[0-9a-f]+\\] mmco: unref short failure"), "decoding " + file + " alone: " + errors);
                }
            }
            files.add(file);
            assertTrue(s.start().isBefore(s.end()), s.start() + " - " + s.end());
            if (i > 0) assertEquals(segments.get(i - 1).end(), s.start(), "segment " + i + " starts where the previous one ended");
            long seconds = s.end().toEpochMilli() - s.start().toEpochMilli();
            if (i < segments.size() - 1) assertTrue(seconds >= 1800 && seconds <= 3200, "segment " + i + " lasts " + seconds + " ms");
            concat.write(i == 0 ? bytes : MediaPipeline.withoutInit(bytes));
        }
        Path all = dir.resolve("all.mp4");
        Files.write(all, concat.toByteArray());
        assertEquals("", withoutInjected(Ffprobe.decodeErrors(all)), "decoding the concatenation");
        assertEquals(shown.size(), Ffprobe.probe(all).frames(), "pictures decoded from the concatenation");
        List<Long> framePts = Ffprobe.framePts(all);
        assertEquals(shown.size(), framePts.size());
        for (int k = 1; k < framePts.size(); k++) {
            assertEquals(FRAME, framePts.get(k) - framePts.get(k - 1), "picture " + k + " of the concatenation is shown one frame after the one before");
        }
        assertShowsSource(all, shown);
        // each segment alone shows the right pictures too (found by presentation time)
        GrayFrames source = GrayFrames.source(SOURCE, FRAMES, 320, 240, dir);
        for (Path file : files) {
            GrayFrames decoded = GrayFrames.decode(file, 320, 240, dir);
            List<Long> alonePts = Ffprobe.framePts(file);
            assertEquals(alonePts.size(), decoded.count());
            for (int k = 0; k < alonePts.size(); k++) {
                int source0 = shown.get((int) ((alonePts.get(k) - framePts.get(0)) / FRAME));
                double psnr = decoded.psnr(k, source, source0);
                assertTrue(psnr >= 25, "picture " + k + " of " + file + " alone (source " + source0 + "): " + Math.round(psnr) + " dB");
            }
        }
        long wall = segments.get(segments.size() - 1).end().toEpochMilli() - segments.get(0).start().toEpochMilli();
        assertEquals(shown.size() * FRAME / 90, wall, 1, "the segments' wall-clock intervals add up to the pictures' time");
        return skippedAlone;
    }

    /** A decoder message about damage a test put into the stream itself, or null. */
    private String injected;

    private String withoutInjected(String errors) {
        if (injected == null) return errors;
        return String.join("\n", errors.lines().filter(l -> !l.matches(injected)).toList());
    }

    private static long pts(List<TrunSamples.Sample> samples, int index) {
        long dts = 0;
        for (int k = 0; k < index; k++) dts += samples.get(k).duration();
        return dts + samples.get(index).compositionOffset();
    }

    /** Each picture {@code video} shows is the source picture expected there, not one decoded against wrong references. */
    private void assertShowsSource(Path video, List<Integer> expected) throws Exception {
        GrayFrames source = GrayFrames.source(SOURCE, FRAMES, 320, 240, dir);
        GrayFrames decoded = GrayFrames.decode(video, 320, 240, dir);
        assertEquals(expected.size(), decoded.count(), "pictures decoded from " + video);
        List<String> wrong = new ArrayList<>();
        for (int k = 0; k < expected.size(); k++) {
            double psnr = decoded.psnr(k, source, expected.get(k));
            if (psnr < 25) wrong.add("picture " + k + " (source " + expected.get(k) + "): " + Math.round(psnr) + " dB");
        }
        assertEquals(List.of(), wrong, "pictures of " + video + " unlike the source");
    }

    /** The source indices of {@code fed} in display order (the RTP timestamps tell them). */
    static List<Integer> shown(List<AccessUnit> all, List<AccessUnit> fed) {
        long first = all.stream().mapToLong(AccessUnit::timestamp).min().orElseThrow();
        return fed.stream().map(au -> (int) ((au.timestamp() - first) / FRAME)).sorted().toList();
    }

    private FfmpegRtp.Capture capture(String x264Params) throws Exception {
        return FfmpegRtp.capture(dir, SOURCE, FRAMES,
                List.of("-c:v", "libx264", "-preset", "ultrafast", "-x264-params", x264Params));
    }

    private static int count(List<AccessUnit> aus, int type) {
        int n = 0;
        for (AccessUnit au : aus) if (VideoCodec.H264.pictureType(au.nals()) == type) n++;
        return n;
    }

    private static int recoveryPoints(List<AccessUnit> aus) {
        int n = 0;
        for (AccessUnit au : aus) if (H264RecoveryPoint.of(au.nals()).randomAccess()) n++;
        return n;
    }
}
