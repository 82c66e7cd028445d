package io.vigil.ingest.recording;

import io.vigil.ingest.fmp4.Segment;
import io.vigil.ingest.fmp4.Segmenter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A segment the recorder could not queue for the disk leaves a hole; the open-GOP keyframe
 * that starts the next segment has leading pictures (H.265 RASL) that referred to the lost
 * one. Played after the hole they would decode from the wrong pictures and show garbage
 * with no error from the decoder, so the segmenter drops them when told the segment was
 * lost, and the next segment holds no undecodable leading picture.
 */
class DroppedSegmentTest {
    @TempDir
    Path dir;

    @Test
    void leadingPicturesThatReferredToALostSegmentAreNotStored() throws Exception {
        FfmpegRtp.Capture cap = FfmpegRtp.capture(dir, "testsrc2=size=320x240:rate=24", 240,
                List.of("-c:v", "libx265", "-preset", "ultrafast",
                        "-x265-params", "bframes=3:keyint=24:min-keyint=24:scenecut=0:open-gop=1:log-level=error"));
        List<Segment> all = MediaPipeline.run(cap, Duration.ofSeconds(2), Set.of());
        List<Segment> withHole = MediaPipeline.run(cap, Duration.ofSeconds(2), Set.of(1));
        assertEquals(5, all.size(), "the same stream kept whole");
        assertEquals(4, withHole.size(), "one segment lost");
        assertEquals(3, undecodableLeading(all.get(2)), "whole: the segment after #1 starts with a CRA and its 3 RASL pictures");

        Segment afterHole = withHole.get(1);
        assertEquals(0, undecodableLeading(afterHole), "after the hole its RASL pictures are not stored");
        assertEquals(all.get(2).frames() - 3, afterHole.frames(), "exactly the 3 RASL pictures are missing");
        assertEquals(undecodableLeading(all.get(3)), undecodableLeading(withHole.get(2)), "later segments are as before");

        // what is stored after the hole decodes cleanly, on its own and joined to what follows
        Path joined = dir.resolve("after-hole.mp4");
        Files.write(joined, withHole.get(1).fmp4());
        for (int i = 2; i < withHole.size(); i++) Files.write(joined, MediaPipeline.withoutInit(withHole.get(i).fmp4()), java.nio.file.StandardOpenOption.APPEND);
        assertEquals("", Ffprobe.decodeErrors(joined), "decoding the footage after the hole");
        assertTrue(Ffprobe.framePts(joined).size() >= afterHole.frames() + withHole.get(2).frames(), "every stored picture decodes");
    }

    /** The samples right after the segment's first keyframe marked "leading, not decodable without what came before". */
    private static int undecodableLeading(Segment segment) {
        List<TrunSamples.Sample> samples = TrunSamples.of(segment.fmp4());
        int n = 0;
        for (int k = 1; k < samples.size() && samples.get(k).isLeading() == 1; k++) n++;
        return n;
    }
}
