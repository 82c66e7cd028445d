package io.vigil.bench.storage;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vigil.bench.BenchFiles;
import io.vigil.bench.ProcessSampler;
import io.vigil.config.CameraId;
import io.vigil.storage.db.VigilDatabase;
import io.vigil.storage.segments.EncryptedSegmentStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Random;
import javax.crypto.spec.SecretKeySpec;

/**
 * Storage benchmark: {@code ./bench storage [WORKDIR] [append|lookup|all]} (docs/benchmarks.md).
 * <ol>
 *   <li>append ({@link AppendPhase}): 16 concurrent writers of 1 MB segments through the full
 *       path (encrypt, write, fsync, rename, directory fsync, synced index batch), beside raw
 *       JDK AES-GCM and {@code dd conv=fsync} measured in the same run;
 *   <li>lookup ({@link LookupPhase}): range queries over 14 days x 16 cameras of 2-second
 *       segments (9.7 M index rows, inserted directly without files to build the index fast);
 *   <li>erase ({@link ErasePhase}): one camera-day (43,200 segments) in that index, with and
 *       without files, and the bare unlink time of 43,200 files for comparison.
 * </ol>
 * The lookup and erase phases share one index ({@code lookup}).
 */
public final class StorageBench {
    static final int WRITERS = 16;
    static final int SEGMENT_BYTES = 1 << 20;
    static final int CAMERAS = 16;
    static final int DAYS = 14;
    static final long SEGMENT_MILLIS = 2000;
    static final LocalDate FIRST_DAY = LocalDate.parse("2026-11-01");

    private StorageBench() {}

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args.length > 0 ? args[0] : "/tmp/vigil-bench");
        String what = args.length > 1 ? args[1] : "all";
        BenchFiles.deleteTree(work);
        Files.createDirectories(work);
        System.out.printf("Vigil storage benchmark, %s, %d cores, Java %s, work dir %s%n", Instant.now(),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), work);
        System.out.println("load average at start (/proc/loadavg): " + ProcessSampler.loadAverage()
                + "  <- the cores are shared; figures are only comparable at similar load");
        if (what.equals("all") || what.equals("append")) AppendPhase.run(work.resolve("append"));
        if (what.equals("all") || what.equals("lookup")) lookupAndErase(work.resolve("lookup"));
        BenchFiles.deleteTree(work);
    }

    /** (b) and (c) over one index of 9.7 M rows, then (d) the store's opening scan of it. */
    static void lookupAndErase(Path dataDir) throws Exception {
        try (VigilDatabase db = VigilDatabase.open(dataDir)) {
            EncryptedSegmentStore store = openStore(db, dataDir);
            Random random = new Random(42);
            long rows = LookupPhase.fillIndex(db, store, random);
            LookupPhase.run(store, random);
            ErasePhase.run(store, dataDir, random);

            // Opening a store sums the stored bytes per camera from the index (for the gauge).
            long o0 = System.nanoTime();
            openStore(db, dataDir);
            System.out.printf("%n(d) opening the segment store over %,d rows (stored-bytes scan): %.0f ms%n", rows, (System.nanoTime() - o0) / 1e6);
        } finally {
            BenchFiles.deleteTree(dataDir);
        }
    }

    /** The segment store alone over {@code db}, under a fixed master key (no keystore: the bench measures the store). */
    static EncryptedSegmentStore openStore(VigilDatabase db, Path dataDir) {
        return new EncryptedSegmentStore(db, dataDir, new SecretKeySpec(new byte[32], "AES"), Clock.systemUTC(), new SimpleMeterRegistry());
    }

    static CameraId camera(int i) {
        return CameraId.of(String.format("cam-%02d", i));
    }
}
