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
import java.util.Locale;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proof: a synthetic 720p clip of real faces on known paths, masked in both
 * modes; on EVERY frame of the output each other face's known box is at least 99 % masked,
 * the requester's face box keeps a PSNR above {@link #PSNR_FLOOR} dB against the unmasked
 * (decoded source) frame, and ffprobe reads the right frame count and duration from a
 * plain (non-fragmented) MP4.
 */
class RedactionProofTest {
    static final double PSNR_FLOOR = 30.0;
    static final int FRAMES = 100;
    static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

    static SyntheticClip clip;
    static List<SourceSegment> segments;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void buildClip() throws Exception {
        clip = new SyntheticClip(1280, 720, 25, 7);
        // 0: the requester, face 90 px, swaying left-right and drifting down.
        clip.add(FacePhotos.head(18, 90), f -> new int[] {
            (int) Math.round(520 + 140 * Math.sin(2 * Math.PI * f / FRAMES)), 200 + f / 2});
        FacePhotos.Head passer = FacePhotos.head(7, 60);
        Box reqFace = clip.walkers.get(0).head().face();
        // 1: face 60 px walking left to right just below the requester's face, through their kept region.
        clip.add(passer, f -> {
            int[] r = clip.walkers.get(0).path().at(f);
            return new int[] {200 + f * 9, r[1] + reqFace.bottom() + 30 - passer.face().y()};
        });
        // 2 and 3: faces of 48 and 32 px elsewhere in the scene.
        clip.add(FacePhotos.head(3, 48), f -> new int[] {1100 - f * 8, 80 + f});
        clip.add(FacePhotos.head(14, 32), f -> new int[] {60 + f * 3, 560 - f});
        segments = clip.segments("cam-01", T0, FRAMES, 50);
    }

    @AfterAll
    static void close() {
        if (clip != null) clip.close();
    }

    /** The requester marked once a second (as staff would correct a track), over the first {@code frames}. */
    static RedactionRequest request(RedactionSettings settings, int frames) {
        List<RequesterMark> marks = new ArrayList<>();
        for (int f = 0; f < frames; f += 25) marks.add(new RequesterMark(T0.plus(clip.nanos(f)), clip.patchBox(0, f)));
        return new RedactionRequest("req-1", CameraId.of("cam-01"), T0, T0.plus(clip.nanos(frames)), marks, settings);
    }

