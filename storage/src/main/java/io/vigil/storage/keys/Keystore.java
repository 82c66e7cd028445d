package io.vigil.storage.keys;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's secrets, in one passphrase-protected file (format in {@link KeystoreFormat}
 * and docs/ledger.md): the AES-256 master keys that wrap the camera-day keys, and the
 * Ed25519 key pair that signs ledger heads.
 *
 * <p>The passphrase is stretched with Argon2id (BouncyCastle) using the cost parameters
 * stored in the file's header; the contents are sealed with AES-256-GCM with the header
 * as additional authenticated data. An instance is immutable: {@link #rotateMasterKey}
 * writes a new file and returns a new instance.
 *
 * <p>Ed25519: keys are generated and stored as RFC 8032 32-byte seeds with BouncyCastle
 * and handed out as standard JDK {@code Ed25519} keys (Java 17's SunEC), so callers may
 * sign with either provider.
 */
public final class Keystore {
    /** Shortest passphrase accepted by {@link #create}. */
    public static final int MIN_PASSPHRASE_LENGTH = 12;

    private static final Logger log = LoggerFactory.getLogger(Keystore.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    // DER prefixes of PKCS#8 and X.509 encodings of an Ed25519 key (RFC 8410), before the 32 raw bytes.
    private static final byte[] PKCS8_PREFIX = {0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70,
        0x04, 0x22, 0x04, 0x20};
    private static final byte[] X509_PREFIX = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};

    private final Path file;
    private final KdfParameters kdf;
    private final KeystoreFormat.Contents contents;
    private final KeyPair ledgerKeyPair;

    private Keystore(Path file, KdfParameters kdf, KeystoreFormat.Contents contents) {
        this.file = file;
        this.kdf = kdf;
        this.contents = contents;
        this.ledgerKeyPair = toJdkKeyPair(contents.ledgerPrivateSeed(), contents.ledgerPublicKey());
    }

    /** Creates a new keystore with the default Argon2id cost ({@link KdfParameters#DEFAULT}). */
    public static Keystore create(Path file, char[] passphrase) {
        return create(file, passphrase, KdfParameters.DEFAULT, Clock.systemUTC());
    }

    /**
     * Creates a new keystore holding a fresh master key (id 1) and a fresh Ed25519 key pair.
     * Refuses to overwrite an existing file and refuses passphrases shorter than
     * {@value #MIN_PASSPHRASE_LENGTH} characters. The file is written owner-only (0600), atomically.
     */
    public static Keystore create(Path file, char[] passphrase, KdfParameters kdf, Clock clock) {
        requireAcceptablePassphrase(passphrase);
        if (Files.exists(file)) {
            throw new KeystoreException(KeystoreException.Reason.EXISTS, file, null, "keystore " + file
                    + " already exists; refusing to overwrite it (it holds the keys to all stored footage)");
        }
        Instant now = clock.instant();
        Ed25519PrivateKeyParameters signing = new Ed25519PrivateKeyParameters(RANDOM);
        KeystoreFormat.Contents contents = new KeystoreFormat.Contents(now, 1,
                List.of(new MasterKeyEntry(1, now, newAesKey())),
                signing.getEncoded(), signing.generatePublicKey().getEncoded());
        write(file, contents, passphrase, kdf, false);
        return new Keystore(file, kdf, contents);
    }

    /** Opens an existing keystore; fails with a clear message if missing, damaged or the passphrase is wrong. */
    public static Keystore open(Path file, char[] passphrase) {
        byte[] bytes = read(file);
        warnIfReadableByOthers(file);
        try {
            KdfParameters kdf = KeystoreFormat.readKdfParameters(bytes);
            return new Keystore(file, kdf, KeystoreFormat.decode(bytes, passphrase));
        } catch (KeystoreFormat.DecodeException e) {
            if (e.failure == KeystoreFormat.Failure.WRONG_PASSPHRASE) {
                throw new KeystoreException(KeystoreException.Reason.WRONG_PASSPHRASE, file, null, "wrong passphrase for keystore " + file);
            }
            throw new KeystoreException(KeystoreException.Reason.CORRUPTED, file, e.getMessage(), "keystore " + file
                    + " is corrupted: " + e.getMessage() + "; restore it from a backup");
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /** The file this keystore was read from or written to. */
    public Path file() {
        return file;
    }

    /** Argon2id cost parameters of the file as it is on disk. */
    public KdfParameters kdfParameters() {
        return kdf;
    }

    /** The current master key: wrap new day keys with this one. */
    public SecretKey masterKey() {
        return masterKey(contents.currentMasterKeyId()).orElseThrow();
    }

    /** Id of {@link #masterKey()}; store it beside every key it wraps. */
    public int masterKeyId() {
        return contents.currentMasterKeyId();
    }

    /** A master key by id, current or previous (kept for unwrapping until retired). */
    public Optional<SecretKey> masterKey(int id) {
        return contents.masterKeys().stream().filter(k -> k.id() == id).map(MasterKeyEntry::key).findFirst();
    }

    /** All master keys held, oldest first. */
    public List<MasterKeyEntry> masterKeys() {
        return contents.masterKeys();
    }

    /** The Ed25519 key pair that signs ledger heads (JDK "Ed25519" keys). */
    public KeyPair ledgerKeyPair() {
        return ledgerKeyPair;
    }

    /**
     * Generates a new master key, makes it current and keeps the previous ones, then writes
     * the file atomically (fresh salt and nonce). The file is re-read first with the
     * passphrase so a concurrent change on disk is not lost. Rotation procedure: rotate,
     * rewrap every day key still wrapped by an older id with {@link #masterKey()}, then
     * {@link #retireMasterKey} the old ids (docs/ledger.md).
     *
     * @return the keystore as now stored; {@link #masterKey()} is the new key
     */
    public Keystore rotateMasterKey(Path file, char[] passphrase) {
        Keystore onDisk = open(file, passphrase);
        KeystoreFormat.Contents old = onDisk.contents;
        int newId = old.masterKeys().stream().mapToInt(MasterKeyEntry::id).max().orElse(0) + 1;
        List<MasterKeyEntry> keys = new ArrayList<>(old.masterKeys());
        keys.add(new MasterKeyEntry(newId, Instant.now(), newAesKey()));
        KeystoreFormat.Contents updated = new KeystoreFormat.Contents(old.created(), newId, List.copyOf(keys),
                old.ledgerPrivateSeed(), old.ledgerPublicKey());
        write(file, updated, passphrase, onDisk.kdf, true);
        return new Keystore(file, onDisk.kdf, updated);
    }

    /**
     * Removes a previous master key for good, once nothing is wrapped by it any more.
     * The current key cannot be retired.
     */
    public Keystore retireMasterKey(Path file, char[] passphrase, int id) {
        Keystore onDisk = open(file, passphrase);
        KeystoreFormat.Contents old = onDisk.contents;
        if (id == old.currentMasterKeyId()) {
            throw new KeystoreException("master key " + id + " in " + file + " is the current key; rotate before retiring it");
        }
        if (onDisk.masterKey(id).isEmpty()) {
            throw new KeystoreException("keystore " + file + " holds no master key " + id);
        }
        List<MasterKeyEntry> keys = old.masterKeys().stream().filter(k -> k.id() != id).toList();
        KeystoreFormat.Contents updated = new KeystoreFormat.Contents(old.created(), old.currentMasterKeyId(), keys,
                old.ledgerPrivateSeed(), old.ledgerPublicKey());
        write(file, updated, passphrase, onDisk.kdf, true);
        return new Keystore(file, onDisk.kdf, updated);
    }

    /**
     * Re-encrypts the file under a new passphrase and/or new Argon2id cost (to raise the
     * cost later). Keys are unchanged.
     */
    public Keystore rewrite(Path file, char[] oldPassphrase, char[] newPassphrase, KdfParameters newKdf) {
        requireAcceptablePassphrase(newPassphrase);
        Keystore onDisk = open(file, oldPassphrase);
        write(file, onDisk.contents, newPassphrase, newKdf, true);
        return new Keystore(file, newKdf, onDisk.contents);
    }

    private static void requireAcceptablePassphrase(char[] passphrase) {
        if (passphrase == null || passphrase.length == 0) {
            throw new KeystoreException(KeystoreException.Reason.WEAK_PASSPHRASE, null, null,
                    "the keystore passphrase is empty; choose one of at least " + MIN_PASSPHRASE_LENGTH + " characters");
        }
        if (passphrase.length < MIN_PASSPHRASE_LENGTH) {
            throw new KeystoreException(KeystoreException.Reason.WEAK_PASSPHRASE, null, null, "the keystore passphrase is too short ("
                    + passphrase.length + " characters); it needs at least " + MIN_PASSPHRASE_LENGTH);
        }
    }

    private static void write(Path file, KeystoreFormat.Contents contents, char[] passphrase, KdfParameters kdf,
                              boolean replace) {
        byte[] bytes = KeystoreFormat.encode(contents, passphrase, kdf);
        try {
            AtomicFiles.writeOwnerOnly(file, bytes, replace);
        } catch (FileAlreadyExistsException e) {
            throw new KeystoreException(KeystoreException.Reason.EXISTS, file, null, "keystore " + file + " already exists; refusing to overwrite it");
        } catch (NoSuchFileException e) {
            throw new KeystoreException(io.vigil.storage.Reason.of("store.keystoreNoDirectory", "file", file,
                    "dir", file.toAbsolutePath().getParent()), e);
        } catch (AccessDeniedException e) {
            throw new KeystoreException(io.vigil.storage.Reason.of("store.keystoreWriteDenied", "file", file), e);
        } catch (IOException e) {
            throw new KeystoreException(io.vigil.storage.Reason.of("store.keystoreUnwritable", "file", file, "detail", String.valueOf(e.getMessage())), e);
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new KeystoreException(io.vigil.storage.Reason.of("store.keystoreMissing", "file", file), e);
        } catch (AccessDeniedException e) {
            throw new KeystoreException(io.vigil.storage.Reason.of("store.keystoreReadDenied", "file", file), e);
        } catch (IOException e) {
            throw new KeystoreException(io.vigil.storage.Reason.of("store.keystoreUnreadable", "file", file, "detail", String.valueOf(e.getMessage())), e);
        }
    }

    /** The file is encrypted, but a copy readable by others invites offline passphrase guessing. */
    private static void warnIfReadableByOthers(Path file) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (permissions.stream().anyMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"))) {
                log.warn("keystore {} is accessible to other users ({}); restrict it with 'chmod 600 {}'", file,
                        PosixFilePermissions.toString(permissions), file);
            }
        } catch (IOException | UnsupportedOperationException e) {
            // Not a POSIX file system, or unreadable attributes: nothing useful to say.
        }
    }

    private static SecretKey newAesKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        SecretKey secret = new SecretKeySpec(key, "AES");
        Arrays.fill(key, (byte) 0);
        return secret;
    }

    private static KeyPair toJdkKeyPair(byte[] seed, byte[] publicKey) {
        try {
            KeyFactory factory = KeyFactory.getInstance("Ed25519");
            PrivateKey privateKey = factory.generatePrivate(new PKCS8EncodedKeySpec(concat(PKCS8_PREFIX, seed)));
            PublicKey jdkPublic = factory.generatePublic(new X509EncodedKeySpec(concat(X509_PREFIX, publicKey)));
            return new KeyPair(jdkPublic, privateKey);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 unavailable in this JDK", e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Override
    public String toString() {
        return "Keystore[" + file + ", master key " + masterKeyId() + " of " + contents.masterKeys().size() + "]";
    }
}
