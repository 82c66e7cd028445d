package io.vigil.storage.segments;

import io.vigil.config.CameraId;
import io.vigil.storage.CameraDay;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The cryptography of the segment store, all AES-256-GCM through the JDK's SunJCE provider
 * (hardware-accelerated; BouncyCastle's GCM is about 50 times slower here).
 *
 * <ul>
 *   <li>Segment content: a fresh random 256-bit key and 96-bit nonce per segment. File =
 *       {@code "VSEG"}, format version (1 byte), nonce (12 bytes), ciphertext, 16-byte tag.
 *   <li>Key wrapping is AES-GCM too (not AES-KW) because GCM takes associated data: a
 *       wrapped key is bound to the segment or camera-day it belongs to, so a wrapped key
 *       copied onto another index row does not unwrap. Wrapped key = nonce (12) ||
 *       ciphertext (32) || tag (16) = 60 bytes.
 * </ul>
 * Every AAD starts with a purpose label and the format version, so a ciphertext of one
 * kind never authenticates as another.
 */
final class SegmentCrypto {
    static final int FORMAT_VERSION = 1;
    static final byte[] MAGIC = {'V', 'S', 'E', 'G'};
    static final int NONCE_BYTES = 12;
    static final int TAG_BYTES = 16;
    static final int KEY_BYTES = 32;
    static final int HEADER_BYTES = MAGIC.length + 1 + NONCE_BYTES;
    static final int WRAPPED_KEY_BYTES = NONCE_BYTES + KEY_BYTES + TAG_BYTES;

    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final String PROVIDER = "SunJCE";

    private final SecureRandom random = new SecureRandom();
    private final ThreadLocal<Cipher> ciphers = ThreadLocal.withInitial(SegmentCrypto::newCipher);

    private static Cipher newCipher() {
        try {
            return Cipher.getInstance(TRANSFORMATION, PROVIDER);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK's AES/GCM cipher (SunJCE) is unavailable", e);
        }
    }

    byte[] randomKeyBytes() {
        byte[] k = new byte[KEY_BYTES];
        random.nextBytes(k);
        return k;
    }

    static SecretKey aesKey(byte[] raw) {
        return new SecretKeySpec(raw, "AES");
    }

    /** Receives the encrypted file a chunk at a time; the buffer is reused after the call returns. */
    interface ChunkSink {
        void write(ByteBuffer chunk) throws IOException;
    }

    /**
     * Plaintext is encrypted and handed on in chunks of this size: the ciphertext goes from
     * the cipher into a per-thread direct buffer and from there to the file, with no
     * segment-sized temporary array (a 1 MiB array per append is a humongous allocation
     * for G1) and no extra copy into the JDK's own direct buffer on write.
     */
    static final int CHUNK = 256 * 1024;

    private final ThreadLocal<ByteBuffer> chunkBuffers =
            ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(HEADER_BYTES + CHUNK + 2 * TAG_BYTES));

    /** Length of the file {@link #encryptSegmentTo} writes for {@code plaintextBytes}. */
    static long storedBytes(long plaintextBytes) {
        return HEADER_BYTES + plaintextBytes + TAG_BYTES;
    }

    /** Total length of the plaintext given as parts. */
    static long totalLength(java.util.List<ByteBuffer> parts) {
        long n = 0;
        for (ByteBuffer p : parts) n += p.remaining();
        return n;
    }

    /**
     * Encrypts a whole segment given as the concatenation of the remaining bytes of
     * {@code parts} (positions untouched) and streams its file bytes (header, ciphertext,
     * tag) to {@code sink}. Returns the number of bytes streamed. Parts of any size (also
     * empty) are fed to the cipher at most {@link #CHUNK} bytes at a time.
     */
    long encryptSegmentTo(byte[] rawKey, byte[] aad, java.util.List<ByteBuffer> parts, ChunkSink sink)
            throws GeneralSecurityException, IOException {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        Cipher c = ciphers.get();
        c.init(Cipher.ENCRYPT_MODE, aesKey(rawKey), new GCMParameterSpec(TAG_BYTES * 8, nonce));
        c.updateAAD(aad);
        ByteBuffer out = chunkBuffers.get();
        out.clear();
        out.put(MAGIC).put((byte) FORMAT_VERSION).put(nonce);
        long total = 0;
        for (ByteBuffer part : parts) {
            ByteBuffer in = part.duplicate();
            int end = in.limit();
            while (in.position() < end) {
                in.limit(Math.min(end, in.position() + CHUNK));
                c.update(in, out);
                total += drain(out, sink);
            }
        }
        c.doFinal(ByteBuffer.allocate(0), out);
        total += drain(out, sink);
        long plaintext = totalLength(parts);
        if (total != storedBytes(plaintext)) throw new IllegalStateException("GCM produced " + total + " bytes");
        return total;
    }

    /** Hands what the cipher wrote to {@code sink} and empties the buffer; returns the count. */
    private static int drain(ByteBuffer out, ChunkSink sink) throws IOException {
        out.flip();
        int n = out.remaining();
        if (n > 0) sink.write(out);
        out.clear();
        return n;
    }

    /**
     * Authenticates and decrypts segment file bytes.
     *
     * @throws AEADBadTagException when the bytes, key or AAD do not match
     * @throws IllegalArgumentException when the header is not a Vigil segment header
     */
    byte[] decryptSegment(byte[] rawKey, byte[] aad, byte[] file) throws GeneralSecurityException {
        if (file.length < HEADER_BYTES + TAG_BYTES) {
            throw new IllegalArgumentException("file is " + file.length + " bytes, shorter than header and tag");
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (file[i] != MAGIC[i]) throw new IllegalArgumentException("file does not start with the VSEG header");
        }
        if (file[MAGIC.length] != FORMAT_VERSION) {
            throw new IllegalArgumentException("unknown segment format version " + file[MAGIC.length]);
        }
        Cipher c = ciphers.get();
        c.init(Cipher.DECRYPT_MODE, aesKey(rawKey),
                new GCMParameterSpec(TAG_BYTES * 8, file, MAGIC.length + 1, NONCE_BYTES));
        c.updateAAD(aad);
        return c.doFinal(file, HEADER_BYTES, file.length - HEADER_BYTES);
    }

    /** Wraps raw key bytes under {@code kek}, bound to {@code aad}. */
    byte[] wrap(SecretKey kek, byte[] rawKey, byte[] aad) throws GeneralSecurityException {
        byte[] out = new byte[WRAPPED_KEY_BYTES];
        random.nextBytes(out); // only the first NONCE_BYTES stay random; the rest is overwritten
        Cipher c = ciphers.get();
        c.init(Cipher.ENCRYPT_MODE, kek, new GCMParameterSpec(TAG_BYTES * 8, out, 0, NONCE_BYTES));
        c.updateAAD(aad);
        int n = c.doFinal(rawKey, 0, rawKey.length, out, NONCE_BYTES);
        if (n != KEY_BYTES + TAG_BYTES) throw new IllegalStateException("unexpected wrap length " + n);
        return out;
    }

    byte[] unwrap(SecretKey kek, byte[] wrapped, byte[] aad) throws GeneralSecurityException {
        if (wrapped.length != WRAPPED_KEY_BYTES) {
            throw new IllegalArgumentException("wrapped key is " + wrapped.length + " bytes, expected " + WRAPPED_KEY_BYTES);
        }
        Cipher c = ciphers.get();
        c.init(Cipher.DECRYPT_MODE, kek, new GCMParameterSpec(TAG_BYTES * 8, wrapped, 0, NONCE_BYTES));
        c.updateAAD(aad);
        return c.doFinal(wrapped, NONCE_BYTES, wrapped.length - NONCE_BYTES);
    }

    static byte[] segmentAad(CameraId cameraId, long startMillis, long sequence) {
        return aad("vigil.segment", cameraId, startMillis, sequence);
    }

    static byte[] segmentKeyAad(CameraId cameraId, long startMillis, long sequence) {
        return aad("vigil.segment-key", cameraId, startMillis, sequence);
    }

    static byte[] dayKeyAad(CameraDay day) {
        return aad("vigil.day-key", day.cameraId(), day.day().toEpochDay(), 0);
    }

    private static byte[] aad(String label, CameraId cameraId, long a, long b) {
        byte[] l = label.getBytes(StandardCharsets.US_ASCII);
        byte[] cam = cameraId.value().getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(2 + l.length + 1 + 2 + cam.length + 16)
                .putShort((short) l.length).put(l)
                .put((byte) FORMAT_VERSION)
                .putShort((short) cam.length).put(cam)
                .putLong(a).putLong(b)
                .array();
    }
}
