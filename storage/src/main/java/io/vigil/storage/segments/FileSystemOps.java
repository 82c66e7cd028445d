package io.vigil.storage.segments;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The file system calls of the write path, in one place so that tests can inject real
 * failures (a write that fails with "No space left on device" after N calls) without
 * mocking the store. Production uses {@link #REAL}. Segment data arrives in chunks of
 * {@link SegmentCrypto#CHUNK} bytes, so a failure can leave a partly written temp file, as
 * a full disk does.
 */
class FileSystemOps {
    static final FileSystemOps REAL = new FileSystemOps();

    /** Creates {@code file}, which must not exist, for writing. */
    FileChannel createNew(Path file) throws IOException {
        // Owner-only from creation: segment files are encrypted, but their names and sizes are footage metadata.
        return FileChannel.open(file, java.util.Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                OWNER_ONLY_FILE);
    }

    static final java.nio.file.attribute.FileAttribute<?> OWNER_ONLY_FILE =
            java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));

    void writeFully(FileChannel ch, ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) write(ch, buf);
    }

    /** fsync of a file's data and metadata. */
    void force(FileChannel ch) throws IOException {
        ch.force(true);
    }

    /** One write call; the fault-injection seam. */
    int write(FileChannel ch, ByteBuffer buf) throws IOException {
        return ch.write(buf);
    }

    void moveAtomically(Path from, Path to) throws IOException {
        Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    }

    /** fsync of a directory, so a rename or new entry in it survives power loss. */
    void syncDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }

    void createDirectory(Path dir) throws IOException {
        Files.createDirectories(dir, io.vigil.storage.db.VigilDatabase.OWNER_ONLY_DIR);
    }

    boolean deleteIfExists(Path file) throws IOException {
        return Files.deleteIfExists(file);
    }
}
