package io.vigil.storage.ledger;

import io.vigil.storage.Ledger;
import io.vigil.storage.LedgerHeadText;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/**
 * The copy of the latest signed head kept outside the data directory (beside the keystore).
 * Someone who can write the data directory but not the keystore's directory can delete
 * signed heads and re-chain entries inside the index, but cannot roll this copy back: the
 * verifier requires the chain to end in, or run through, the entry it names with the hash it
 * names. Written after the head is durable in the index, so the copy never runs ahead of it.
 */
final class HeadCopy {
    private final Path file;
    private long writtenSize = -1;

    HeadCopy(Path file) {
        this.file = file.toAbsolutePath();
    }

    Path file() {
        return file;
    }

    /** The copy, empty when the file does not exist; throws when it exists but cannot be read. */
    Optional<Ledger.SignedHead> read() throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
        try {
            return Optional.of(LedgerHeadText.parse(text));
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** Replaces the copy with {@code head} unless the copy already covers more entries. */
    synchronized void write(Ledger.SignedHead head) throws IOException {
        if (head.size() < writtenSize) {
            return;
        }
        Path dir = file.getParent();
        Path temp = dir.resolve("." + file.getFileName() + ".tmp");
        byte[] content = (LedgerHeadText.format(head) + "\n").getBytes(StandardCharsets.US_ASCII);
        try (FileChannel channel = FileChannel.open(temp, Set.of(StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
            directory.force(true);
        }
        writtenSize = head.size();
    }
}