    static Redactor redactor() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("Ed25519");
        return new Redactor(tmp.resolve("work"), new Ed25519ManifestSigner(g.generateKeyPair()));
    }

    /** Decodes the source segments in order into a list of frame copies (a 100-frame clip: fine in a test). */
    static List<Mat> sourceFrames() throws Exception {
        List<Mat> out = new ArrayList<>();
        for (SourceSegment s : segments) {
            Path p = tmp.resolve("seg.mp4");
            Files.write(p, s.fmp4());
            MaskChecks.decodeFile(p, (i, m) -> out.add(m.clone()));
        }
        return out;
    }

    @Test
    void keepOnlyRequesterMasksEveryOtherFaceOnEveryFrame() throws Exception {
        RedactionSettings settings = RedactionSettings.defaults();
        check(settings, "keep-only-requester", FRAMES);
    }

    @Test
    void maskPeopleMasksEveryOtherFaceOnEveryFrame() throws Exception {
        RedactionSettings settings = RedactionSettings.defaults().withMode(RedactionMode.MASK_PEOPLE);
        // Whole-frame detection costs about four times as much: half the clip keeps the test short.
        check(settings, "mask-people", FRAMES / 2);
    }

    private void check(RedactionSettings settings, String label, int frames) throws Exception {
        Redactor r = redactor();
        List<Mat> src = sourceFrames();
        assertEquals(FRAMES, src.size(), "source frames decoded");
        List<SourceSegment> used = segments.subList(0, (frames + 49) / 50);
        try (RedactionResult res = r.redact(request(settings, frames), SegmentSource.of(CameraId.of("cam-01"), used.iterator()), ReviewEdits.none())) {
            Path out = tmp.resolve(label + ".mp4");
            try (OutputStream o = Files.newOutputStream(out)) {
                res.output().copyTo(o);
            }
            assertEquals(res.outputSha256(), FaceModel.sha256Hex(Files.readAllBytes(out)), "output hash");
            List<String> boxes = MaskChecks.topLevelBoxes(out);
            assertTrue(boxes.contains("moov") && boxes.contains("mdat") && !boxes.contains("moof"),
                    "a plain MP4, not fragmented: " + boxes);
            String probe = MaskChecks.ffprobe(out, "-count_frames", "-select_streams", "v:0",
                    "-show_entries", "stream=nb_read_frames,codec_name,width,height:format=duration", "-of", "csv=p=0");
            String[] lines = probe.trim().split("\n");
            String[] stream = lines[0].split(",");
            assertEquals("h264", stream[0], probe);
            assertEquals("1280", stream[1], probe);
            assertEquals("720", stream[2], probe);
            assertEquals(Integer.toString(frames), stream[3], "ffprobe frame count: " + probe);
            double duration = Double.parseDouble(lines[1].trim());
            assertEquals(frames / 25.0, duration, 0.041, "ffprobe duration (header): " + probe);
            assertEquals(frames, res.frames());

            double[] worstMasked = new double[clip.walkers.size()];
            java.util.Arrays.fill(worstMasked, 1.0);
            double[] worstPsnr = {Double.POSITIVE_INFINITY};
            int[] worstFrame = new int[clip.walkers.size()];
            int n = MaskChecks.decodeFile(out, (i, m) -> {
                Mat s = src.get(i);
                for (int k = 1; k < clip.walkers.size(); k++) {
                    Box known = clip.faceBox(k, i);
                    if (known.isEmpty()) continue;
                    double share = MaskChecks.maskedShare(m, s, known, settings.fillBgr());
                    if (share < 0.99) System.out.println(label + " frame " + i + " face " + k + " masked " + share + " box " + known);
                    if (share < worstMasked[k]) {
                        worstMasked[k] = share;
                        worstFrame[k] = i;
                    }
                }
                double ps = MaskChecks.psnr(m, s, clip.faceBox(0, i));
                if (ps < PSNR_FLOOR) System.out.println(label + " frame " + i + " requester PSNR " + ps);
                worstPsnr[0] = Math.min(worstPsnr[0], ps);
            });
            assertEquals(frames, n, "frames decoded from the output");
            System.out.printf(Locale.ROOT, "%s: worst masked share per other face %s (frames %s); worst requester PSNR %.1f dB;"
                    + " tracks %d, flags %d, tracker losses %d, inferences %d, wall %.1f s%n", label,
                    java.util.Arrays.toString(worstMasked), java.util.Arrays.toString(worstFrame), worstPsnr[0],
                    res.tracks().size(), res.overlapFlags().size(), res.trackerLosses(), res.detectorInferences(), res.wallNanos() / 1e9);
            StageTimes st = res.stageTimes();
            System.out.printf(Locale.ROOT, "stages ms: decode %d detect %d track %d mask %d encode %d%n", st.decode / 1000000,
                    st.detect / 1000000, st.track / 1000000, st.mask / 1000000, st.encode / 1000000);
            for (int k = 1; k < clip.walkers.size(); k++) {
                assertTrue(worstMasked[k] >= 0.99, label + ": face " + k + " only " + worstMasked[k] + " masked on frame " + worstFrame[k]);
            }
            assertTrue(worstPsnr[0] >= PSNR_FLOOR, label + ": requester's face PSNR " + worstPsnr[0] + " dB below " + PSNR_FLOOR);
            assertFalse(res.tracks().isEmpty(), "face tracks for review");
        } finally {
            for (Mat m : src) m.close();
        }
    }
}
