package io.vigil.ingest.recording;

import io.vigil.ingest.fmp4.Segment;
import io.vigil.ingest.codec.AccessUnit;
import io.vigil.ingest.codec.SdpParameterSets;
import io.vigil.ingest.codec.VideoCodec;
import io.vigil.ingest.fmp4.Segmenter;

import static io.vigil.ingest.recording.OpenGopChecks.FRAMES;
import static io.vigil.ingest.recording.OpenGopChecks.SOURCE;
import static io.vigil.ingest.recording.OpenGopChecks.WALL;
import static io.vigil.ingest.recording.OpenGopChecks.shown;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * H.265 with leading pictures, from Debian's libx265 over RTP: open GOP (CRA keyframes
 * followed in decoding order by RASL pictures that are shown before them and refer to the
 * previous group of pictures) and IDR with RADL pictures. The segments concatenated as the
 * viewer plays them show every picture once, in order, with no hole in time; each segment
 * alone decodes without error, its RASL pictures marked as leading pictures that cannot
 * be decoded from its keyframe; wall-clock intervals meet without overlap and agree with
 * the presentation times.
 */
class H265OpenGopTest {
    @TempDir
    Path dir;
    private OpenGopChecks gop;

    @BeforeEach
    void checks() {
        gop = new OpenGopChecks(dir, VideoCodec.H265, "hevc", H265OpenGopTest::checkLeading, H265OpenGopTest::checkAloneMessages);
    }

    @Test
    void openGopWithBFrames() throws Exception {
        // keyint 24 (1 s) with mini-GOPs of 4: every CRA ends a mini-GOP, so the three
        // B-frames before it in display order come after it as RASL pictures; with 2 s
        // segments every other CRA starts a segment, the others sit inside one
        FfmpegRtp.Capture cap = capture("bframes=3:keyint=24:min-keyint=24:scenecut=0:open-gop=1");
        List<AccessUnit> aus = AggregationAndFragmentationTest.depacketize(VideoCodec.H265, cap.packets());
        assertTrue(gop.count(aus, 8, 9) >= 20, "the encoder really sent RASL pictures: " + gop.count(aus, 8, 9));
        assertTrue(gop.count(aus, 21) >= 9, "the encoder really sent CRA pictures: " + gop.count(aus, 21));
        List<Segment> segments = MediaPipeline.run(cap, Duration.ofSeconds(2));
        assertEquals(5, segments.size());
        assertEquals(List.of(0, 3, 3, 3, 3), check(segments, shown(aus, aus)),
                "pictures not shown when a segment plays alone: those of segments 1-4 start with a CRA and its 3 RASL pictures");
    }

    @Test
    void libx265Defaults() throws Exception {
        // what ffmpeg -c:v libx265 sends unless told otherwise (medium preset: open GOP,
        // adaptive B-frames up to 4, B-pyramid), with a keyframe every 2 s instead of 10
        FfmpegRtp.Capture cap = FfmpegRtp.capture(dir, SOURCE, FRAMES,
                List.of("-c:v", "libx265", "-x265-params", "keyint=48:log-level=error"));
        List<AccessUnit> aus = AggregationAndFragmentationTest.depacketize(VideoCodec.H265, cap.packets());
        assertTrue(gop.count(aus, 8, 9) >= 4 && gop.count(aus, 21) >= 4, "CRA and RASL pictures: " + gop.count(aus, 21) + ", " + gop.count(aus, 8, 9));
        List<Segment> segments = MediaPipeline.run(cap, Duration.ofSeconds(2));
        assertEquals(5, segments.size());
        List<Integer> skipped = check(segments, shown(aus, aus));
        assertEquals(0, skipped.get(0), "the first segment starts with the stream's IDR");
        for (int i = 1; i < skipped.size(); i++) assertTrue(skipped.get(i) > 0, "segment " + i + " starts with a CRA and its RASL pictures: " + skipped);
    }

    @Test
    void openGopWithoutBFrames() throws Exception {
        // CRA keyframes without reordering have no leading pictures: nothing to skip anywhere
        FfmpegRtp.Capture cap = capture("bframes=0:keyint=24:min-keyint=24:scenecut=0:open-gop=1");
        List<AccessUnit> aus = AggregationAndFragmentationTest.depacketize(VideoCodec.H265, cap.packets());
        assertTrue(gop.count(aus, 21) >= 9, "the encoder really sent CRA pictures: " + gop.count(aus, 21));
        List<Segment> segments = MediaPipeline.run(cap, Duration.ofSeconds(2));
        assertEquals(5, segments.size());
        assertEquals(List.of(0, 0, 0, 0, 0), check(segments, shown(aus, aus)));
    }

