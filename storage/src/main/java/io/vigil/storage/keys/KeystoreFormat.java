package io.vigil.storage.keys;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * The byte layout of a keystore file (all integers big-endian), described in docs/ledger.md:
 *
 * <pre>
 * header (76 bytes, authenticated as AES-GCM AAD, plus a CRC32 to tell damage from a wrong passphrase)
 *   8  magic "VIGILKEY"
 *   2  format version (1)
 *   1  KDF algorithm (1 = Argon2id)
 *   1  Argon2 version (0x13)
 *   4  memory KiB, 4 iterations, 4 parallelism
 *   16 salt
 *   16 passphrase check: SHA-256("vigil-keystore-check-v1" || argon2[32..64])[0..16]
 *   12 GCM nonce
 *   4  ciphertext length
 *   4  CRC32 of the 72 bytes before
 * ciphertext: AES-256-GCM(key = argon2[0..32], nonce, aad = header) of the payload, 128-bit tag
 * payload (version 1)
 *   2  payload version (1)
 *   8  created (epoch seconds)
 *   4  current master key id
 *   2  number of master keys, then each: 4 id, 8 created (epoch seconds), 32 key
 *   32 Ed25519 private key (RFC 8032 seed), 32 Ed25519 public key
 * </pre>
 */
final class KeystoreFormat {
    static final byte[] MAGIC = "VIGILKEY".getBytes(StandardCharsets.US_ASCII);
    static final int FORMAT_VERSION = 1;
    static final int KDF_ARGON2ID = 1;
    static final int HEADER_LENGTH = 76;
    private static final int PAYLOAD_VERSION = 1;
    private static final int SALT_LENGTH = 16;
    private static final int CHECK_LENGTH = 16;
    private static final int NONCE_LENGTH = 12;
    private static final int TAG_BITS = 128;
    private static final int MAX_CIPHERTEXT = 1 << 20;
    private static final byte[] CHECK_LABEL = "vigil-keystore-check-v1".getBytes(StandardCharsets.US_ASCII);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What the encrypted payload holds. */
    record Contents(Instant created, int currentMasterKeyId, List<MasterKeyEntry> masterKeys,
                    byte[] ledgerPrivateSeed, byte[] ledgerPublicKey) {}

    /** Why a file could not be decoded; the caller turns it into a message naming the file. */
    enum Failure { CORRUPTED, WRONG_PASSPHRASE }

    static final class DecodeException extends Exception {
        final Failure failure;

        DecodeException(Failure failure, String detail) {
            super(detail);
            this.failure = failure;
        }
    }

    private KeystoreFormat() {
    }

    static byte[] encode(Contents contents, char[] passphrase, KdfParameters kdf) {
        byte[] salt = random(SALT_LENGTH);
        byte[] nonce = random(NONCE_LENGTH);
        byte[] derived = derive(passphrase, salt, kdf);
        byte[] payload = encodePayload(contents);
        try {
            int ciphertextLength = payload.length + TAG_BITS / 8;
            byte[] header = header(kdf, salt, check(derived), nonce, ciphertextLength);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(derived, 0, 32, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(header);
            byte[] ciphertext = cipher.doFinal(payload);
            byte[] file = Arrays.copyOf(header, header.length + ciphertext.length);
            System.arraycopy(ciphertext, 0, file, header.length, ciphertext.length);
            return file;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable in this JDK", e);
        } finally {
            Arrays.fill(derived, (byte) 0);
            Arrays.fill(payload, (byte) 0);
        }
    }

    /** Reads only the KDF parameters, e.g. to report them; does not need the passphrase. */
    static KdfParameters readKdfParameters(byte[] file) throws DecodeException {
        return parseHeader(file).kdf;
    }

    static Contents decode(byte[] file, char[] passphrase) throws DecodeException {
        Header header = parseHeader(file);
        byte[] derived = derive(passphrase, header.salt, header.kdf);
        byte[] payload = null;
        try {
            if (!MessageDigest.isEqual(check(derived), header.check)) {
                throw new DecodeException(Failure.WRONG_PASSPHRASE, "passphrase check differs");
            }
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(derived, 0, 32, "AES"),
                    new GCMParameterSpec(TAG_BITS, header.nonce));
            cipher.updateAAD(file, 0, HEADER_LENGTH);
            payload = cipher.doFinal(file, HEADER_LENGTH, file.length - HEADER_LENGTH);
            return decodePayload(payload);
        } catch (AEADBadTagException e) {
            // The passphrase check passed, so the key is right and the body was altered.
            throw new DecodeException(Failure.CORRUPTED, "encrypted contents fail authentication");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable in this JDK", e);
        } finally {
            Arrays.fill(derived, (byte) 0);
            if (payload != null) {
                Arrays.fill(payload, (byte) 0);
            }
        }
    }

