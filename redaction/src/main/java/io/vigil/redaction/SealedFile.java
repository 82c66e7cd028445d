package io.vigil.redaction;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bytedeco.javacv.Seekable;

/**
 * A temporary file holding the masked MP4 encrypted with AES-256-CTR under a random key
 * that exists only in this object's memory: the MP4 muxer must seek back (to finish the
 * {@code mdat} size and write {@code moov}), which CTR allows at any byte, and nothing
 * written to disk is readable once the process is gone. Not authenticated: the file never
 * leaves this process, and its plaintext SHA-256 is taken when it is finished and written
 * into the signed manifest, which is what the recipient checks. Deleted on {@link #close()}.
 */
public final class SealedFile implements AutoCloseable {
    private final Path path;
    private final FileChannel channel;
    private final SecretKeySpec key;
    private final byte[] iv = new byte[16];
    private long size;

    public SealedFile(Path directory) {
        try {
            Files.createDirectories(directory);
            this.path = Files.createTempFile(directory, "redaction-", ".mp4.sealed");
            this.channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new RedactionException("cannot create the masked copy's temporary file in " + directory + ": " + e.getMessage(), e);
        }
        byte[] k = new byte[32];
        SecureRandom rnd = new SecureRandom();
        rnd.nextBytes(k);
        rnd.nextBytes(iv);
        iv[8] = iv[9] = iv[10] = iv[11] = iv[12] = iv[13] = iv[14] = iv[15] = 0; // counter space
        this.key = new SecretKeySpec(k, "AES");
    }

    /** Plaintext length in bytes. */
    public long size() {
        return size;
    }

    /** Writes plaintext at {@code position} (encrypted on the way to disk). */
    void write(long position, byte[] b, int off, int len) throws IOException {
        byte[] enc = crypt(position, b, off, len);
        ByteBuffer buf = ByteBuffer.wrap(enc);
        long p = position;
        while (buf.hasRemaining()) p += channel.write(buf, p);
        size = Math.max(size, position + len);
    }

    /** Reads plaintext at {@code position} into {@code dst}; returns the bytes read, -1 at the end. */
    public int read(long position, byte[] dst, int off, int len) throws IOException {
        if (position >= size) return -1;
        int n = (int) Math.min(len, size - position);
        ByteBuffer buf = ByteBuffer.allocate(n);
        while (buf.hasRemaining()) {
            if (channel.read(buf, position + buf.position()) < 0) break;
        }
        byte[] plain = crypt(position, buf.array(), 0, buf.position());
        System.arraycopy(plain, 0, dst, off, plain.length);
        return plain.length;
    }

    private byte[] crypt(long position, byte[] b, int off, int len) {
        try {
            Cipher c = Cipher.getInstance("AES/CTR/NoPadding");
            byte[] counter = iv.clone();
            long block = position / 16;
            for (int i = 15; i >= 8; i--) {
                counter[i] = (byte) block;
                block >>>= 8;
            }
            c.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(counter));
            int skip = (int) (position % 16);
            if (skip > 0) c.update(new byte[skip]);
            return c.update(b, off, len);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-CTR is unavailable", e);
        }
    }

    /** An output stream the muxer writes to and seeks in (JavaCV's {@link Seekable}). */
    OutputStream outputStream() {
        return new SeekableOut();
    }

    /** The plaintext from the start, for hashing or sending. */
    public InputStream openPlaintext() {
        return new InputStream() {
            private long pos;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = SealedFile.this.read(pos, b, off, Math.min(len, 1 << 20));
                if (n > 0) pos += n;
                return n;
            }
        };
    }

    /** SHA-256 of the plaintext, hex. */
    public String sha256Hex() {
        try (InputStream in = openPlaintext()) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 20];
            for (int n; (n = in.read(buf)) > 0; ) md.update(buf, 0, n);
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the masked copy back from " + path, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Copies the plaintext to {@code out} (e.g. the HTTP response); the caller closes {@code out}. */
    public void copyTo(OutputStream out) throws IOException {
        try (InputStream in = openPlaintext()) {
            in.transferTo(out);
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the masked copy's temporary file " + path, e);
        }
    }

    private final class SeekableOut extends OutputStream implements Seekable {
        private long pos;

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            SealedFile.this.write(pos, b, off, len);
            pos += len;
        }

        @Override
        public void seek(long offset, int whence) {
            switch (whence) {
                case 0 -> pos = offset;
                case 1 -> pos += offset;
                case 2 -> pos = size + offset;
                default -> throw new IllegalArgumentException("unsupported seek whence " + whence);
            }
        }
    }
}
