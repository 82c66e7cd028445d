package io.vigil.redaction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.config.CameraId;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The review model: face tracks with thumbnails, flags where another face overlaps the
 * requester, and the reviewer's edits (a track removed from masking, a region added on a
 * time range) changing the output exactly where they say.
 */
class ReviewEditsTest {
    static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");
    static final int FRAMES = 30;
    static SyntheticClip clip;
    static List<SourceSegment> segments;
    static List<Mat> source = new ArrayList<>();

    @TempDir
    static Path tmp;

    @BeforeAll
    static void buildClip() throws Exception {
        clip = new SyntheticClip(640, 360, 25, 11);
        clip.add(FacePhotos.head(18, 80), f -> new int[] {260, 60});
        // Another face walking left to right across the requester's picture (frames ~8-20).
        clip.add(FacePhotos.head(9, 50), f -> new int[] {20 + 18 * f, 110});
        segments = clip.segments("cam-04", T0, FRAMES, 15);
        for (SourceSegment s : segments) {
            Path p = tmp.resolve("seg.mp4");
            Files.write(p, s.fmp4());
            MaskChecks.decodeFile(p, (i, m) -> source.add(m.clone()));
        }
    }

    @AfterAll
    static void close() {
        clip.close();
        for (Mat m : source) m.close();
    }

    private static RedactionResult run(ReviewEdits edits) throws Exception {
        Redactor r = new Redactor(tmp.resolve("work"), new Ed25519ManifestSigner(KeyPairGenerator.getInstance("Ed25519").generateKeyPair()));
        RedactionRequest req = new RedactionRequest("req-r", CameraId.of("cam-04"), T0, T0.plus(clip.nanos(FRAMES)),
                List.of(new RequesterMark(T0, clip.patchBox(0, 0))),
                RedactionSettings.defaults().withMode(RedactionMode.MASK_PEOPLE));
        return r.redact(req, SegmentSource.of(CameraId.of("cam-04"), segments.iterator()), edits);
    }

    private static List<Mat> frames(RedactionResult res, String name) throws Exception {
        Path out = tmp.resolve(name + ".mp4");
        try (OutputStream o = Files.newOutputStream(out)) {
            res.output().copyTo(o);
        }
        List<Mat> frames = new ArrayList<>();
        MaskChecks.decodeFile(out, (i, m) -> frames.add(m.clone()));
        return frames;
    }

