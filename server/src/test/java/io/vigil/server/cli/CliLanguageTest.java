package io.vigil.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line in Korean and English, in-process with its output captured: usage help,
 * a bad option, a port out of range and a port in use, the account commands' outputs and a
 * refusal, and the rule that picks the language (--lang, else the config's language, else
 * the locale). Each output is checked for Hangul (or its absence) and for a bundle key
 * shown in brackets, the sign of a missing text.
 */
class CliLanguageTest {

    @Test
    void usageHelpFollowsTheLocaleAndLangOverridesIt() {
        CliRun ko = CliRun.in(CliRun.KOREAN, "--help");
        assertEquals(0, ko.exit(), ko.err());
        assertTrue(ko.out().startsWith("사용법: vigil"), ko.out());
        assertTrue(ko.out().contains("명령:"), ko.out());
        assertTrue(ko.out().contains("CCTV 영상 보관·접근 통제 서버"), ko.out());
        assertTrue(ko.out().lines().anyMatch(l -> l.trim().startsWith("demo ") && hangul(l)), "subcommands in Korean: " + ko.out());
        assertTrue(ko.out().contains("--lang=LANG"), ko.out());

        CliRun en = CliRun.in(CliRun.KOREAN, "--lang", "en", "--help");
        assertTrue(en.out().startsWith("Usage: vigil"), en.out());
        assertFalse(hangul(en.out()), "--lang en wins over LANG=ko_KR.UTF-8: " + en.out());

        CliRun sub = CliRun.in(Map.of("LC_ALL", "ko_KR.UTF-8", "LANG", "en_US.UTF-8"), "ledger", "verify", "--help");
        assertTrue(sub.out().contains("--public-key=FILE") && sub.out().contains("이 공개키만으로 점검합니다"), "LC_ALL before LANG: " + sub.out());
        assertTrue(sub.out().contains("Vigil 설정 파일(YAML)"), "the shared --config option too: " + sub.out());
        assertFalse(sub.out().contains("check with this public key alone"), sub.out());
    }

