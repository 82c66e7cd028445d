package io.vigil.gateway.masking;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;

/**
 * The directory of the masking jobs' sealed temporary files: {@code <dataDir>/masking},
 * mode 0700, on the data disk. Each file there is AES-256-CTR under a key that lived only
 * in the process that wrote it, so files left by an earlier process are unreadable noise:
 * they are deleted when the gateway starts. Released copies live in {@code released/} below
 * it and are kept ({@link KeptCopies} reads them back or deletes the ones no record names).
 */
public final class MaskingWorkDir {
    private MaskingWorkDir() {}

    public static Path prepare(Path dataDir) {
        Path dir = dataDir.resolve("masking");
        try {
            Files.createDirectories(dir);
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            }
            try (Stream<Path> left = Files.list(dir)) {
                for (Path p : left.toList()) {
                    if (p.getFileName().toString().endsWith(".sealed")) Files.deleteIfExists(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the masking work directory " + dir + ": " + e.getMessage(), e);
        }
        return dir;
    }
}
