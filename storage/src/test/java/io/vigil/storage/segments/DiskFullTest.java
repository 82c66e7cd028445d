package io.vigil.storage.segments;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.config.CameraId;
import io.vigil.storage.FsckReport;
import io.vigil.storage.SegmentKey;
import io.vigil.storage.SegmentNotFoundException;
import io.vigil.storage.StorageException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A full disk while writing: a clear error naming the segment, no debris, stored footage intact. */
class DiskFullTest {
    static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

    @TempDir Path dir;

    /** Real file system, but the write call number {@code failAt} (1-based) fails as a full disk does. */
    static final class FailingWrites extends FileSystemOps {
        final AtomicInteger calls = new AtomicInteger();
        volatile int failAt = Integer.MAX_VALUE;

        @Override
        int write(FileChannel ch, ByteBuffer buf) throws IOException {
            if (calls.incrementAndGet() >= failAt) throw new IOException("No space left on device");
            return super.write(ch, buf);
        }
    }

    @Test
    void injectedWriteFailureMidFileGivesClearErrorAndLeavesNoTrace() throws Exception {
        FailingWrites fs = new FailingWrites();
        try (StoreFixture f = new StoreFixture(dir, fs, Clock.systemUTC(), StoreFixture.fixedMasterKey())) {
            List<SegmentKey> stored = new ArrayList<>();
            for (int i = 0; i < 3; i++) stored.add(append(f, T0.plusSeconds(2L * i), i, 300_000));
            // A 1 MiB segment is written in 4 chunks of 256 KiB; let two succeed so a partial temp file exists.
            fs.failAt = fs.calls.get() + 3;
            SegmentKey failing = new SegmentKey(CameraId.of("cam-01"), T0.plusSeconds(6).toEpochMilli(), 3);
            StorageException e = assertThrows(StorageException.class, () -> append(f, T0.plusSeconds(6), 3, 1 << 20));
            assertTrue(e.getMessage().contains(failing.toString()), e.getMessage());
            assertTrue(e.getMessage().contains("No space left on device"), e.getMessage());

            assertEquals(List.of(), tempFiles(dir), "temp file removed");
            assertThrows(SegmentNotFoundException.class, () -> f.store.read(failing));
            assertEquals(3, f.store.list(CameraId.of("cam-01"), T0, T0.plusSeconds(60)).size(), "index unchanged");
            for (SegmentKey k : stored) assertArrayEquals(StoreFixture.contentFor(k, 300_000), f.store.read(k));
            FsckReport r = new SegmentFsck(f.store, p -> { }).run(false, true, SegmentFsck.Scope.FULL);
            assertTrue(r.clean(), r.toString());

            fs.failAt = Integer.MAX_VALUE; // space freed: the same segment can now be stored
            SegmentKey k = append(f, T0.plusSeconds(6), 3, 1 << 20);
            assertArrayEquals(StoreFixture.contentFor(k, 1 << 20), f.store.read(k));
        }
    }

    @Test
    void realSizeLimitedFileSystem() throws Exception {
        Path mnt = dir.resolve("tmpfs");
        Files.createDirectories(mnt);
        Assumptions.assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=24m", "tmpfs", mnt.toString()),
                "mounting a tmpfs is not permitted here");
        try {
            Path data = mnt.resolve("data");
            List<SegmentKey> stored = new ArrayList<>();
            StorageException failure = null;
            try (StoreFixture f = new StoreFixture(data)) {
                Path ballast = mnt.resolve("ballast");
                Files.write(ballast, new byte[4 << 20]);
                for (int i = 0; i < 40 && failure == null; i++) {
                    try {
                        stored.add(append(f, T0.plusSeconds(2L * i), i, 1 << 20));
                    } catch (StorageException e) {
                        failure = e;
                    }
                }
                assertTrue(failure != null, "the 24 MB file system never filled up");
                SegmentKey failed = new SegmentKey(CameraId.of("cam-01"), T0.plusSeconds(2L * stored.size()).toEpochMilli(), stored.size());
                assertTrue(failure.getMessage().contains(failed.toString()), failure.getMessage());
                assertTrue(failure.getMessage().contains("No space left on device"), failure.getMessage());
                assertEquals(List.of(), tempFiles(data));
                for (SegmentKey k : stored) assertArrayEquals(StoreFixture.contentFor(k, 1 << 20), f.store.read(k));

                Files.delete(ballast); // the operator frees space: recording resumes
                SegmentKey k = append(f, T0.plusSeconds(2L * stored.size()), stored.size(), 1 << 20);
                assertArrayEquals(StoreFixture.contentFor(k, 1 << 20), f.store.read(k));
                FsckReport r = new SegmentFsck(f.store, p -> { }).run(false, true, SegmentFsck.Scope.FULL);
                assertTrue(r.clean(), r.toString());
            }
            assertTrue(stored.size() >= 5, "stored " + stored.size() + " segments before the disk filled");
        } finally {
            run("umount", mnt.toString());
        }
    }

    private static SegmentKey append(StoreFixture f, Instant start, long seq, int size) {
        return f.append("cam-01", start, 2, seq, size);
    }

    private static List<Path> tempFiles(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
        }
    }

    private static boolean run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    }
}