    @Test
    void aBadOptionIsRefusedInTheOperatorsLanguage() {
        CliRun ko = CliRun.in(CliRun.KOREAN, "demo", "--bogus");
        assertEquals(2, ko.exit());
        assertTrue(ko.err().contains("vigil: 알 수 없는 옵션: --bogus"), ko.err());
        assertTrue(ko.err().contains("'vigil demo --help'로 사용법을 확인하십시오."), ko.err());
        CliRun en = CliRun.in(CliRun.ENGLISH, "--lang", "en", "demo", "--bogus");
        assertEquals(2, en.exit());
        assertTrue(en.err().contains("vigil: unknown option: --bogus") && en.err().contains("Try 'vigil demo --help'."), en.err());

        CliRun missing = CliRun.in(CliRun.KOREAN, "user", "list");
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("빠짐: --config=FILE이(가) 필요합니다"), missing.err());
        CliRun notANumber = CliRun.in(CliRun.KOREAN, "demo", "--port", "abc");
        assertEquals(2, notANumber.exit());
        assertTrue(notANumber.err().contains("--port=PORT의 값이 잘못되었습니다: 'abc'"), notANumber.err());
        CliRun outOfRange = CliRun.in(CliRun.KOREAN, "demo", "--port", "99999", "--dir", "/nonexistent/never-created");
        assertEquals(2, outOfRange.exit());
        assertTrue(outOfRange.err().contains("'--port'의 값이 잘못되었습니다: 99999은(는) 포트가 아닙니다"), outOfRange.err());
        for (CliRun r : new CliRun[] {ko, en, missing, notANumber, outOfRange}) assertNoMissingKey(r);
    }

    @Test
    void aBusyPortIsNamedInBothLanguagesBeforeAnythingStarts(@TempDir Path dir) throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String port = Integer.toString(busy.getLocalPort());
            CliRun ko = CliRun.in(CliRun.KOREAN, "demo", "--port", port, "--camera-port", "0", "--cameras", "1", "--dir", dir.resolve("ko").toString());
            assertEquals(1, ko.exit(), ko.err());
            assertTrue(ko.err().contains("포트 " + port + "을(를) 이미 다른 프로그램이 쓰고 있습니다"), ko.err());
            assertTrue(ko.err().contains("웹 뷰어(HTTPS)") && ko.err().contains("--port으로 다른 포트를 고르십시오"), ko.err());
            CliRun sim = CliRun.in(CliRun.KOREAN, "camera-sim", "--listen", "127.0.0.1:" + port);
            assertEquals(1, sim.exit(), sim.err());
            assertTrue(sim.err().contains("모의 카메라의 RTSP 서버") && sim.err().contains("--listen"), sim.err());
            CliRun en = CliRun.in(CliRun.ENGLISH, "--lang", "en", "demo", "--port", port, "--camera-port", "0", "--cameras", "1", "--dir", dir.resolve("en").toString());
            assertTrue(en.err().contains("port " + port + " is already in use") && en.err().contains("choose another with --port"), en.err());
            assertFalse(Files.exists(dir.resolve("ko")) || Files.exists(dir.resolve("en")), "nothing was written before the check");
            for (CliRun r : new CliRun[] {ko, sim, en}) {
                assertFalse(r.err().contains("BindException"), r.err());
                assertNoMissingKey(r);
            }
        }
    }

    @Test
    void serveNamesTheSettingThatChangesABusyPort(@TempDir Path dir) throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Path cfg = StoreCommandsTest.writeConfig(dir, "correct horse battery staple", "ko");
            Files.writeString(cfg, Files.readString(cfg) + "listen:\n  https: 127.0.0.1:" + busy.getLocalPort() + "\n");
            CliRun ko = CliRun.in(CliRun.ENGLISH, "serve", "--config", cfg.toString());
            assertEquals(1, ko.exit(), ko.err());
            assertTrue(ko.err().contains("포트 " + busy.getLocalPort()) && ko.err().contains(cfg + "의 listen.https을(를) 바꾸십시오"), ko.err());
            CliRun en = CliRun.in(CliRun.KOREAN, "serve", "--config", cfg.toString(), "--lang", "en");
            assertTrue(en.err().contains("port " + busy.getLocalPort() + " is already in use")
                    && en.err().contains("the web viewer (HTTPS)") && en.err().contains("change listen.https in " + cfg), en.err());
            assertFalse(Files.exists(dir.resolve("data")), "nothing was started or written");
        }
    }

    @Test
    void theConfigsLanguageDecidesOverTheLocale(@TempDir Path dir) throws Exception {
        String c = StoreCommandsTest.writeConfig(dir, "correct horse battery staple", "ko").toString();
        CliRun init = CliRun.in(CliRun.ENGLISH, "keys", "init", "--config", c);
        assertEquals(0, init.exit(), init.err());
        assertTrue(init.out().contains("키 저장소") && init.out().contains("을(를) 만들었습니다"), "a Korean site: " + init.out());
        Path pw = Files.writeString(dir.resolve("alice.pw"), "a long enough password\n");
        CliRun add = CliRun.in(CliRun.ENGLISH, "user", "add", "alice", "--role", "security-staff", "--cameras", "cam01",
                "--password-file", pw.toString(), "--config", c);
        assertEquals(0, add.exit(), add.err());
        assertTrue(add.out().contains("사용자 alice(security-staff)을(를) 추가했습니다") && add.out().contains("카메라 승인"), add.out());
        CliRun list = CliRun.in(CliRun.ENGLISH, "user", "list", "--config", c);
        assertTrue(list.out().lines().findFirst().orElse("").matches("사용자 +역할 +상태 +카메라"), list.out());
        assertTrue(list.out().lines().anyMatch(l -> l.startsWith("alice ") && l.contains("활성") && l.contains("(제안: cam01, 제안자 cli:")),
                list.out());
        CliRun refused = CliRun.in(CliRun.ENGLISH, "user", "disable", "nobody", "--config", c);
        assertEquals(1, refused.exit());
        assertTrue(refused.err().startsWith("vigil: ") && hangul(refused.err()) && refused.err().contains("nobody"),
                "the account refusal from the web's Korean bundle: " + refused.err());
        CliRun unknownRole = CliRun.in(CliRun.ENGLISH, "user", "add", "bob", "--role", "janitor", "--password-file", pw.toString(), "--config", c);
        assertTrue(unknownRole.err().contains("--role: 알 수 없는 역할 'janitor'"), unknownRole.err());
        CliRun english = CliRun.in(CliRun.KOREAN, "user", "list", "--config", c, "--lang", "en");
        assertTrue(english.out().startsWith("USER") && !hangul(english.out()), "--lang en wins over the config: " + english.out());
        CliRun dryRun = CliRun.in(CliRun.ENGLISH, "purge", "--dry-run", "--config", c);
        assertEquals(0, dryRun.exit(), dryRun.err());
        assertTrue(dryRun.out().contains("파기 계획") && dryRun.out().contains("보관기간 14일"), dryRun.out());
        for (CliRun r : new CliRun[] {init, add, list, refused, unknownRole, english, dryRun}) assertNoMissingKey(r);
    }

    @Test
    void keystoreMistakesAreToldInKorean(@TempDir Path dir) throws Exception {
        String c = StoreCommandsTest.writeConfig(dir, "correct horse battery staple", "ko").toString();
        CliRun missing = CliRun.in(CliRun.ENGLISH, "fsck", "--config", c);
        assertEquals(1, missing.exit());
        assertTrue(missing.err().contains("keystore.vks이(가) 없습니다. 'vigil keys init --config FILE'로 만드십시오"), missing.err());
        assertEquals(0, CliRun.in(CliRun.ENGLISH, "keys", "init", "--config", c).exit());
        CliRun again = CliRun.in(CliRun.ENGLISH, "keys", "init", "--config", c);
        assertEquals(1, again.exit());
        assertTrue(again.err().contains("keystore.vks이(가) 이미 있습니다"), again.err());
        StoreCommandsTest.writeConfig(dir, "wrong horse battery staple", "ko");
        CliRun wrong = CliRun.in(CliRun.ENGLISH, "fsck", "--config", c);
        assertEquals(1, wrong.exit());
        assertTrue(wrong.err().contains("keystore.vks의 암호문구가 틀렸습니다") && !wrong.err().contains("horse"), wrong.err());
        for (CliRun r : new CliRun[] {missing, again, wrong}) assertNoMissingKey(r);
    }

    static boolean hangul(String s) {
        return s.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HANGUL);
    }

    /** A text missing from a bundle shows as its key in brackets. */
    static void assertNoMissingKey(CliRun r) {
        assertFalse((r.out() + r.err()).matches("(?s).*\\[[a-z]+\\.[A-Za-z0-9.]+].*"), "a bundle key without words: " + r.out() + r.err());
    }
}