    private record Header(KdfParameters kdf, byte[] salt, byte[] check, byte[] nonce) {}

    private static Header parseHeader(byte[] file) throws DecodeException {
        if (file.length < HEADER_LENGTH) {
            throw new DecodeException(Failure.CORRUPTED, "file is truncated (" + file.length + " bytes, header needs "
                    + HEADER_LENGTH + ")");
        }
        ByteBuffer in = ByteBuffer.wrap(file, 0, HEADER_LENGTH);
        byte[] magic = new byte[MAGIC.length];
        in.get(magic);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new DecodeException(Failure.CORRUPTED, "not a Vigil keystore (wrong magic bytes)");
        }
        CRC32 crc = new CRC32();
        crc.update(file, 0, HEADER_LENGTH - 4);
        if ((int) crc.getValue() != ByteBuffer.wrap(file, HEADER_LENGTH - 4, 4).getInt()) {
            throw new DecodeException(Failure.CORRUPTED, "header checksum mismatch");
        }
        int version = Short.toUnsignedInt(in.getShort());
        if (version != FORMAT_VERSION) {
            throw new DecodeException(Failure.CORRUPTED, "unsupported format version " + version);
        }
        int kdfAlgorithm = Byte.toUnsignedInt(in.get());
        int argonVersion = Byte.toUnsignedInt(in.get());
        if (kdfAlgorithm != KDF_ARGON2ID || argonVersion != Argon2Parameters.ARGON2_VERSION_13) {
            throw new DecodeException(Failure.CORRUPTED, "unsupported KDF " + kdfAlgorithm + "/" + argonVersion);
        }
        KdfParameters kdf;
        try {
            kdf = new KdfParameters(in.getInt(), in.getInt(), in.getInt());
        } catch (IllegalArgumentException e) {
            throw new DecodeException(Failure.CORRUPTED, e.getMessage());
        }
        byte[] salt = new byte[SALT_LENGTH];
        byte[] check = new byte[CHECK_LENGTH];
        byte[] nonce = new byte[NONCE_LENGTH];
        in.get(salt).get(check).get(nonce);
        int ciphertextLength = in.getInt();
        if (ciphertextLength < TAG_BITS / 8 || ciphertextLength > MAX_CIPHERTEXT) {
            throw new DecodeException(Failure.CORRUPTED, "implausible content length " + ciphertextLength);
        }
        long expected = (long) HEADER_LENGTH + ciphertextLength;
        if (file.length != expected) {
            throw new DecodeException(Failure.CORRUPTED, (file.length < expected ? "file is truncated" : "file has trailing bytes")
                    + " (" + file.length + " bytes, expected " + expected + ")");
        }
        return new Header(kdf, salt, check, nonce);
    }

    private static byte[] header(KdfParameters kdf, byte[] salt, byte[] check, byte[] nonce, int ciphertextLength) {
        ByteBuffer out = ByteBuffer.allocate(HEADER_LENGTH);
        out.put(MAGIC).putShort((short) FORMAT_VERSION)
                .put((byte) KDF_ARGON2ID).put((byte) Argon2Parameters.ARGON2_VERSION_13)
                .putInt(kdf.memoryKiB()).putInt(kdf.iterations()).putInt(kdf.parallelism())
                .put(salt).put(check).put(nonce).putInt(ciphertextLength);
        CRC32 crc = new CRC32();
        crc.update(out.array(), 0, HEADER_LENGTH - 4);
        out.putInt((int) crc.getValue());
        return out.array();
    }

    private static byte[] encodePayload(Contents contents) {
        int size = 2 + 8 + 4 + 2 + contents.masterKeys().size() * (4 + 8 + 32) + 64;
        ByteBuffer out = ByteBuffer.allocate(size);
        out.putShort((short) PAYLOAD_VERSION).putLong(contents.created().getEpochSecond())
                .putInt(contents.currentMasterKeyId()).putShort((short) contents.masterKeys().size());
        for (MasterKeyEntry entry : contents.masterKeys()) {
            byte[] key = entry.key().getEncoded();
            out.putInt(entry.id()).putLong(entry.created().getEpochSecond()).put(key);
            Arrays.fill(key, (byte) 0);
        }
        out.put(contents.ledgerPrivateSeed()).put(contents.ledgerPublicKey());
        return out.array();
    }

    private static Contents decodePayload(byte[] payload) throws DecodeException {
        try {
            ByteBuffer in = ByteBuffer.wrap(payload);
            int version = Short.toUnsignedInt(in.getShort());
            if (version != PAYLOAD_VERSION) {
                throw new DecodeException(Failure.CORRUPTED, "unsupported contents version " + version);
            }
            Instant created = Instant.ofEpochSecond(in.getLong());
            int current = in.getInt();
            int count = Short.toUnsignedInt(in.getShort());
            List<MasterKeyEntry> keys = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                int id = in.getInt();
                Instant keyCreated = Instant.ofEpochSecond(in.getLong());
                byte[] key = new byte[32];
                in.get(key);
                keys.add(new MasterKeyEntry(id, keyCreated, new SecretKeySpec(key, "AES")));
                Arrays.fill(key, (byte) 0);
            }
            byte[] seed = new byte[32];
            byte[] publicKey = new byte[32];
            in.get(seed).get(publicKey);
            if (in.hasRemaining()) {
                throw new DecodeException(Failure.CORRUPTED, "contents have trailing bytes");
            }
            if (keys.stream().noneMatch(k -> k.id() == current)) {
                throw new DecodeException(Failure.CORRUPTED, "current master key " + current + " is missing");
            }
            return new Contents(created, current, List.copyOf(keys), seed, publicKey);
        } catch (BufferUnderflowException e) {
            throw new DecodeException(Failure.CORRUPTED, "contents are truncated");
        }
    }

    /** Argon2id(passphrase as UTF-8, salt) → 64 bytes: 32 for AES-GCM, 32 for the passphrase check. */
    static byte[] derive(char[] passphrase, byte[] salt, KdfParameters kdf) {
        byte[] secret = utf8(passphrase);
        try {
            Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                    .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                    .withSalt(salt)
                    .withMemoryAsKB(kdf.memoryKiB())
                    .withIterations(kdf.iterations())
                    .withParallelism(kdf.parallelism())
                    .build();
            Argon2BytesGenerator generator = new Argon2BytesGenerator();
            generator.init(parameters);
            byte[] out = new byte[64];
            generator.generateBytes(secret, out);
            return out;
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    private static byte[] check(byte[] derived) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(CHECK_LABEL);
            sha.update(derived, 32, 32);
            return Arrays.copyOf(sha.digest(), CHECK_LENGTH);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    /** UTF-8 bytes of the passphrase without ever making an immutable String of it. */
    static byte[] utf8(char[] passphrase) {
        return io.vigil.storage.text.StrictUtf8.encode(CharBuffer.wrap(passphrase)).orElseThrow(
                () -> new IllegalArgumentException("passphrase contains characters that are not valid Unicode"));
    }

    private static byte[] random(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