    @Test
    void idrWithRadlPicturesKeepsThemAsDecodable() throws Exception {
        FfmpegRtp.Capture cap = capture("bframes=3:keyint=24:min-keyint=24:scenecut=0:open-gop=0:radl=2");
        List<AccessUnit> aus = AggregationAndFragmentationTest.depacketize(VideoCodec.H265, cap.packets());
        assertTrue(gop.count(aus, 6, 7) >= 8, "the encoder really sent RADL pictures: " + gop.count(aus, 6, 7));
        assertTrue(gop.count(aus, 19) >= 9, "the encoder really sent IDR_W_RADL pictures: " + gop.count(aus, 19));
        List<Segment> segments = MediaPipeline.run(cap, Duration.ofSeconds(2));
        assertEquals(5, segments.size());
        assertEquals(List.of(0, 0, 0, 0, 0), check(segments, shown(aus, aus)), "RADL pictures decode in a segment alone");
    }

    @Test
    void sessionJoiningAtACraDropsTheRaslPicturesItCannotDecode() throws Exception {
        // as when Vigil connects to a camera in the middle of a group of pictures: the first
        // keyframe it gets is a CRA whose RASL pictures refer to pictures it never received
        FfmpegRtp.Capture cap = capture("bframes=3:keyint=24:min-keyint=24:scenecut=0:open-gop=1");
        List<AccessUnit> aus = AggregationAndFragmentationTest.depacketize(VideoCodec.H265, cap.packets());
        int from = -1;
        for (int i = 1; i < aus.size() && from < 0; i++) if (type(aus.get(i)) == 21) from = i;
        assertTrue(from > 0, "a CRA after the first IDR");
        int rasl = 0;
        for (int i = from + 1; i < aus.size() && (type(aus.get(i)) == 8 || type(aus.get(i)) == 9); i++) rasl++;
        assertEquals(3, rasl, "RASL pictures after the CRA the session starts with");

        List<Segment> segments = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Segmenter segmenter = new Segmenter(Duration.ofSeconds(2), Segmenter.UNBOUNDED_TIME, () -> WALL, segments::add, (k, m) -> problems.add(k + ": " + m));
        segmenter.startSession(VideoCodec.H265, SdpParameterSets.from(cap.track(), VideoCodec.H265));
        for (AccessUnit au : aus.subList(from, aus.size())) segmenter.accept(au, System.nanoTime());
        segmenter.endSession();
        assertEquals(List.of(), problems);
        assertEquals(rasl, segmenter.framesDropped(), "the RASL pictures of the session's first keyframe are not stored");
        assertEquals(21, TrunSamples.of(segments.get(0).fmp4()).get(0).nalType(), "the session's first segment starts with the CRA");
        List<AccessUnit> kept = new ArrayList<>(aus.subList(from, aus.size()));
        kept.subList(1, 1 + rasl).clear();
        assertEquals(List.of(0, 3, 3, 3, 3), check(segments, shown(aus, kept)),
                "nothing to skip in the first segment; the next ones start with a CRA whose RASL pictures the previous segment makes decodable");
    }

    @Test
    void reconnectInTheMiddleOfAGroupOfPicturesPlaysOnCleanlyAfterTheGap() throws Exception {
        // the camera's first session ends after 3 s of pictures (in the middle of the RASL
        // pictures of the CRA at 3 s); the next starts seconds later, at a CRA whose RASL
        // pictures refer to pictures lost in between. The viewer joins the
        // two sessions' segments (same init, decode time continuing), so a RASL picture kept
        // there would be decoded against the wrong pictures.
        FfmpegRtp.Capture cap = capture("bframes=3:keyint=24:min-keyint=24:scenecut=0:open-gop=1");
        List<AccessUnit> aus = AggregationAndFragmentationTest.depacketize(VideoCodec.H265, cap.packets());
        int from = -1;
        for (int i = 120; i < aus.size() && from < 0; i++) if (type(aus.get(i)) == 21) from = i;
        assertTrue(from > 0, "a CRA after the gap");
        List<Segment> segments = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Segmenter segmenter = new Segmenter(Duration.ofSeconds(2), Segmenter.UNBOUNDED_TIME, () -> WALL, segments::add, (k, m) -> problems.add(k + ": " + m));
        segmenter.startSession(VideoCodec.H265, SdpParameterSets.from(cap.track(), VideoCodec.H265));
        for (AccessUnit au : aus.subList(0, 72)) segmenter.accept(au, System.nanoTime());
        segmenter.endSession();
        int firstSession = segments.size();
        segmenter.startSession(VideoCodec.H265, SdpParameterSets.from(cap.track(), VideoCodec.H265));
        for (AccessUnit au : aus.subList(from, aus.size())) segmenter.accept(au, System.nanoTime());
        segmenter.endSession();
        assertEquals(List.of(), problems);
        assertEquals(3, segmenter.framesDropped(), "the RASL pictures of the second session's first CRA");

        ByteArrayOutputStream concat = new ByteArrayOutputStream();
        int stored = 0;
        for (int i = 0; i < segments.size(); i++) {
            byte[] bytes = segments.get(i).fmp4();
            stored += segments.get(i).frames();
            concat.write(i == 0 ? bytes : MediaPipeline.withoutInit(bytes));
        }
        Path all = dir.resolve("reconnect.mp4");
        Files.write(all, concat.toByteArray());
        assertEquals("", Ffprobe.decodeErrors(all), "decoding both sessions joined");
        assertEquals(stored, Ffprobe.probe(all).frames(), "every stored picture is shown");
        List<Long> pts = Ffprobe.framePts(all);
        for (int k = 1; k < pts.size(); k++) assertTrue(pts.get(k) > pts.get(k - 1), "presentation times increase: " + pts);
        // ffmpeg decodes a RASL picture against whatever reference pictures it has without a
        // word (measured: 15-17 dB against the source): only the pictures themselves tell
        List<AccessUnit> kept = new ArrayList<>(aus.subList(0, 72));
        kept.addAll(aus.subList(from, aus.size()));
        kept.subList(73, 76).clear(); // the RASL pictures right after the second session's CRA
        gop.assertShowsSource(all, shown(aus, kept));
        assertTrue(!segments.get(firstSession).start().isBefore(segments.get(firstSession - 1).end()), "no overlap across the reconnect");
    }

