package io.vigil.purge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.config.CameraId;
import io.vigil.storage.SegmentKey;
import io.vigil.storage.SegmentNotFoundException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Readers hammer a segment at the moment it is erased, many times over, by segment key and
 * by day key: a read returns the exact bytes or throws SegmentNotFoundException, never a
 * "file missing" or authentication error from a half-erased segment.
 */
class EraseWhileReadingTest {
    static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    static final int ROUNDS = 60;
    static final int READERS = 3;

    @TempDir Path dir;

    @Test
    void aSegmentBeingErasedReadsWholeOrNotFound() throws Exception {
        try (TestStore t = TestStore.create(dir, T0)) {
            ExecutorService pool = Executors.newFixedThreadPool(READERS);
            ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
            for (int round = 0; round < ROUNDS; round++) {
                Instant s = T0.plus(Duration.ofDays(round));
                List<SegmentKey> keys = t.record("cam-01", s, s.plusSeconds(8), Duration.ofSeconds(2), 256 * 1024);
                byte[] expected = t.store.segments().read(keys.get(0));
                AtomicBoolean gone = new AtomicBoolean();
                CountDownLatch reading = new CountDownLatch(READERS);
                Future<?>[] readers = new Future<?>[READERS];
                for (int r = 0; r < READERS; r++) {
                    readers[r] = pool.submit(() -> {
                        reading.countDown();
                        while (!gone.get()) {
                            try {
                                byte[] b = t.store.segments().read(keys.get(0));
                                if (!java.util.Arrays.equals(b, expected)) failures.add("wrong bytes for " + keys.get(0));
                            } catch (SegmentNotFoundException e) {
                                gone.set(true);
                            } catch (RuntimeException e) {
                                failures.add(e.getClass().getSimpleName() + ": " + e.getMessage());
                                gone.set(true);
                            }
                        }
                        return null;
                    });
                }
                reading.await();
                if (round % 2 == 0) {
                    t.store.segments().eraseSegment(keys.get(0));
                } else {
                    t.store.segments().eraseCameraDay(CameraId.of("cam-01"), LocalDate.ofInstant(s, java.time.ZoneOffset.UTC));
                }
                for (Future<?> f : readers) f.get(30, TimeUnit.SECONDS);
            }
            pool.shutdown();
            assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
            assertEquals(List.of(), List.copyOf(failures));
        }
    }
}
