package io.vigil.storage.segments;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vigil.config.CameraId;
import io.vigil.storage.SegmentKey;
import io.vigil.storage.db.VigilDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;

/**
 * Child process of {@link CrashSafetyTest}: appends segments of two cameras as fast as it
 * can, each on its own thread, and prints {@code OK <camera> <startMillis> <seq> <size> END}
 * only after {@code append} returned. The parent kills it with SIGKILL at a random moment.
 *
 * <p>Arguments: data directory, first sequence number.
 */
public final class CrashWriterMain {
    static final Instant BASE = Instant.parse("2026-11-20T23:59:00Z"); // writes cross a UTC day boundary

    public static void main(String[] args) throws Exception {
        // Ends itself if the test that started it is gone (a stopped run), instead of writing until the disk is full.
        io.vigil.testkit.OrphanGuard.start(300, java.util.concurrent.TimeUnit.SECONDS);
        Path dataDir = Path.of(args[0]);
        long firstSeq = Long.parseLong(args[1]);
        VigilDatabase db = VigilDatabase.open(dataDir);
        EncryptedSegmentStore store = new EncryptedSegmentStore(db, dataDir, StoreFixture.fixedMasterKey(),
                Clock.systemUTC(), new SimpleMeterRegistry());
        Thread[] writers = new Thread[2];
        for (int w = 0; w < writers.length; w++) {
            String camera = "cam-" + w;
            writers[w] = new Thread(() -> {
                for (long seq = firstSeq; ; seq++) {
                    Instant start = BASE.plusMillis(2000 * seq);
                    int size = sizeFor(camera, seq);
                    SegmentKey key = new SegmentKey(CameraId.of(camera), start.toEpochMilli(), seq);
                    store.append(CameraId.of(camera), start, start.plusSeconds(2), seq, StoreFixture.contentFor(key, size));
                    synchronized (System.out) {
                        System.out.println("OK " + camera + " " + key.startMillis() + " " + seq + " " + size + " END");
                        System.out.flush();
                    }
                }
            });
            writers[w].start();
        }
        for (Thread t : writers) t.join();
    }

    /** Sizes vary from 1 KB to about 600 KB so kills land in every phase of a write. */
    static int sizeFor(String camera, long seq) {
        return 1024 + (int) (Math.floorMod((seq * 2654435761L) ^ camera.hashCode(), 600_000L));
    }
}
