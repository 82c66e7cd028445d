package io.vigil.storage.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.testkit.ByteScan;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.Signature;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeystoreTest {
    /** Cheap Argon2 cost so the suite stays fast; the default cost has its own test. */
    private static final KdfParameters CHEAP = new KdfParameters(1024, 1, 1);
    private static final char[] PASSPHRASE = "correct horse battery staple".toCharArray();

    @TempDir
    Path dir;

    private Keystore create(Path file) {
        return Keystore.create(file, PASSPHRASE.clone(), CHEAP, Clock.systemUTC());
    }

    @Test
    void createdKeystoreOpensWithTheSameKeys() throws Exception {
        Path file = dir.resolve("vigil.keystore");
        Keystore created = create(file);
        Keystore opened = Keystore.open(file, PASSPHRASE.clone());

        assertArrayEquals(created.masterKey().getEncoded(), opened.masterKey().getEncoded());
        assertEquals(32, opened.masterKey().getEncoded().length);
        assertEquals("AES", opened.masterKey().getAlgorithm());
        assertEquals(1, opened.masterKeyId());
        assertArrayEquals(created.ledgerKeyPair().getPublic().getEncoded(), opened.ledgerKeyPair().getPublic().getEncoded());
        assertEquals(CHEAP, opened.kdfParameters());

        // The key pair is a working JDK Ed25519 pair.
        byte[] message = "head".getBytes(StandardCharsets.UTF_8);
        Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(opened.ledgerKeyPair().getPrivate());
        signer.update(message);
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(created.ledgerKeyPair().getPublic());
        verifier.update(message);
        assertTrue(verifier.verify(signature));
    }

    @Test
    void twoKeystoresHaveDifferentKeys() {
        Keystore a = create(dir.resolve("a"));
        Keystore b = create(dir.resolve("b"));
        assertFalse(Arrays.equals(a.masterKey().getEncoded(), b.masterKey().getEncoded()));
        assertFalse(Arrays.equals(a.ledgerKeyPair().getPublic().getEncoded(), b.ledgerKeyPair().getPublic().getEncoded()));
    }

    @Test
    void fileIsOwnerOnlyAndNoTemporaryFileRemains() throws Exception {
        Path file = dir.resolve("vigil.keystore");
        create(file);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
    }

    @Test
    void fileDoesNotContainTheKeysInTheClear() throws Exception {
        Path file = dir.resolve("vigil.keystore");
        Keystore keystore = create(file);
        byte[] bytes = Files.readAllBytes(file);
        assertEquals(-1, ByteScan.indexOf(bytes, keystore.masterKey().getEncoded()));
        assertEquals(-1, ByteScan.indexOf(bytes, Arrays.copyOfRange(keystore.ledgerKeyPair().getPrivate().getEncoded(), 16, 48)));
    }

    @Test
    void refusesToOverwriteAnExistingFile() throws Exception {
        Path file = dir.resolve("vigil.keystore");
        create(file);
        byte[] before = Files.readAllBytes(file);
        KeystoreException e = assertThrows(KeystoreException.class, () -> create(file));
        assertTrue(e.getMessage().contains("already exists"), e.getMessage());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file));
    }

    @Test
    void refusesEmptyAndShortPassphrases() {
        Path file = dir.resolve("vigil.keystore");
        KeystoreException empty = assertThrows(KeystoreException.class,
                () -> Keystore.create(file, new char[0], CHEAP, Clock.systemUTC()));
        assertTrue(empty.getMessage().contains("empty"), empty.getMessage());
        KeystoreException shortOne = assertThrows(KeystoreException.class,
                () -> Keystore.create(file, "elevenchars".toCharArray(), CHEAP, Clock.systemUTC()));
        assertTrue(shortOne.getMessage().contains("at least 12"), shortOne.getMessage());
        assertFalse(shortOne.getMessage().contains("elevenchars"), shortOne.getMessage());
        assertFalse(Files.exists(file));
        // Exactly twelve is enough.
        Keystore.create(file, "twelve chars".toCharArray(), CHEAP, Clock.systemUTC());
        assertTrue(Files.exists(file));
    }

    @Test
    void missingFileSaysHowToCreateIt() {
        Path file = dir.resolve("absent.keystore");
        KeystoreException e = assertThrows(KeystoreException.class, () -> Keystore.open(file, PASSPHRASE.clone()));
        assertEquals("keystore " + file + " does not exist; create it with 'vigil keys init'", e.getMessage());
    }

    @Test
    void wrongPassphraseIsNamedAndNotShown() {
        Path file = dir.resolve("vigil.keystore");
        create(file);
        String wrong = "not the right passphrase";
        KeystoreException e = assertThrows(KeystoreException.class, () -> Keystore.open(file, wrong.toCharArray()));
        assertEquals("wrong passphrase for keystore " + file, e.getMessage());
        assertFalse(e.getMessage().contains(wrong));
    }

    @Test
    void truncatedFileIsReportedAsCorrupted() throws Exception {
        Path file = dir.resolve("vigil.keystore");
        create(file);
        byte[] bytes = Files.readAllBytes(file);
        for (int length : new int[] {0, 10, KeystoreFormat.HEADER_LENGTH, bytes.length - 1}) {
            Files.write(file, Arrays.copyOf(bytes, length));
            KeystoreException e = assertThrows(KeystoreException.class, () -> Keystore.open(file, PASSPHRASE.clone()));
            assertTrue(e.getMessage().startsWith("keystore " + file + " is corrupted"), e.getMessage());
            assertTrue(e.getMessage().contains("truncated"), e.getMessage());
        }
    }

    @Test
    void everyFlippedBitIsReportedAsCorruptedNeverAsSuccess() throws Exception {
        Path file = dir.resolve("vigil.keystore");
        create(file);
        byte[] original = Files.readAllBytes(file);
        // One flip in every header byte and a sample of body bytes.
        for (int i = 0; i < original.length; i += i < KeystoreFormat.HEADER_LENGTH ? 1 : 7) {
            byte[] damaged = original.clone();
            damaged[i] ^= 0x10;
            Files.write(file, damaged);
            KeystoreException e = assertThrows(KeystoreException.class, () -> Keystore.open(file, PASSPHRASE.clone()),
                    "flip at byte " + i);
            assertTrue(e.getMessage().contains("is corrupted"), "flip at byte " + i + ": " + e.getMessage());
        }
    }

    @Test
    void rotationKeepsThePreviousKeyUntilRetired() {
        Path file = dir.resolve("vigil.keystore");
        Keystore first = create(file);
        byte[] oldKey = first.masterKey().getEncoded();

        Keystore rotated = first.rotateMasterKey(file, PASSPHRASE.clone());
        assertEquals(2, rotated.masterKeyId());
        assertFalse(Arrays.equals(oldKey, rotated.masterKey().getEncoded()));
        assertArrayEquals(oldKey, rotated.masterKey(1).orElseThrow().getEncoded());

        Keystore reopened = Keystore.open(file, PASSPHRASE.clone());
        assertEquals(2, reopened.masterKeyId());
        assertArrayEquals(rotated.masterKey().getEncoded(), reopened.masterKey().getEncoded());
        assertArrayEquals(oldKey, reopened.masterKey(1).orElseThrow().getEncoded());
        assertEquals(List.of(1, 2), reopened.masterKeys().stream().map(MasterKeyEntry::id).toList());
        // The signing key does not change with the master key.
        assertArrayEquals(first.ledgerKeyPair().getPublic().getEncoded(), reopened.ledgerKeyPair().getPublic().getEncoded());

        KeystoreException current = assertThrows(KeystoreException.class,
                () -> reopened.retireMasterKey(file, PASSPHRASE.clone(), 2));
        assertTrue(current.getMessage().contains("current"), current.getMessage());

        Keystore retired = reopened.retireMasterKey(file, PASSPHRASE.clone(), 1);
        assertTrue(retired.masterKey(1).isEmpty());
        assertTrue(Keystore.open(file, PASSPHRASE.clone()).masterKey(1).isEmpty());
        assertEquals(-1, ByteScan.indexOf(readUnchecked(file), oldKey));
    }

    @Test
    void rotationWithWrongPassphraseChangesNothing() throws Exception {
        Path file = dir.resolve("vigil.keystore");
        Keystore keystore = create(file);
        byte[] before = Files.readAllBytes(file);
        assertThrows(KeystoreException.class, () -> keystore.rotateMasterKey(file, "wrong passphrase!".toCharArray()));
        assertArrayEquals(before, Files.readAllBytes(file));
    }

    @Test
    void rewriteRaisesTheKdfCostAndChangesThePassphrase() {
        Path file = dir.resolve("vigil.keystore");
        Keystore keystore = create(file);
        KdfParameters stronger = new KdfParameters(2048, 2, 1);
        char[] newPassphrase = "a much better passphrase".toCharArray();
        keystore.rewrite(file, PASSPHRASE.clone(), newPassphrase.clone(), stronger);

        Keystore reopened = Keystore.open(file, newPassphrase.clone());
        assertEquals(stronger, reopened.kdfParameters());
        assertArrayEquals(keystore.masterKey().getEncoded(), reopened.masterKey().getEncoded());
        assertThrows(KeystoreException.class, () -> Keystore.open(file, PASSPHRASE.clone()));
    }

    @Test
    void defaultCostIsStoredAndOpens() {
        Path file = dir.resolve("vigil.keystore");
        Keystore created = Keystore.create(file, PASSPHRASE.clone());
        assertEquals(KdfParameters.DEFAULT, created.kdfParameters());
        Keystore opened = Keystore.open(file, PASSPHRASE.clone());
        assertEquals(KdfParameters.DEFAULT, opened.kdfParameters());
        assertArrayEquals(created.masterKey().getEncoded(), opened.masterKey().getEncoded());
        assertNotEquals(created.toString().indexOf("Keystore"), -1);
    }

    private static byte[] readUnchecked(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
