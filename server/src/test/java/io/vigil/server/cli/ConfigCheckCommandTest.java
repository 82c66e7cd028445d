package io.vigil.server.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigCheckCommandTest {

    @Test
    void helpListsEverySubcommandWithOneLine() {
        CliRun r = CliRun.of("--help");
        assertEquals(0, r.exit());
        for (String sub : new String[] {"demo", "serve", "config", "user", "keys", "fsck", "ledger", "purge", "export", "camera-sim"}) {
            assertTrue(r.out().lines().anyMatch(l -> l.trim().startsWith(sub + " ") && l.trim().length() > sub.length() + 5),
                    "help lists " + sub + " with a description:\n" + r.out());
        }
    }

    @Test
    void validExamplePrintsASummary() {
        // The example is a Korean site: its summary is Korean unless --lang en is given.
        CliRun r = CliRun.of("config", "check", "../vigil.example.yaml", "--lang", "en");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("Configuration is valid."), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("Cameras: +16")), r.out());
        assertTrue(r.out().contains("14 days"), r.out());
        r = CliRun.of("config", "check", "../vigil.example.yaml");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("설정이 올바릅니다."), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("카메라: +16")), r.out());
        assertTrue(r.out().contains("14일"), r.out());
        assertFalse(r.out().contains("[summary."), "every label has its words: " + r.out());
    }

    @Test
    void invalidFileListsEveryProblemAndExitsNonZero(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("bad.yaml"), """
                dataDir: /d
                keystore:
                  path: /k/keystore.vks
                  passphrase: not-a-reference
                retention:
                  days: 40
                cameras:
                  - id: cam01
                    location: Lobby
                    url: rtsp://user:topsecret@10.0.0.1/s
                """);
        // A file that does not set `language` is a Korean site, problems or not: the frame is Korean.
        CliRun ko = CliRun.of("config", "check", f.toString());
        assertEquals(1, ko.exit());
        assertTrue(ko.err().contains("bad.yaml: 문제 3개:"), ko.err());
        CliRun r = CliRun.of("config", "check", f.toString(), "--lang", "en");
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("bad.yaml: 3 problem(s):"), r.err());
        assertTrue(r.err().contains("bad.yaml:4: keystore.passphrase"), r.err());
        assertTrue(r.err().contains("bad.yaml:6: retention.days"), r.err());
        assertTrue(r.err().contains("bad.yaml:10: cameras[0].url"), r.err());
        assertFalse(r.err().contains("topsecret"), "never print secrets");
        assertFalse(r.err().contains("Exception"), "no stack trace: " + r.err());
    }

    @Test
    void aDeprecatedKeyIsAWarningInTheSummaryInBothLanguages(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("old.yaml"), """
                dataDir: /var/lib/vigil
                keystore: {path: /etc/vigil/keystore.vks, passphrase: "env:VIGIL_PASS"}
                cameras:
                  - {id: cam01, name: Entrance, location: Lobby, url: "rtsp://10.0.0.1/s"}
                subjectRequests:
                  viewingPlace: privacy office, main building 2F
                """);
        CliRun ko = CliRun.of("config", "check", f.toString());
        assertEquals(0, ko.exit(), ko.err());
        assertTrue(ko.out().contains("경고 1개 (Vigil은 시작하지만 파일을 고치십시오)"), ko.out());
        assertTrue(ko.out().contains("old.yaml:6: subjectRequests.viewingPlace"), ko.out());
        CliRun en = CliRun.of("config", "check", f.toString(), "--lang", "en");
        assertTrue(en.out().contains("Warnings: 1 (Vigil starts, but change the file)") && en.out().contains("subjectRequests.viewingPlace"),
                en.out());
    }

    @Test
    void missingFileAndBadArgumentsAreClear() {
        CliRun r = CliRun.of("config", "check", "/nonexistent/vigil.yaml");
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("/nonexistent/vigil.yaml: file does not exist"), r.err());
        r = CliRun.of("config", "check");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("missing: FILE is required"), r.err());
        r = CliRun.of("frobnicate");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("unexpected argument(s): frobnicate"), r.err());
    }
}
