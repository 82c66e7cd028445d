package io.vigil.storage.segments;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.config.CameraId;
import io.vigil.storage.SegmentAuthenticationException;
import io.vigil.storage.SegmentInfo;
import io.vigil.storage.SegmentKey;
import io.vigil.storage.SegmentNotFoundException;
import io.vigil.storage.Span;
import io.vigil.storage.StorageException;
import io.vigil.testkit.ByteScan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EncryptedSegmentStoreTest extends FreshStoreTest {
    static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");


    private SegmentKey put(String camera, Instant start, long seconds, long seq) {
        return f.append(camera, start, seconds, seq, 5000 + (int) seq);
    }

    @Test
    void appendedSegmentReadsBackAfterReopenAndIsEncryptedOnDisk() throws Exception {
        SegmentKey k = put("cam-01", T0, 2, 7);
        assertEquals(new SegmentKey(CameraId.of("cam-01"), T0.toEpochMilli(), 7), k);
        assertArrayEquals(StoreFixture.contentFor(k, 5007), f.store.read(k));

        Path file = dir.resolve("segments/cam-01/2026-11-20/" + T0.toEpochMilli() + "-7.vseg");
        assertTrue(Files.exists(file), "file at the documented path");
        byte[] onDisk = Files.readAllBytes(file);
        assertEquals(SegmentCrypto.HEADER_BYTES + 5007 + SegmentCrypto.TAG_BYTES, onDisk.length);
        byte[] plain = StoreFixture.contentFor(k, 5007);
        assertFalse(ByteScan.indexOf(onDisk, java.util.Arrays.copyOf(plain, 32)) >= 0, "plaintext must not be on disk");

        f.reopen();
        assertArrayEquals(plain, f.store.read(k));
    }

    @Test
    void segmentGivenInPartsIsStoredAsTheirConcatenation() {
        // parts of every awkward size: empty, smaller than a cipher block, across the
        // cipher's chunk size, and one larger than a chunk
        byte[] whole = StoreFixture.contentFor(new SegmentKey(CameraId.of("cam-01"), T0.toEpochMilli(), 1), 3 * SegmentCrypto.CHUNK + 1234);
        int[] cuts = {0, 0, 7, 100, SegmentCrypto.CHUNK - 3, SegmentCrypto.CHUNK + 20, 2 * SegmentCrypto.CHUNK + 1000 + SegmentCrypto.CHUNK, whole.length};
        java.util.List<java.nio.ByteBuffer> parts = new java.util.ArrayList<>();
        for (int i = 1; i < cuts.length; i++) {
            // each part a window into a larger array, as a recorder hands over its buffers
            int from = Math.min(cuts[i - 1], whole.length);
            int to = Math.min(cuts[i], whole.length);
            byte[] padded = new byte[to - from + 10];
            System.arraycopy(whole, from, padded, 5, to - from);
            parts.add(java.nio.ByteBuffer.wrap(padded, 5, to - from));
        }
        SegmentKey k = f.store.append(CameraId.of("cam-01"), T0, T0.plusSeconds(2), 1, parts);
        for (java.nio.ByteBuffer p : parts) assertEquals(5, p.position(), "the store leaves the caller's buffers as they were");
        assertArrayEquals(whole, f.store.read(k));
        assertEquals(whole.length, f.store.list(CameraId.of("cam-01"), T0, T0.plusSeconds(2)).get(0).plaintextBytes());
        f.reopen();
        assertArrayEquals(whole, f.store.read(k));
    }

    @Test
    void duplicateSegmentIsRefusedAndOriginalKept() {
        SegmentKey k = put("cam-01", T0, 2, 1);
        StorageException e = assertThrows(StorageException.class,
                () -> f.store.append(CameraId.of("cam-01"), T0, T0.plusSeconds(2), 1, new byte[10]));
        assertTrue(e.getMessage().contains(k.toString()), e.getMessage());
        assertArrayEquals(StoreFixture.contentFor(k, 5001), f.store.read(k));
    }

    @Test
    void badInputIsRefusedWithClearMessage() {
        // A path-like camera id cannot reach the store: the CameraId the API takes refuses it, naming it.
        assertTrue(assertThrows(IllegalArgumentException.class, () -> f.store.append(CameraId.of("../etc"), T0, T0, 1, new byte[1]))
                .getMessage().contains("'../etc' is not a valid camera id"));
        assertTrue(assertThrows(StorageException.class, () -> f.store.append(CameraId.of("cam"), T0, T0.minusSeconds(1), 1, new byte[1]))
                .getMessage().contains("ends before it starts"));
    }

    @Test
    void missingSegmentIsNotFound() {
        assertThrows(SegmentNotFoundException.class, () -> f.store.read(new SegmentKey(CameraId.of("cam-01"), 5, 5)));
    }

    @Test
    void flippedBitFailsAuthenticationNamingTheSegment() throws Exception {
        SegmentKey k = put("cam-01", T0, 2, 1);
        Path file = f.store.layout().file(k);
        byte[] b = Files.readAllBytes(file);
        b[b.length / 2] ^= 0x01;
        Files.write(file, b);
        SegmentAuthenticationException e = assertThrows(SegmentAuthenticationException.class, () -> f.store.read(k));
        assertEquals(k, e.segment());
        assertTrue(e.getMessage().contains(k.toString()), e.getMessage());
    }

    @Test
    void swappedFilesFailAuthentication() throws Exception {
        SegmentKey a = put("cam-01", T0, 2, 1);
        SegmentKey b = put("cam-01", T0.plusSeconds(2), 2, 2);
        Path fa = f.store.layout().file(a);
        Path fb = f.store.layout().file(b);
        Path tmp = dir.resolve("swap");
        Files.move(fa, tmp);
        Files.move(fb, fa);
        Files.move(tmp, fb);
        assertEquals(a, assertThrows(SegmentAuthenticationException.class, () -> f.store.read(a)).segment());
        assertEquals(b, assertThrows(SegmentAuthenticationException.class, () -> f.store.read(b)).segment());
    }

    @Test
    void fileMovedToAnotherCameraOrTimeFailsAuthentication() throws Exception {
        SegmentKey a = put("cam-01", T0, 2, 1);
        SegmentKey otherCamera = put("cam-02", T0, 2, 1);
        SegmentKey otherTime = put("cam-01", T0.plusSeconds(60), 2, 1);
        Files.copy(f.store.layout().file(a), f.store.layout().file(otherCamera), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(f.store.layout().file(a), f.store.layout().file(otherTime), StandardCopyOption.REPLACE_EXISTING);
        assertThrows(SegmentAuthenticationException.class, () -> f.store.read(otherCamera));
        assertThrows(SegmentAuthenticationException.class, () -> f.store.read(otherTime));
        assertArrayEquals(StoreFixture.contentFor(a, 5001), f.store.read(a));
    }

    @Test
    void listReturnsOverlappingSegmentsInOrderIncludingOneStartedBeforeTheWindow() {
        for (int i = 0; i < 10; i++) put("cam-01", T0.plusSeconds(2L * i), 2, i);
        put("cam-02", T0, 2, 0);
        put("cam-00", T0, 2, 0);
        List<SegmentInfo> l = f.store.list(CameraId.of("cam-01"), T0.plusSeconds(3), T0.plusSeconds(8));
        assertEquals(List.of(1L, 2L, 3L), l.stream().map(s -> s.key().sequence()).toList());
        assertEquals(T0.plusSeconds(2), l.get(0).start());
        assertEquals(T0.plusSeconds(4), l.get(0).end());
        assertEquals(5001, l.get(0).plaintextBytes());
        assertEquals(10, f.store.list(CameraId.of("cam-01"), T0.minusSeconds(100), T0.plusSeconds(100)).size());
        assertEquals(0, f.store.list(CameraId.of("cam-01"), T0.plusSeconds(20), T0.plusSeconds(30)).size());
    }

    @Test
    void timelineMergesAdjacentSegmentsAndShowsReportedAndImplicitGaps() {
        for (int i = 0; i < 5; i++) put("cam-01", T0.plusSeconds(2L * i), 2, i);          // [0,10)
        for (int i = 0; i < 5; i++) put("cam-01", T0.plusSeconds(30 + 2L * i), 2, 10 + i); // [30,40)
        f.store.recordGap(CameraId.of("cam-01"), T0.plusSeconds(10), T0.plusSeconds(20), "camera unreachable");
        List<Span> t = f.store.timeline(CameraId.of("cam-01"), T0.minusSeconds(5), T0.plusSeconds(50));
        assertEquals(List.of(
                Span.gap(T0.minusSeconds(5), T0, null),
                Span.recorded(T0, T0.plusSeconds(10)),
                Span.gap(T0.plusSeconds(10), T0.plusSeconds(20), "camera unreachable"),
                Span.gap(T0.plusSeconds(20), T0.plusSeconds(30), null),
                Span.recorded(T0.plusSeconds(30), T0.plusSeconds(40)),
                Span.gap(T0.plusSeconds(40), T0.plusSeconds(50), null)), t);
        // Window inside a recording: clipped, one span.
        assertEquals(List.of(Span.recorded(T0.plusSeconds(1), T0.plusSeconds(9))),
                f.store.timeline(CameraId.of("cam-01"), T0.plusSeconds(1), T0.plusSeconds(9)));
        assertEquals(List.of(Span.gap(T0, T0.plusSeconds(5), null)), f.store.timeline(CameraId.of("cam-09"), T0, T0.plusSeconds(5)));
    }

    @Test
    void camerasAndOldestStart() {
        put("cam-02", T0.plusSeconds(100), 2, 1);
        put("cam-02", T0, 2, 0);
        put("cam-01", T0.plusSeconds(5), 2, 0);
        assertEquals(Set.of(CameraId.of("cam-01"), CameraId.of("cam-02")), f.store.cameras());
        assertEquals(Optional.of(T0), f.store.oldestStart(CameraId.of("cam-02")));
        assertEquals(Optional.of(T0.plusSeconds(5)), f.store.oldestStart(CameraId.of("cam-01")));
        assertEquals(Optional.empty(), f.store.oldestStart(CameraId.of("cam-0")));
    }

    @Test
    void concurrentAppendsOfManyCamerasAllReadBack() throws Exception {
        int threads = 8;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            List<java.util.concurrent.Future<SegmentKey>> futures = new java.util.ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String cam = "cam-" + t;
                for (int i = 0; i < 10; i++) {
                    long seq = i;
                    futures.add(pool.submit(() -> put(cam, T0.plusSeconds(2 * seq), 2, seq)));
                }
            }
            for (var fu : futures) {
                SegmentKey k = fu.get();
                assertArrayEquals(StoreFixture.contentFor(k, 5000 + (int) k.sequence()), f.store.read(k));
            }
            assertEquals(threads, f.store.cameras().size());
        } finally {
            pool.shutdownNow();
        }
    }
}
