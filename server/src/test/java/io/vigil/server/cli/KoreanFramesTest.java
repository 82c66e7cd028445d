package io.vigil.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.storage.db.VigilDatabase;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the lower layers say inside the command line's translated frames, run on a Korean
 * site with an English locale (the site's language decides): a config problem's explanation,
 * the ledger verifier's account of a tampered entry, fsck's findings, an export verifier's
 * problems, the store's and the passphrase's errors. Each output is Korean and holds no
 * English sentence (names, codes and paths are single tokens and stay as they are).
 */
class KoreanFramesTest {
    /** Three words of Latin letters in a row: an English sentence left in a Korean frame. */
    private static final Pattern ENGLISH_RUN = Pattern.compile("(?<![\\w:/.'{<-])[A-Za-z]{2,}(?:[ ]+[A-Za-z]{2,}){2,}(?![\\w:/.'}>-])");
    private static final String PASS = "correct horse battery staple";

    @Test
    void aConfigsProblemsAreExplainedInKorean(@TempDir Path dir) throws Exception {
        Path bad = Files.writeString(dir.resolve("site.yaml"), """
                language: ko
                dataDir: /data
                segmentDuration: 10ms
                keystore:
                  path: /data/keystore.vks
                  passphrase: hunter2
                retention:
                  days: 30
                access:
                  allowedNetworks:
                    janitor: [10.0.0.0/8]
                cameras:
                  - id: Cam 1
                    location: Lobby
                    url: http://cam/stream
                """);
        CliRun check = CliRun.in(CliRun.ENGLISH, "config", "check", bad.toString());
        assertEquals(1, check.exit(), check.err());
        assertTrue(check.err().contains("retention.days: 30일은 법정 최대 보관 기간 14일"), check.err());
        assertTrue(check.err().contains("keystore.passphrase: 비밀 값 참조는 'env:VARIABLE' 또는 'file:/path/to/file'이어야"), check.err());
        assertTrue(check.err().contains("access.allowedNetworks.janitor: 알 수 없는 역할 'janitor'"), check.err());
        assertTrue(check.err().contains("cameras[0].url: rtsp:// 또는 rtsps:// URL이어야 합니다"), check.err());
        assertKoreanOnly(check.err());
        CliRun serve = CliRun.in(CliRun.ENGLISH, "serve", "--config", bad.toString());
        assertEquals(1, serve.exit());
        assertTrue(serve.err().contains("설정에 문제가") && serve.err().contains("segmentDuration: 10 ms는 범위를 벗어납니다"), serve.err());
        assertKoreanOnly(serve.err());
    }

    @Test
    void aTamperedLedgerIsExplainedInKorean(@TempDir Path dir) throws Exception {
        String c = StoreCommandsTest.writeConfig(dir, PASS, "ko").toString();
        assertEquals(0, CliRun.of("keys", "init", "--config", c).exit());
        Path pw = Files.writeString(dir.resolve("alice.pw"), "a long enough password\n");
        assertEquals(0, CliRun.of("user", "add", "alice", "--role", "security-staff", "--password-file", pw.toString(), "--config", c).exit());
        try (VigilDatabase db = VigilDatabase.open(dir.resolve("data"))) {
            byte[] key = ByteBuffer.allocate(8).putLong(2).array();
            byte[] row = db.db().get(db.cf(VigilDatabase.LEDGER), key);
            row[row.length - 1] ^= 1;
            db.db().put(db.cf(VigilDatabase.LEDGER), db.syncWrite(), key, row);
        }
        CliRun verify = CliRun.in(CliRun.ENGLISH, "ledger", "verify", "--config", c);
        assertEquals(1, verify.exit(), verify.out() + verify.err());
        assertTrue(verify.out().contains("관리대장 검증 실패, 항목 2: 항목 2이(가) 수정되었습니다: 내용이 해시와 더 이상 맞지 않습니다"), verify.out());
        assertKoreanOnly(verify.out());
        CliRun english = CliRun.in(CliRun.KOREAN, "ledger", "verify", "--config", c, "--lang", "en");
        assertTrue(english.out().contains("LEDGER DOES NOT VERIFY at entry 2: entry 2 was edited"), english.out());
    }

    @Test
    void fsckTheStoreAndThePassphraseSpeakKorean(@TempDir Path dir) throws Exception {
        Path cfg = StoreCommandsTest.writeConfig(dir, PASS, "ko");
        String c = cfg.toString();
        assertEquals(0, CliRun.of("keys", "init", "--config", c).exit());
        Path pw = Files.writeString(dir.resolve("bob.pw"), "a long enough password\n");
        try (VigilDatabase running = VigilDatabase.open(dir.resolve("data"))) { // as if 'vigil serve' held the data directory
            CliRun inUse = CliRun.in(CliRun.ENGLISH, "user", "add", "bob", "--role", "administrator", "--password-file", pw.toString(), "--config", c);
            assertEquals(1, inUse.exit(), inUse.out() + inUse.err());
            assertTrue(inUse.err().contains("저장소 오류: ") && inUse.err().contains("다른 Vigil 프로세스가 쓰고 있습니다"), inUse.err());
            assertKoreanOnly(inUse.err());
        }

        Path segments = Files.createDirectories(dir.resolve("data/segments"));
        Files.writeString(segments.resolve("stray.txt"), "left here by someone");
        Files.createDirectories(segments.resolve("cam01/not-a-day"));
        CliRun fsck = CliRun.in(CliRun.ENGLISH, "fsck", "--config", c);
        assertEquals(1, fsck.exit(), fsck.out() + fsck.err());
        assertTrue(fsck.out().contains("unknown-file " + segments.resolve("stray.txt") + ": 카메라 디렉터리가 아닙니다 -> 없음: 운영자가 살펴보도록 남겨 둡니다"),
                fsck.out());
        assertTrue(fsck.out().contains("세그먼트 디렉터리가 아닙니다"), fsck.out());
        assertKoreanOnly(fsck.out());

        Files.writeString(cfg, Files.readString(cfg).replace("file:keystore.pass", "env:VIGIL_TEST_UNSET_PASSPHRASE"));
        CliRun unset = CliRun.in(CliRun.ENGLISH, "fsck", "--config", c);
        assertEquals(1, unset.exit());
        assertTrue(unset.err().contains("환경 변수 VIGIL_TEST_UNSET_PASSPHRASE이(가) 설정되지 않았습니다"), unset.err());
        assertKoreanOnly(unset.err());
    }

    @Test
    void anExportsProblemsAreToldInKorean(@TempDir Path dir) throws Exception {
        Path zip = dir.resolve("clip.zip");
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out)) {
            z.putNextEntry(new ZipEntry("clip.mp4"));
            z.write("not a video".getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
        }
        CliRun ko = CliRun.in(CliRun.ENGLISH, "--lang", "ko", "export", "verify", zip.toString());
        assertEquals(1, ko.exit(), ko.out() + ko.err());
        assertTrue(ko.out().contains("manifest.json이(가) 내보내기에 없습니다") && ko.out().contains("manifest.sig이(가) 내보내기에 없습니다"), ko.out());
        assertKoreanOnly(ko.out());
        Path notZip = Files.writeString(dir.resolve("notes.zip"), "not a zip");
        CliRun broken = CliRun.in(CliRun.ENGLISH, "--lang", "ko", "export", "verify", notZip.toString());
        assertTrue(broken.out().contains("notes.zip은(는) 읽을 수 있는 zip 파일이 아닙니다"), broken.out());
        assertKoreanOnly(broken.out());
    }

    /** Hangul, no bundle key without words, and no English sentence. */
    static void assertKoreanOnly(String output) {
        assertTrue(CliLanguageTest.hangul(output), output);
        assertTrue(!output.matches("(?s).*\\[[a-z]+\\.[A-Za-z0-9.]+].*"), "a key without words: " + output);
        List<String> runs = new ArrayList<>();
        Matcher m = ENGLISH_RUN.matcher(output);
        while (m.find()) runs.add(m.group());
        assertEquals(List.of(), runs, "English left in: " + output);
    }
}
