package io.vigil.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.gateway.export.KeyFingerprint;
import io.vigil.storage.db.VigilDatabase;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vigil ledger public-key} and {@code vigil ledger verify --public-key FILE}: the
 * ledger checked with the public key alone after the keystore is gone (moved away here),
 * read-only; a tampered entry found and named; another key refused as such; in English and
 * Korean. Real RocksDB, real files, the real command line.
 */
class LedgerPublicKeyTest {

    @Test
    void theLedgerVerifiesWithThePublicKeyAloneAndATamperedRowIsFound(@TempDir Path dir) throws Exception {
        String c = StoreCommandsTest.writeConfig(dir, "correct horse battery staple").toString();
        assertEquals(0, CliRun.of("keys", "init", "--config", c).exit());
        Path pw = Files.writeString(dir.resolve("alice.pw"), "a long enough password\n");
        assertEquals(0, CliRun.of("user", "add", "alice", "--role", "security-staff", "--password-file", pw.toString(), "--config", c).exit());
        assertEquals(0, CliRun.of("user", "disable", "alice", "--config", c).exit());

        Path kept = Files.createDirectories(dir.resolve("kept-elsewhere"));
        Path pem = kept.resolve("ledger.pem");
        CliRun export = CliRun.of("ledger", "public-key", "--config", c, "--out", pem.toString());
        assertEquals(0, export.exit(), export.err());
        String fingerprint = KeyFingerprint.of(KeyFingerprint.read(pem));
        assertTrue(export.out().contains("Wrote the ledger's public key to " + pem) && export.out().contains(fingerprint), export.out());
        assertEquals(1, CliRun.of("ledger", "public-key", "--config", c, "--out", pem.toString()).exit(), "never overwrites");
        Path headLine = Files.copy(dir.resolve("keystore.vks.ledger-head"), kept.resolve("head.txt"));

        // The keystore is lost: verify needs no keystore and no passphrase, and changes nothing.
        Files.move(dir.resolve("keystore.vks"), kept.resolve("keystore.vks"));
        Files.delete(dir.resolve("keystore.pass"));
        Map<String, String> before = ReadOnlyCommandsTest.snapshot(dir.resolve("data"));
        CliRun ok = CliRun.of("ledger", "verify", "--public-key", pem.toString(), "--config", c);
        assertEquals(0, ok.exit(), ok.out() + ok.err());
        assertTrue(ok.out().contains("Ledger verifies with the public key alone") && ok.out().contains(fingerprint), ok.out());
        assertEquals(before, ReadOnlyCommandsTest.snapshot(dir.resolve("data")), "a read-only check changes nothing");
        CliRun fromHead = CliRun.of("ledger", "verify", "--public-key", headLine.toString(), "--config", c);
        assertEquals(0, fromHead.exit(), "the key taken from a kept head line: " + fromHead.out() + fromHead.err());
        CliRun korean = CliRun.in(CliRun.ENGLISH, "ledger", "verify", "--public-key", pem.toString(), "--config", c, "--lang", "ko");
        assertTrue(korean.out().contains("공개키만으로 관리대장 검증 통과"), korean.out());

        // Another key is refused as another key, not reported as forged heads.
        var other = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic();
        Path otherPem = Files.writeString(kept.resolve("other.pem"), KeyFingerprint.pem(other));
        CliRun wrong = CliRun.of("ledger", "verify", "--public-key", otherPem.toString(), "--config", c);
        assertEquals(1, wrong.exit(), wrong.out());
        assertTrue(wrong.out().contains("LEDGER NOT CHECKED: its signed heads were not made with the key in " + otherPem)
                && wrong.out().contains(KeyFingerprint.of(other)), wrong.out());
        Path notAKey = Files.writeString(kept.resolve("notes.txt"), "remember to buy milk\n");
        CliRun garbage = CliRun.of("ledger", "verify", "--public-key", notAKey.toString(), "--config", c);
        assertEquals(1, garbage.exit());
        assertTrue(garbage.err().contains(notAKey + ": not an Ed25519 public key") && garbage.err().contains("--public-key"), garbage.err());
        CliRun both = CliRun.of("ledger", "verify", "--public-key", pem.toString(), "--head", "x", "--config", c);
        assertEquals(2, both.exit());
        assertTrue(both.err().contains("not both"), both.err());

        // Someone edits entry 2 (the account added) in the index while Vigil is stopped.
        try (VigilDatabase db = VigilDatabase.open(dir.resolve("data"))) {
            byte[] key = ByteBuffer.allocate(8).putLong(2).array();
            byte[] row = db.db().get(db.cf(VigilDatabase.LEDGER), key);
            row[row.length - 1] ^= 1;
            db.db().put(db.cf(VigilDatabase.LEDGER), db.syncWrite(), key, row);
        }
        CliRun tampered = CliRun.of("ledger", "verify", "--public-key", pem.toString(), "--config", c);
        assertEquals(1, tampered.exit(), tampered.out());
        assertTrue(tampered.out().contains("LEDGER DOES NOT VERIFY at entry 2: entry 2 was edited"), tampered.out());
        CliRun tamperedKo = CliRun.in(CliRun.KOREAN, "ledger", "verify", "--public-key", pem.toString(), "--config", c, "--lang", "ko");
        assertEquals(1, tamperedKo.exit());
        assertTrue(tamperedKo.out().contains("관리대장 검증 실패, 항목 2"), tamperedKo.out());
        for (CliRun r : new CliRun[] {export, ok, fromHead, korean, wrong, garbage, both, tampered, tamperedKo}) {
            assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
            CliLanguageTest.assertNoMissingKey(r);
        }
    }
}
