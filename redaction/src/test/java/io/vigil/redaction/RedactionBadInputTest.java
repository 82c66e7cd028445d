package io.vigil.redaction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.config.CameraId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input gets a message naming what and where, and nothing is released: no result, and
 * the encrypted temporary file is gone.
 */
class RedactionBadInputTest {
    static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");
    static SyntheticClip clip;
    static List<SourceSegment> twoSegments;

    @TempDir
    Path tmp;

    @BeforeAll
    static void buildClip() throws Exception {
        clip = new SyntheticClip(640, 360, 25, 3);
        clip.add(FacePhotos.head(18, 70), f -> new int[] {250, 80});
        twoSegments = clip.segments("cam-02", T0, 20, 10);
    }

    @AfterAll
    static void close() {
        clip.close();
    }

    private Redactor redactor() throws Exception {
        return new Redactor(tmp.resolve("work"), new Ed25519ManifestSigner(KeyPairGenerator.getInstance("Ed25519").generateKeyPair()));
    }

    private static RedactionRequest request(Box mark) {
        return new RedactionRequest("req-9", CameraId.of("cam-02"), T0, T0.plusSeconds(2),
                List.of(new RequesterMark(T0, mark)), RedactionSettings.defaults());
    }

    private RedactionException refused(List<SourceSegment> segments, Box mark) throws Exception {
        RedactionException e = assertThrows(RedactionException.class, () -> redactor()
                .redact(request(mark), SegmentSource.of(CameraId.of("cam-02"), segments.iterator()), ReviewEdits.none()));
        try (Stream<Path> left = Files.list(tmp.resolve("work"))) {
            assertEquals(List.of(), left.toList(), "nothing left behind in the work directory");
        }
        return e;
    }

    private static Box goodMark() {
        return clip.patchBox(0, 0);
    }

    @Test
    void windowWithoutFootage() throws Exception {
        RedactionException e = refused(List.of(), goodMark());
        assertEquals("camera cam-02 has no footage between 2026-11-20T10:00:00Z and 2026-11-20T10:00:02Z (request req-9);"
                + " nothing to mask, nothing released", e.getMessage());
    }

    /**
     * A cancelled job stops at the next frame: after the supplier says so, no more frame is
     * decoded or encoded (counted by the supplier's own calls, asked once per frame per stage),
     * the exception says it was cancelled, and the partial output is deleted.
     */
    @Test
    void aCancelledJobStopsAtTheNextFrameAndLeavesNothing() throws Exception {
        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger askedAfterCancel = new java.util.concurrent.atomic.AtomicInteger();
        java.util.function.BooleanSupplier cancelAfterFiveFrames = () -> {
            boolean cancelled = asked.incrementAndGet() > 10;
            if (cancelled) askedAfterCancel.incrementAndGet();
            return cancelled;
        };
        RedactionException e = assertThrows(RedactionCancelledException.class, () -> redactor().redact(request(goodMark()),
                SegmentSource.of(CameraId.of("cam-02"), twoSegments.iterator()), ReviewEdits.none(), cancelAfterFiveFrames));
        assertEquals("the masking of request req-9 camera cam-02 was cancelled", e.getMessage());
        assertTrue(askedAfterCancel.get() <= 3, "each stage stops at its next frame: asked " + askedAfterCancel + " times after cancel");
        try (Stream<Path> left = Files.list(tmp.resolve("work"))) {
            assertEquals(List.of(), left.toList(), "the partial output is deleted");
        }
    }

    @Test
    void markOutsideTheFrame() throws Exception {
        RedactionException e = refused(twoSegments, new Box(600, 300, 100, 100));
        assertEquals("requester mark 1 at +0:00.000 (box 100x100+600+300) is not a box of at least 8x8 px inside the"
                + " 640x360 frame; draw it again on the picture. Nothing was released.", e.getMessage());
    }

    @Test
    void markOutsideTheWindow() {
        RedactionException e = assertThrows(RedactionException.class, () -> new RedactionRequest("req-9", CameraId.of("cam-02"), T0,
                T0.plusSeconds(2), List.of(new RequesterMark(T0.plusSeconds(5), goodMark())), RedactionSettings.defaults()));
        assertTrue(e.getMessage().startsWith("requester mark at 2026-11-20T10:00:05Z lies outside the window"), e.getMessage());
    }

    @Test
    void resolutionChangesInsideTheWindow() throws Exception {
        List<SourceSegment> segs = new ArrayList<>(twoSegments.subList(0, 1));
        SourceSegment second = twoSegments.get(1);
        segs.add(new SourceSegment(second.id(), second.start(), second.end(), clip.encode(10, 20, 320, 180)));
        RedactionException e = refused(segs, goodMark());
        assertEquals("camera cam-02 changes resolution inside the window: 640x360 from segment " + segs.get(0).id()
                + ", 320x180 in segment " + second.id() + " (from " + second.start() + "). Mask the parts before and after "
                + second.start() + " as two requests. Nothing was released.", e.getMessage());
    }

    @Test
    void corruptSegment() throws Exception {
        SourceSegment second = twoSegments.get(1);
        byte[] garbage = new byte[second.fmp4().length];
        new Random(1).nextBytes(garbage);
        List<SourceSegment> segs = List.of(twoSegments.get(0), new SourceSegment(second.id(), second.start(), second.end(), garbage));
        RedactionException e = refused(segs, goodMark());
        assertTrue(e.getMessage().startsWith("segment " + second.id() + " of camera cam-02 cannot be decoded ("), e.getMessage());
        assertTrue(e.getMessage().endsWith("); it may be corrupt. Nothing was released."), e.getMessage());
    }

    @Test
    void segmentWithoutPictures() throws Exception {
        SourceSegment second = twoSegments.get(1);
        // A valid MP4 header with its fragment cut off: it opens, but holds no picture.
        byte[] cut = java.util.Arrays.copyOf(second.fmp4(), indexOf(second.fmp4(), "moof") - 4);
        List<SourceSegment> segs = List.of(twoSegments.get(0), new SourceSegment(second.id(), second.start(), second.end(), cut));
        RedactionException e = refused(segs, goodMark());
        assertEquals("segment " + second.id() + " of camera cam-02 holds no decodable picture; it may be corrupt."
                + " Nothing was released.", e.getMessage());
    }

    @Test
    void settingsThatWouldBeReversibleAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RedactionSettings(
                RedactionMode.MASK_PEOPLE, MaskStyle.PIXELATE, 0x808080, 8, 0.15, 0.3, 0.3f, 384, 12, 2, false, 3_000_000));
        assertEquals("pixel blocks must be at least 16 px (got 8): smaller blocks can be undone", e.getMessage());
    }

    private static int indexOf(byte[] b, String type) {
        byte[] t = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i + t.length <= b.length; i++) {
            for (int j = 0; j < t.length; j++) if (b[i + j] != t[j]) continue outer;
            return i;
        }
        throw new AssertionError("no " + type + " box");
    }
}
