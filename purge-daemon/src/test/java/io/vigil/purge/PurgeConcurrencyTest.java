package io.vigil.purge;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.config.CameraId;
import io.vigil.storage.SegmentKey;
import io.vigil.storage.SegmentNotFoundException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The purge runs while 16 cameras record and a viewer reads the very segments being erased:
 * no append fails, and the viewer sees either the exact bytes or SegmentNotFoundException
 * (the gateway turns that into a clean end of stream), never another error.
 */
class PurgeConcurrencyTest {
    static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    static final Duration SEG = Duration.ofHours(1);
    static final int CAMERAS = 16;
    static final int BYTES = 4096;

    @TempDir Path dir;

    @Test
    void purgeDuringRecordingAndPlayback() throws Exception {
        try (TestStore t = TestStore.create(dir, T0)) {
            List<SegmentKey> expiring = new ArrayList<>();
            List<SegmentKey> kept = new ArrayList<>();
            for (int c = 0; c < CAMERAS; c++) {
                String cam = String.format("cam-%02d", c);
                t.record(cam, T0, T0.plus(Duration.ofDays(1)), Duration.ofHours(3), BYTES);
                for (SegmentKey k : t.record(cam, T0.plus(Duration.ofDays(1)), T0.plus(Duration.ofHours(36)), SEG, BYTES)) {
                    (k.start().isBefore(T0.plus(Duration.ofHours(30))) ? expiring : kept).add(k);
                }
            }
            Instant now = T0.plus(Duration.ofDays(15)).plus(Duration.ofHours(6));
            t.clock.set(now);
            PurgeDaemon purge = new PurgeDaemon(t.config(), t.store, t.meters, t.clock, () -> Long.MAX_VALUE);
            purge.setPacing(Duration.ZERO); // as much overlap with the writers and the viewer as possible

            ExecutorService pool = Executors.newFixedThreadPool(CAMERAS + 2);
            CountDownLatch go = new CountDownLatch(1);
            AtomicBoolean purgeDone = new AtomicBoolean();
            ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
            List<SegmentKey> appended = Collections.synchronizedList(new ArrayList<>());
            List<Future<?>> writers = new ArrayList<>();
            for (int c = 0; c < CAMERAS; c++) {
                String cam = String.format("cam-%02d", c);
                writers.add(pool.submit(() -> {
                    go.await();
                    long seq = 1_000_000;
                    // Keep recording until the purge has finished, and at least 20 segments.
                    for (int i = 0; i < 20 || !purgeDone.get(); i++) {
                        Instant s = now.plusSeconds(2L * i);
                        try {
                            appended.add(t.store.segments().append(CameraId.of(cam), s, s.plusSeconds(2), seq++,
                                    TestStore.content(cam, s, BYTES)));
                        } catch (RuntimeException e) {
                            failures.add("append " + cam + "@" + s + ": " + e);
                        }
                    }
                    return null;
                }));
            }
            AtomicLong reads = new AtomicLong();
            AtomicLong notFound = new AtomicLong();
            Future<?> viewer = pool.submit(() -> {
                go.await();
                while (!purgeDone.get()) {
                    for (SegmentKey k : expiring) {
                        try {
                            byte[] b = t.store.segments().read(k);
                            if (!java.util.Arrays.equals(b, TestStore.content(k.cameraId(), k.start(), BYTES))) {
                                failures.add("read " + k + ": wrong bytes");
                            }
                            reads.incrementAndGet();
                        } catch (SegmentNotFoundException e) {
                            notFound.incrementAndGet();
                        } catch (RuntimeException e) {
                            failures.add("read " + k + ": " + e);
                        }
                    }
                }
                return null;
            });
            Future<PurgeReport> run = pool.submit(() -> {
                go.await();
                try {
                    return purge.runOnce();
                } finally {
                    purgeDone.set(true);
                }
            });
            go.countDown();
            PurgeReport report = run.get(120, TimeUnit.SECONDS);
            for (Future<?> w : writers) w.get(120, TimeUnit.SECONDS);
            viewer.get(120, TimeUnit.SECONDS);
            pool.shutdown();

            assertEquals(List.of(), List.copyOf(failures));
            assertTrue(report.complete(), report.errors().toString());
            assertEquals(CAMERAS, report.daysErased());
            assertEquals(CAMERAS * (8 + 6), report.segmentsErased());
            assertTrue(notFound.get() > 0, "the viewer saw segments disappear");
            for (SegmentKey k : expiring) assertThrows(SegmentNotFoundException.class, () -> t.store.segments().read(k));
            for (SegmentKey k : kept) assertArrayEquals(TestStore.content(k.cameraId(), k.start(), BYTES), t.store.segments().read(k));
            assertTrue(appended.size() >= CAMERAS * 20);
            for (SegmentKey k : appended) assertEquals(BYTES, t.store.segments().read(k).length);
            assertTrue(t.store.fsck(false).clean(), t.store.fsck(false).problems().toString());
        }
    }
}
