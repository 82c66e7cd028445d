package io.vigil.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Byte-for-byte searches, for the tests that prove a secret (key material, plaintext) is
 * nowhere on disk: in a file, or in any file under a data directory, RocksDB's WAL and SST
 * files included.
 */
public final class ByteScan {
    private ByteScan() {}

    /** Index of the first occurrence of {@code needle} in {@code haystack}, or -1. */
    public static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) continue outer;
            }
            return i;
        }
        return -1;
    }

    /**
     * Every regular file under {@code root} with its content. A file deleted while the tree
     * is walked (RocksDB removes obsolete files at any time) is left out: nothing is left to scan.
     */
    public static Map<Path, byte[]> readTree(Path root) throws IOException {
        Map<Path, byte[]> files = new LinkedHashMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                try {
                    files.put(p, Files.readAllBytes(p));
                } catch (NoSuchFileException gone) {
                    // deleted while we walked
                }
            }
        }
        return files;
    }

    /** Every regular file under {@code root} containing {@code needle}. */
    public static List<Path> filesContaining(Path root, byte[] needle) throws IOException {
        List<Path> out = new ArrayList<>();
        readTree(root).forEach((p, content) -> {
            if (indexOf(content, needle) >= 0) out.add(p);
        });
        return out;
    }
}