    /**
     * The checks shared with H.264 ({@link OpenGopChecks#check}), then what is particular to
     * H.265 here: each segment's wall-clock start agrees with its first presentation time,
     * and no two samples of the concatenation share a presentation time.
     *
     * @param shown the source pictures the concatenation must show, in order (their
     *              indices in the encoded sequence)
     * @return per segment, how many of its pictures it does not show when played alone
     *         (the RASL pictures of the CRA it starts with)
     */
    private List<Integer> check(List<Segment> segments, List<Integer> shown) throws Exception {
        List<Integer> skippedAlone = gop.check(segments, shown);
        long firstPts = 0;
        for (int i = 0; i < segments.size(); i++) {
            long pts = Ffprobe.packets(gop.segmentFile(i)).stream().mapToLong(Ffprobe.Packet::pts).min().orElseThrow();
            if (i == 0) firstPts = pts;
            assertEquals((pts - firstPts) / 90, segments.get(i).start().toEpochMilli() - segments.get(0).start().toEpochMilli(), 1,
                    "wall-clock start of segment " + i + " vs its first presentation time");
        }
        List<Long> pts = new ArrayList<>(Ffprobe.packets(gop.concatenation()).stream().map(Ffprobe.Packet::pts).toList());
        assertEquals(pts.size(), pts.stream().distinct().count(), "no two samples share a presentation time");
        return skippedAlone;
    }

    /**
     * A segment starts with a sync IRAP picture; RASL samples are marked is_leading 1 (not
     * decodable from the segment's keyframe), RADL samples 3, all others 0.
     *
     * @return the RASL pictures following the segment's first keyframe, which it does not show alone
     */
    private static int checkLeading(int i, List<TrunSamples.Sample> samples) {
        TrunSamples.Sample key = samples.get(0);
        assertTrue(key.nalType() >= 16 && key.nalType() <= 21 && !key.nonSync(), "segment " + i + " starts with a sync IRAP: " + key);
        for (TrunSamples.Sample sample : samples) {
            int expected = sample.nalType() == 8 || sample.nalType() == 9 ? 1 : sample.nalType() == 6 || sample.nalType() == 7 ? 3 : 0;
            assertEquals(expected, sample.isLeading(), "is_leading of " + sample + " in segment " + i);
        }
        // pictures that follow the first keyframe in decoding order but are shown before it
        int unplayable = 0;
        for (int k = 1; k < samples.size() && samples.get(k).isLeading() != 0; k++) {
            if (samples.get(k).isLeading() == 1) unplayable++;
        }
        return unplayable;
    }

    /** Unlike H.264's open GOP, nothing in an H.265 segment refers to pictures before its keyframe: not one message. */
    private static void checkAloneMessages(Path file, TrunSamples.Sample first, String errors) {
        assertEquals("", errors, "decoding " + file + " alone");
    }

    private FfmpegRtp.Capture capture(String x265Params) throws Exception {
        return FfmpegRtp.capture(dir, SOURCE, FRAMES,
                List.of("-c:v", "libx265", "-preset", "ultrafast", "-x265-params", x265Params + ":log-level=error"));
    }

    private static int type(AccessUnit au) {
        return VideoCodec.H265.pictureType(au.nals());
    }
}