    @Test
    void tracksFlagsAndEditsChangeTheOutputAsShown() throws Exception {
        int passerTrack;
        try (RedactionResult first = run(ReviewEdits.none())) {
            List<FaceTrackSummary> others = first.tracks().stream().filter(t -> !t.requester()).toList();
            assertTrue(first.tracks().stream().anyMatch(FaceTrackSummary::requester), "the requester's own face is a track: " + first.tracks());
            FaceTrackSummary passer = others.stream().max((a, b) -> Integer.compare(a.detections(), b.detections())).orElseThrow();
            passerTrack = passer.id();
            for (FaceTrackSummary t : first.tracks()) {
                assertTrue(t.thumbnailJpeg()[0] == (byte) 0xFF && t.thumbnailJpeg()[1] == (byte) 0xD8, "a JPEG thumbnail per track");
            }
            int detectedFrames = FRAMES / RedactionSettings.defaults().detectEvery();
            assertTrue(passer.detections() >= detectedFrames - 4, "the passer is one track over the clip: " + first.tracks());
            // Flags: the frames where the passer's face overlaps the requester's box.
            List<OverlapFlag> flags = first.overlapFlags().stream().filter(f -> f.trackId() == passerTrack).toList();
            assertFalse(flags.isEmpty(), "overlap flagged: " + first.overlapFlags());
            Box requester = clip.patchBox(0, 0);
            for (int f = 0; f < FRAMES; f++) {
                boolean overlaps = clip.faceBox(1, f).fractionInside(requester) >= 0.5;
                int frame = f;
                boolean flagged = flags.stream().anyMatch(x -> x.firstFrame() <= frame && frame <= x.lastFrame());
                if (overlaps) assertTrue(flagged, "frame " + f + " overlaps the requester but is not flagged: " + flags);
            }
            List<Mat> out = frames(first, "first");
            assertEquals(FRAMES, out.size());
            for (int f = 0; f < FRAMES; f++) {
                assertTrue(MaskChecks.maskedShare(out.get(f), source.get(f), clip.faceBox(1, f), 0x808080) >= 0.99, "passer masked on frame " + f);
            }
            out.forEach(Mat::close);
        }

        Box added = new Box(480, 240, 96, 64);
        Instant from = T0.plus(clip.nanos(10)), to = T0.plus(clip.nanos(19));
        ReviewEdits edits = new ReviewEdits(Set.of(passerTrack), List.of(new ReviewEdits.AddedRegion(added, from, to)));
        try (RedactionResult second = run(edits)) {
            List<Mat> out = frames(second, "second");
            for (int f = 0; f < FRAMES; f++) {
                // The passer is no longer masked where it is clear of the requester and the added region.
                Box face = clip.faceBox(1, f);
                if (face.intersect(clip.patchBox(0, 0).dilate(0.3, 0)).isEmpty() && face.intersect(added).isEmpty()) {
                    double psnr = MaskChecks.psnr(out.get(f), source.get(f), face);
                    assertTrue(psnr >= 30, "removed track left unmasked on frame " + f + ": PSNR " + psnr);
                }
                double addedShare = MaskChecks.maskedShare(out.get(f), source.get(f), added, 0x808080);
                if (f >= 10 && f <= 19) assertTrue(addedShare >= 0.99, "added region masked on frame " + f + ": " + addedShare);
                else assertTrue(MaskChecks.psnr(out.get(f), source.get(f), added) >= 30, "added region untouched on frame " + f);
            }
            out.forEach(Mat::close);
            assertTrue(new Redactor(tmp, new Ed25519ManifestSigner(KeyPairGenerator.getInstance("Ed25519").generateKeyPair()))
                    .release(second, "officer-kim", T0).body().contains("\"unmaskedTracks\": [" + passerTrack + "]"));
        }
        unmaskedOnAFrameRangeOnly(passerTrack);
    }

    /**
     * The passer's track taken out of the masking on frames 4-13 only (the reviewer's "this is
     * not someone else there"): unmasked exactly on those frames (PSNR against the unmasked
     * source, where the face is clear of the requester's kept region), masked on every other
     * frame as before; the manifest records the range.
     */
    private void unmaskedOnAFrameRangeOnly(int passerTrack) throws Exception {
        int first = 4, last = 13;
        ReviewEdits edits = new ReviewEdits(Set.of(), List.of(),
                List.of(new ReviewEdits.UnmaskedSpan(passerTrack, T0.plus(clip.nanos(first)), T0.plus(clip.nanos(last)))));
        try (RedactionResult third = run(edits)) {
            assertTrue(third.tracks().stream().anyMatch(t -> t.id() == passerTrack && !t.requester()),
                    "the same track id in every render: " + third.tracks());
            List<Mat> out = frames(third, "third");
            int unmaskedChecked = 0;
            for (int f = 0; f < FRAMES; f++) {
                Box face = clip.faceBox(1, f);
                if (f >= first && f <= last) {
                    if (!face.intersect(clip.patchBox(0, 0).dilate(0.3, 0)).isEmpty()) continue;
                    double psnr = MaskChecks.psnr(out.get(f), source.get(f), face);
                    assertTrue(psnr >= 30, "inside the range the passer is left unmasked on frame " + f + ": PSNR " + psnr);
                    unmaskedChecked++;
                } else {
                    double share = MaskChecks.maskedShare(out.get(f), source.get(f), face, 0x808080);
                    assertTrue(share >= 0.99, "outside the range the passer stays masked on frame " + f + ": " + share);
                }
            }
            assertTrue(unmaskedChecked >= 3, "frames of the range clear of the requester were checked: " + unmaskedChecked);
            out.forEach(Mat::close);
            String manifest = new Redactor(tmp, new Ed25519ManifestSigner(KeyPairGenerator.getInstance("Ed25519").generateKeyPair()))
                    .release(third, "manager-kang", T0).body();
            assertTrue(manifest.contains("\"unmaskedSpans\": [\"track " + passerTrack + " "), manifest);
        }
    }
}
