package io.vigil.bench.storage;

import static io.vigil.bench.storage.StorageBench.CAMERAS;
import static io.vigil.bench.storage.StorageBench.DAYS;
import static io.vigil.bench.storage.StorageBench.FIRST_DAY;
import static io.vigil.bench.storage.StorageBench.SEGMENT_MILLIS;

import io.vigil.config.CameraId;
import io.vigil.storage.db.VigilDatabase;
import io.vigil.storage.segments.BenchSupport;
import io.vigil.storage.segments.EncryptedSegmentStore;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Random;

/**
 * (b) of the storage benchmark: the index of 14 days x 16 cameras of 2-second segments (rows
 * only, inserted directly), then random range queries over it, wall and CPU time.
 */
final class LookupPhase {
    private LookupPhase() {}

    /** Fills and compacts the index; the number of rows. */
    static long fillIndex(VigilDatabase db, EncryptedSegmentStore store, Random random) throws Exception {
        long t0 = System.nanoTime();
        long rows = 0;
        for (int c = 0; c < CAMERAS; c++) {
            for (int d = 0; d < DAYS; d++) {
                rows += BenchSupport.fillDay(store, StorageBench.camera(c), FIRST_DAY.plusDays(d), SEGMENT_MILLIS, random, 0);
            }
        }
        BenchSupport.flushAll(store);
        double fill = (System.nanoTime() - t0) / 1e9;
        long t1 = System.nanoTime();
        db.db().compactRange(db.cf(VigilDatabase.SEGMENTS));
        double compact = (System.nanoTime() - t1) / 1e9;
        System.out.printf("%n(b) range lookup: %,d index rows (%d cameras x %d days of %d s segments), inserted directly "
                + "without files in %.1f s, compacted in %.1f s%n", rows, CAMERAS, DAYS, SEGMENT_MILLIS / 1000, fill, compact);
        return rows;
    }

    static void run(EncryptedSegmentStore store, Random random) {
        lookup(store, random, "list, 1 min window (30 rows)", 60_000, false);
        lookup(store, random, "list, 10 min window (300 rows)", 600_000, false);
        lookup(store, random, "timeline, 1 h window (1,800 rows)", 3_600_000, true);
    }

    static void lookup(EncryptedSegmentStore store, Random random, String label, long windowMillis, boolean timeline) {
        long first = FIRST_DAY.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        long span = DAYS * 86_400_000L - windowMillis;
        int warm = 500;
        int n = 3000;
        long[] nanos = new long[n];
        long[] cpuNanos = new long[n];
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long rows = 0;
        for (int i = -warm; i < n; i++) {
            CameraId cam = StorageBench.camera(random.nextInt(CAMERAS));
            Instant from = Instant.ofEpochMilli(first + (long) (random.nextDouble() * span));
            Instant to = from.plusMillis(windowMillis);
            long c = mx.getCurrentThreadCpuTime();
            long t = System.nanoTime();
            int size = timeline ? store.timeline(cam, from, to).size() : store.list(cam, from, to).size();
            long took = System.nanoTime() - t;
            long cpu = mx.getCurrentThreadCpuTime() - c;
            if (i >= 0) {
                nanos[i] = took;
                cpuNanos[i] = cpu;
                rows += size;
            }
        }
        Arrays.sort(nanos);
        Arrays.sort(cpuNanos);
        System.out.printf("  %-38s wall p50 %6.2f ms  p99 %6.2f ms  max %6.2f ms | CPU p50 %5.2f ms  p99 %5.2f ms "
                        + "(%d queries, %.0f results avg); goal p99 < 5 ms%n",
                label + ":", nanos[n / 2] / 1e6, nanos[(int) (n * 0.99)] / 1e6, nanos[n - 1] / 1e6,
                cpuNanos[n / 2] / 1e6, cpuNanos[(int) (n * 0.99)] / 1e6, n, (double) rows / n);
    }
}
