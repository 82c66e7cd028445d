package io.vigil.redaction;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bytedeco.javacv.Seekable;

/**
 * A temporary file holding the masked MP4 encrypted with AES-256-CTR under a random key
 * that exists only in this object's memory: the MP4 muxer must seek back (to finish the
 * {@code mdat} size and write {@code moov}), which CTR allows at any byte, and nothing
 * written to disk is readable once the process is gone, unless the caller kept the key
 * wrapped under a key of its keystore ({@link #wrapKey}, {@link #reopen}: a released copy
 * kept until its request closes). Not authenticated: the file never leaves the server, and
 * its plaintext SHA-256 is taken when it is finished and written into the signed manifest,
 * which is what the recipient checks (and the gateway checks again when it reopens a kept
 * copy). Deleted on {@link #close()}.
 */
public final class SealedFile implements AutoCloseable {
    private static final int WRAP_NONCE = 12, KEY_BYTES = 32, IV_BYTES = 16;

    private Path path;
    private final FileChannel channel;
    private final SecretKeySpec key;
    private final byte[] iv = new byte[IV_BYTES];
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

    private SealedFile(Path path, FileChannel channel, SecretKeySpec key, byte[] iv, long size) {
        this.path = path;
        this.channel = channel;
        this.key = key;
        System.arraycopy(iv, 0, this.iv, 0, IV_BYTES);
        this.size = size;
    }

    /**
     * This file's key and counter block, wrapped (AES-256-GCM) under {@code kek} with
     * {@code aad} bound to it: what must be kept, beside the file, for {@link #reopen} to read
     * it after a restart. The caller keeps {@code kek} out of the data directory.
     */
    public byte[] wrapKey(SecretKey kek, byte[] aad) {
        try {
            byte[] nonce = new byte[WRAP_NONCE];
            new SecureRandom().nextBytes(nonce);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, kek, new GCMParameterSpec(128, nonce));
            c.updateAAD(aad);
            byte[] plain = new byte[KEY_BYTES + IV_BYTES];
            System.arraycopy(key.getEncoded(), 0, plain, 0, KEY_BYTES);
            System.arraycopy(iv, 0, plain, KEY_BYTES, IV_BYTES);
            byte[] sealed = c.doFinal(plain);
            java.util.Arrays.fill(plain, (byte) 0);
            byte[] out = new byte[WRAP_NONCE + sealed.length];
            System.arraycopy(nonce, 0, out, 0, WRAP_NONCE);
            System.arraycopy(sealed, 0, out, WRAP_NONCE, sealed.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    /**
     * A sealed file written by an earlier process, read again with its key unwrapped from
     * {@code wrapped} ({@link #wrapKey}); the same {@code kek} and {@code aad} must be given.
     *
     * @throws RedactionException naming the file when it is missing, shorter than recorded, or
     *     the key does not unwrap (another keystore, or the record was altered)
     */
    public static SealedFile reopen(Path path, long size, byte[] wrapped, SecretKey kek, byte[] aad) {
        byte[] plain;
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, kek, new GCMParameterSpec(128, wrapped, 0, WRAP_NONCE));
            c.updateAAD(aad);
            plain = c.doFinal(wrapped, WRAP_NONCE, wrapped.length - WRAP_NONCE);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new RedactionException("the key of the masked copy " + path + " does not unwrap with this keystore"
                    + " (another keystore, or its record was altered): " + e.getMessage(), e);
        }
        if (plain.length != KEY_BYTES + IV_BYTES) throw new RedactionException("the key of the masked copy " + path + " has the wrong length");
        try {
            long onDisk = Files.size(path);
            if (onDisk < size) {
                throw new RedactionException("the masked copy " + path + " holds " + onDisk + " bytes, " + size + " were written");
            }
            FileChannel ch = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
            SealedFile f = new SealedFile(path, ch, new SecretKeySpec(plain, 0, KEY_BYTES, "AES"),
                    java.util.Arrays.copyOfRange(plain, KEY_BYTES, KEY_BYTES + IV_BYTES), size);
            java.util.Arrays.fill(plain, (byte) 0);
            return f;
        } catch (IOException e) {
            throw new RedactionException("the masked copy " + path + " cannot be opened: " + e.getMessage(), e);
        }
    }

    /** Where the encrypted file is. */
    public Path path() {
        return path;
    }

    /**
     * Moves the file into {@code directory} (same disk: a rename), e.g. a released copy out of
     * the directory of temporary files that is emptied at every start. Reading goes on.
     */
    public void moveTo(Path directory) {
        try {
            Files.createDirectories(directory);
            Path target = directory.resolve(path.getFileName());
            Files.move(path, target, StandardCopyOption.ATOMIC_MOVE);
            path = target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move the masked copy " + path + " to " + directory, e);
        }
    }

    /** Closes the file but keeps it on disk (a copy kept across a restart; its key was wrapped with {@link #wrapKey}). */
    public void closeKeepingFile() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the masked copy " + path, e);
        }
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
