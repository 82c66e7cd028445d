package io.vigil.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Work directories of the benchmarks: they record gigabytes, so every run removes what it made. */
public final class BenchFiles {
    private BenchFiles() {}

    /** Deletes {@code root} and everything under it; nothing if it does not exist. */
    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) return;
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    /** Runs {@code body} in a fresh temporary directory, deleted afterwards. */
    public static void inTempDir(InDir body) throws Exception {
        Path dir = Files.createTempDirectory("vigil-bench");
        try {
            body.run(dir);
        } finally {
            deleteTree(dir);
        }
    }

    /** A benchmark body that works in a directory. */
    public interface InDir {
        void run(Path dir) throws Exception;
    }
}
