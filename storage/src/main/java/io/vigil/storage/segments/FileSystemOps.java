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
 * mocking the store. Production uses {@link #REAL}.
 */
class FileSystemOps {
    static final FileSystemOps REAL = new FileSystemOps();

    /** Data is written in chunks so that a failure can leave a partly written temp file, as a full disk does. */
    static final int WRITE_CHUNK = 256 * 1024;

    /** Creates {@code file} (which must not exist), writes {@code data}, and fsyncs it. */
    void writeDurably(Path file, byte[] data) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            for (int off = 0; off < data.length; ) {
                int len = Math.min(WRITE_CHUNK, data.length - off);
                ByteBuffer buf = ByteBuffer.wrap(data, off, len);
                while (buf.hasRemaining()) write(ch, buf);
                off += len;
            }
            ch.force(true);
        }
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
        Files.createDirectories(dir);
    }

    boolean deleteIfExists(Path file) throws IOException {
        return Files.deleteIfExists(file);
    }
}
