package io.vigil.ingest.recording;

import io.vigil.ingest.fmp4.Segment;
import io.vigil.ingest.codec.AccessUnit;
import io.vigil.ingest.codec.H264RecoveryPoint;
import io.vigil.ingest.codec.SdpParameterSets;
import io.vigil.ingest.codec.VideoCodec;
import io.vigil.ingest.fmp4.Segmenter;

import static io.vigil.ingest.recording.OpenGopChecks.FRAME;
import static io.vigil.ingest.recording.OpenGopChecks.FRAMES;
import static io.vigil.ingest.recording.OpenGopChecks.SOURCE;
import static io.vigil.ingest.recording.OpenGopChecks.WALL;
import static io.vigil.ingest.recording.OpenGopChecks.shown;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
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
    @TempDir
    Path dir;
    private OpenGopChecks gop;

    @BeforeEach
    void checks() {
        gop = new OpenGopChecks(dir, VideoCodec.H264, "h264", H264OpenGopTest::checkLeading, H264OpenGopTest::checkAloneMessages);
    }

    @Test
    void openGopWithBFrames() throws Exception {
        // keyint 24 (1 s) with mini-GOPs of 4: each keyframe after the first is an I picture
        // with a recovery point SEI, followed by the three B pictures shown before it
        FfmpegRtp.Capture cap = capture("open-gop=1:bframes=3:b-adapt=0:keyint=24:min-keyint=24:scenecut=0");
        List<AccessUnit> aus = AggregationAndFragmentationTest.depacketize(VideoCodec.H264, cap.packets());
        assertEquals(1, gop.count(aus, 5), "the encoder sent one IDR");
        assertEquals(9, recoveryPoints(aus), "and nine I pictures with a recovery point SEI");
        List<Segment> segments = MediaPipeline.run(cap, Duration.ofSeconds(2));
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
        assertEquals(1, gop.count(aus, 5), "one IDR");
        assertTrue(recoveryPoints(aus) >= 4, "recovery point I pictures: " + recoveryPoints(aus));
        List<Segment> segments = MediaPipeline.run(cap, Duration.ofSeconds(2));
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
        assertEquals(10, gop.count(aus, 5));
        assertEquals(0, recoveryPoints(aus));
        List<Segment> segments = MediaPipeline.run(cap, Duration.ofSeconds(2));
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

        List<Segment> segments = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Segmenter segmenter = new Segmenter(Duration.ofSeconds(2), Segmenter.UNBOUNDED_TIME, () -> WALL, segments::add, (k, m) -> problems.add(k + ": " + m));
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
        gop.ignoreMessages("\\[\\w+ @ 0x[0-9a-f]+\\] SEI type 6 size 800 truncated at 8"); // ffmpeg reads the damaged SEI too

        List<Segment> segments = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Segmenter segmenter = new Segmenter(Duration.ofSeconds(2), Segmenter.UNBOUNDED_TIME, () -> WALL, segments::add, (k, m) -> problems.add(k));
        segmenter.startSession(VideoCodec.H264, SdpParameterSets.from(cap.track(), VideoCodec.H264));
        for (AccessUnit au : aus) segmenter.accept(au, System.nanoTime());
        segmenter.endSession();
        assertEquals(List.of("malformed-sei"), problems);
        assertEquals(0, segmenter.framesDropped());
        // that I picture is not taken as a keyframe: the first segment runs on to the next one (3 s)
        assertEquals(List.of(69, 48, 48, 48, 27), segments.stream().map(Segment::frames).toList());
        assertEquals(List.of(0, 3, 3, 3, 3), check(segments, shown(aus, aus)));
    }

    /**
     * The checks shared with H.265 ({@link OpenGopChecks#check}), then what is particular to
     * H.264 here: segments of 1.8-3.2 s, and every picture a segment shows alone is the
     * right source picture (x264's B-pyramid makes that worth checking per segment).
     *
     * @param shown the source pictures the concatenation must show, in order
     * @return per segment, how many of its pictures it does not show when played alone
     */
    private List<Integer> check(List<Segment> segments, List<Integer> shown) throws Exception {
        List<Integer> skippedAlone = gop.check(segments, shown);
        for (int i = 0; i < segments.size() - 1; i++) {
            Segment s = segments.get(i);
            long ms = s.end().toEpochMilli() - s.start().toEpochMilli();
            assertTrue(ms >= 1800 && ms <= 3200, "segment " + i + " lasts " + ms + " ms");
        }
        // each segment alone shows the right pictures too (found by presentation time)
        long firstShown = Ffprobe.framePts(gop.concatenation()).get(0);
        GrayFrames source = gop.source();
        for (int i = 0; i < segments.size(); i++) {
            Path file = gop.segmentFile(i);
            GrayFrames decoded = gop.decode(file);
            List<Long> alonePts = Ffprobe.framePts(file);
            assertEquals(alonePts.size(), decoded.count());
            for (int k = 0; k < alonePts.size(); k++) {
                int source0 = shown.get((int) ((alonePts.get(k) - firstShown) / FRAME));
                double psnr = decoded.psnr(k, source, source0);
                assertTrue(psnr >= 25, "picture " + k + " of " + file + " alone (source " + source0 + "): " + Math.round(psnr) + " dB");
            }
        }
        return skippedAlone;
    }

    /**
     * A segment starts with a sync sample, an IDR or an I picture with a recovery point.
     * is_leading, worked out from the trun alone: after a sync sample that is an I picture
     * with a recovery point (slice type 1, not an IDR), the samples shown before it until
     * the first that is not.
     *
     * @return the leading pictures right after the segment's first sample, which it does not show alone
     */
    private static int checkLeading(int i, List<TrunSamples.Sample> samples) {
        TrunSamples.Sample key = samples.get(0);
        assertTrue((key.nalType() == 5 || key.nalType() == 1) && !key.nonSync(), "segment " + i + " starts with a sync sample: " + key);
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
        return unplayable;
    }

    private static void checkAloneMessages(Path file, TrunSamples.Sample first, String errors) {
        if (first.nalType() == 5) {
            assertEquals("", errors, "decoding " + file + " alone");
        } else {
            // A picture after the I picture (x264's B-pyramid reference, or a P picture)
            // carries a memory management operation releasing a picture of the previous
            // group of pictures, which a decoder starting at the I picture never had.
            // ffmpeg says so and goes on: it is the only message, the same one ffmpeg's
            // own segment muxer gets at these I pictures (docs/ingest.md), and every
            // picture shown is right (checked against the source in check).
            for (String line : errors.lines().toList()) {
                assertTrue(line.matches("\\[h264 @ 0x[0-9a-f]+\\] mmco: unref short failure"), "decoding " + file + " alone: " + errors);
            }
        }
    }

    private static long pts(List<TrunSamples.Sample> samples, int index) {
        long dts = 0;
        for (int k = 0; k < index; k++) dts += samples.get(k).duration();
        return dts + samples.get(index).compositionOffset();
    }

    private FfmpegRtp.Capture capture(String x264Params) throws Exception {
        return FfmpegRtp.capture(dir, SOURCE, FRAMES,
                List.of("-c:v", "libx264", "-preset", "ultrafast", "-x264-params", x264Params));
    }

    private static int recoveryPoints(List<AccessUnit> aus) {
        int n = 0;
        for (AccessUnit au : aus) if (H264RecoveryPoint.of(au.nals()).randomAccess()) n++;
        return n;
    }
}
