package io.vigil.bench.storage;

import static io.vigil.bench.storage.StorageBench.DAYS;
import static io.vigil.bench.storage.StorageBench.FIRST_DAY;
import static io.vigil.bench.storage.StorageBench.SEGMENT_MILLIS;
import static io.vigil.bench.storage.StorageBench.camera;

import io.vigil.bench.BenchFiles;
import io.vigil.storage.EraseResult;
import io.vigil.storage.SegmentInfo;
import io.vigil.storage.segments.BenchSupport;
import io.vigil.storage.segments.EncryptedSegmentStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;

/**
 * (c) of the storage benchmark, in the index (b) filled: a camera-day erased from the index
 * alone, a camera-day with real files beside the bare unlink of as many files, one segment.
 */
final class ErasePhase {
    private static final int FILES = 43_200;

    private ErasePhase() {}

    static void run(EncryptedSegmentStore store, Path dataDir, Random random) throws Exception {
        System.out.printf("%n(c) erase one camera-day of %d s segments (43,200) in that index%n", SEGMENT_MILLIS / 1000);
        LocalDate day = FIRST_DAY.plusDays(3);
        long e0 = System.nanoTime();
        EraseResult r = store.eraseCameraDay(camera(5), day);
        System.out.printf("  index rows only (no files):             %8.0f ms (%,d segments): the index part; goal < 1000 ms%n",
                (System.nanoTime() - e0) / 1e6, r.segmentCount());
        withFiles(store, dataDir, random);
        oneSegment(store);
    }

    /** A camera-day with real (small) files: the erase, and bare unlinking of as many files. */
    private static void withFiles(EncryptedSegmentStore store, Path dataDir, Random random) throws Exception {
        LocalDate fileDay = FIRST_DAY.plusDays(DAYS);
        BenchSupport.fillDay(store, camera(7), fileDay, SEGMENT_MILLIS, random, 1024);
        Path unlinkDir = dataDir.resolve("unlink-probe");
        Files.createDirectories(unlinkDir);
        for (int i = 0; i < FILES; i++) Files.write(unlinkDir.resolve(i + ".vseg"), new byte[1024]);
        long u0 = System.nanoTime();
        BenchFiles.deleteTree(unlinkDir);
        double unlinkMs = (System.nanoTime() - u0) / 1e6;
        long e1 = System.nanoTime();
        EraseResult rf = store.eraseCameraDay(camera(7), fileDay);
        double eraseMs = (System.nanoTime() - e1) / 1e6;
        System.out.printf("  with 43,200 files of 1 KiB:             %8.0f ms (%,d segments)%n", eraseMs, rf.segmentCount());
        System.out.printf("  unlink of 43,200 files of 1 KiB alone:  %8.0f ms (same disk, measured just before)%n", unlinkMs);
    }

    private static void oneSegment(EncryptedSegmentStore store) throws Exception {
        List<SegmentInfo> one = store.list(camera(9), FIRST_DAY.atStartOfDay(ZoneOffset.UTC).toInstant(),
                FIRST_DAY.atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(10));
        long s0 = System.nanoTime();
        store.eraseSegment(one.get(0).key());
        System.out.printf("  one segment (eraseSegment):             %8.0f ms%n", (System.nanoTime() - s0) / 1e6);
    }
}
