package io.vigil.server.cli;

import io.vigil.config.CameraId;
import io.vigil.server.StoreOpener;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator's commands against a real data directory and keystore, in the order an
 * operator runs them: keys init, user add, ledger verify/export, fsck, purge --dry-run.
 */
class StoreCommandsTest {

    /** A two-camera config of an English-speaking site (the commands' messages are asserted in English). */
    static Path writeConfig(Path dir, String passphrase) throws Exception {
        return writeConfig(dir, passphrase, "en");
    }

    static Path writeConfig(Path dir, String passphrase, String language) throws Exception {
        Files.writeString(dir.resolve("keystore.pass"), passphrase + "\n");
        return Files.writeString(dir.resolve("vigil.yaml"), "language: " + language + "\n" + """
                dataDir: data
                keystore:
                  path: keystore.vks
                  passphrase: file:keystore.pass
                cameras:
                  - id: cam01
                    name: Entrance
                    location: Lobby
                    url: rtsp://127.0.0.1:1/cam01
                  - id: cam02
                    name: Pharmacy
                    location: Ground floor
                    url: rtsp://127.0.0.1:1/cam02
                """);
    }

    @Test
    void operatorLifecycle(@TempDir Path dir) throws Exception {
        Path cfg = writeConfig(dir, "correct horse battery staple");
        String c = cfg.toString();

        CliRun r = CliRun.of("keys", "init", "--config", c);
        assertEquals(0, r.exit(), r.err());
        Path keystore = dir.resolve("keystore.vks");
        assertTrue(Files.exists(keystore));
        assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE), Files.getPosixFilePermissions(keystore));
        byte[] before = Files.readAllBytes(keystore);

        r = CliRun.of("keys", "init", "--config", c);
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("exist"), r.err());
        assertArrayEquals(before, Files.readAllBytes(keystore), "an existing keystore is never overwritten");

        Path pw = Files.writeString(dir.resolve("alice.pw"), "a long enough password\n");
        r = CliRun.of("user", "add", "alice", "--role", "security-staff", "--cameras", "cam01", "--password-file", pw.toString(), "--config", c);
        assertEquals(0, r.exit(), r.err());

        Path weak = Files.writeString(dir.resolve("weak.pw"), "short\n");
        r = CliRun.of("user", "add", "bob", "--role", "security-staff", "--password-file", weak.toString(), "--config", c);
        assertEquals(1, r.exit());
        assertTrue(r.err().toLowerCase().contains("password"), r.err());
        assertFalse(r.err().contains("short"), "the password itself is never printed: " + r.err());

        r = CliRun.of("user", "add", "carol", "--role", "janitor", "--password-file", pw.toString(), "--config", c);
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("--role: unknown role 'janitor'"), r.err());

        r = CliRun.of("user", "add", "dave", "--role", "security-staff", "--cameras", "cam99", "--password-file", pw.toString(), "--config", c);
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("'cam99' is not a camera"), r.err());

        r = CliRun.of("fsck", "--config", c);
        assertEquals(0, r.exit(), r.err());

        r = CliRun.of("purge", "--dry-run", "--config", c);
        assertEquals(0, r.exit(), r.err());

        r = CliRun.of("ledger", "verify", "--config", c);
        assertEquals(0, r.exit(), r.err());
        // The latest head is printed and also kept beside the keystore, outside dataDir.
        String printed = r.out();
        String headLine = printed.lines().filter(l -> l.startsWith("vigil-ledger-head v1 ")).findFirst()
                .orElseThrow(() -> new AssertionError("no head line printed: " + printed));
        assertEquals(headLine, Files.readString(dir.resolve("keystore.vks.ledger-head")).strip());
        r = CliRun.of("ledger", "verify", "--config", c, "--head", headLine);
        assertEquals(0, r.exit(), r.err());
        r = CliRun.of("ledger", "verify", "--config", c, "--head", "vigil-ledger-head v1 nonsense");
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("--head: not a signed ledger head"), r.err());

        Path csv = dir.resolve("ledger.csv");
        r = CliRun.of("ledger", "export", "--config", c, "--out", csv.toString());
        assertEquals(0, r.exit(), r.err());
        String text = Files.readString(csv);
        assertTrue(text.contains("keys.init"), text);
        assertTrue(text.contains("head_size"), "CSV ends with the signed head: " + text);
        assertTrue(text.lines().anyMatch(l -> l.contains("ledger.export") && l.contains("cli:") && l.contains("ledger CSV")),
                "taking the whole ledger out is itself ledgered, and the signed head covers that entry: " + text);
    }

    @Test
    void wrongPassphraseAndMissingKeystoreAreClear(@TempDir Path dir) throws Exception {
        Path cfg = writeConfig(dir, "correct horse battery staple");
        assertEquals(0, CliRun.of("keys", "init", "--config", cfg.toString()).exit());

        CliRun r = CliRun.of("fsck", "--config", writeConfig(dir, "wrong horse battery staple").toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("wrong passphrase"), r.err());
        assertFalse(r.err().contains("horse"), "never print the passphrase");
        assertFalse(r.err().contains("\tat "), "no stack trace");

        Files.delete(dir.resolve("keystore.vks"));
        writeConfig(dir, "correct horse battery staple");
        r = CliRun.of("ledger", "verify", "--config", cfg.toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("does not exist") && r.err().contains("vigil keys init"), r.err());
    }

    @Test
    void missingPassphraseSourceIsNamed(@TempDir Path dir) throws Exception {
        Path cfg = writeConfig(dir, "correct horse battery staple");
        Files.writeString(cfg, Files.readString(cfg).replace("file:keystore.pass", "env:VIGIL_TEST_UNSET_PASSPHRASE"));
        CliRun r = CliRun.of("keys", "init", "--config", cfg.toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("VIGIL_TEST_UNSET_PASSPHRASE is not set"), r.err());
    }

    @Test
    void exportVerifyRejectsAFileThatIsNotAnExport(@TempDir Path dir) throws Exception {
        Path notZip = Files.writeString(dir.resolve("clip.zip"), "not a zip");
        CliRun r = CliRun.of("export", "verify", notZip.toString());
        assertEquals(1, r.exit());
        assertFalse(r.out().contains("export verifies"), r.out());
        r = CliRun.of("export", "verify", dir.resolve("absent.zip").toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("no such file"), r.err());
    }

    @Test
    void rotateRewrapsDayKeysAndFootageStaysReadable(@TempDir Path dir) throws Exception {
        Path cfg = writeConfig(dir, "correct horse battery staple");
        assertEquals(0, CliRun.of("keys", "init", "--config", cfg.toString()).exit());
        var config = io.vigil.config.ConfigLoader.load(cfg);
        byte[] footage = "not really an mp4, but bytes all the same".getBytes();
        java.time.Instant start = java.time.Instant.parse("2026-11-20T10:00:00Z");
        io.vigil.storage.SegmentKey key;
        try (var store = StoreOpener.open(config)) {
            key = store.segments().append(CameraId.of("cam01"), start, start.plusSeconds(2), 1, footage);
        }
        CliRun r = CliRun.of("keys", "rotate", "--config", cfg.toString());
        assertEquals(0, r.exit(), r.err());
        var ks = io.vigil.storage.keys.Keystore.open(config.keystore(), "correct horse battery staple".toCharArray());
        assertEquals(1, ks.masterKeys().size(), "old master keys are retired");
        assertEquals(2, ks.masterKeyId());
        try (var store = StoreOpener.open(config)) {
            assertArrayEquals(footage, store.segments().read(key), "footage reads back under the new master key");
            assertTrue(store.ledger().search(e -> e.record().type().equals("keys.rotate"), 10).size() == 1);
        }
    }
}
