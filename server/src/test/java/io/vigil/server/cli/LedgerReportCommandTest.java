package io.vigil.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.config.ConfigLoader;
import io.vigil.server.StoreOpener;
import io.vigil.storage.LedgerEventType;
import io.vigil.storage.LedgerRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vigil ledger report}: the management ledger of a period as CSV, in Korean or English, and clear refusals. */
class LedgerReportCommandTest {

    @Test
    void writesThePeriodsRowsInThePolicysColumnsAndEndsWithASignedHead(@TempDir Path dir) throws Exception {
        Path cfg = StoreCommandsTest.writeConfig(dir, "correct horse battery staple", "ko");
        assertEquals(0, CliRun.of("keys", "init", "--config", cfg.toString()).exit());
        Instant viewed = Instant.parse("2026-11-20T01:00:00Z"); // 10:00 in Seoul, the default zone
        try (var store = StoreOpener.open(ConfigLoader.load(cfg))) {
            store.ledger().append(LedgerRecord.builder(LedgerEventType.GRANT_ISSUE, viewed, "kim").cameras("cam01")
                    .footage(viewed.minusSeconds(600), viewed.minusSeconds(300)).purpose("crime-prevention: lost wallet")
                    .details(Map.of("grantId", "g1")).build());
            store.ledger().append(LedgerRecord.builder(LedgerEventType.EXPORT, viewed.plusSeconds(60), "kim").cameras("cam01")
                    .footage(viewed.minusSeconds(600), viewed.minusSeconds(300)).purpose("crime-prevention: lost wallet")
                    .recipient("=cmd|' /C calc'!A0").form("MP4 export with signed manifest").details(Map.of("grantId", "g1")).build());
            store.ledger().append(LedgerRecord.builder(LedgerEventType.GRANT_ISSUE, viewed.plusSeconds(86400 * 2), "lee").cameras("cam02")
                    .purpose("crime-prevention: another day").details(Map.of("grantId", "g2")).build());
        }
        Path csv = dir.resolve("report.csv");
        CliRun r = CliRun.of("ledger", "report", "--from", "2026-11-20", "--to", "2026-11-20", "--lang", "en", "--out", csv.toString(),
                "--config", cfg.toString());
        assertEquals(0, r.exit(), r.err());
        List<String> lines = List.of(Files.readString(csv, StandardCharsets.UTF_8).split("\r\n", -1));
        assertEquals("\uFEFFNo.,Type,Date and time,\"Footage (camera, range)\",Staff member,Purpose,Requester or recipient,"
                + "Legal basis,Form,Period,Ledger entry", lines.get(0));
        assertTrue(lines.get(1).startsWith("1,Use,2026-11-20 10:00:00,\"Entrance (cam01), 2026-11-20 09:50:00 – 2026-11-20 09:55:00\",kim,"
                + "Crime prevention for customer safety (video policy Art. 1 ②): lost wallet,none (inside the hospital),"), lines.get(1));
        assertTrue(lines.get(2).startsWith("2,Provision,2026-11-20 10:01:00,") && lines.get(2).contains(",'=cmd|' /C calc'!A0,"),
                "the other day's viewing is left out; a formula-looking recipient is neutralised: " + lines.get(2));
        assertEquals("", lines.get(3));
        assertEquals("head_size,head_hash,head_time,signature,public_key", lines.get(4));

        Path ko = dir.resolve("report-ko.csv");
        r = CliRun.of("ledger", "report", "--from", "2026-11-20", "--to", "2026-11-20", "--out", ko.toString(), "--config", cfg.toString());
        assertEquals(0, r.exit(), r.err());
        String korean = Files.readString(ko, StandardCharsets.UTF_8);
        assertTrue(korean.startsWith("\uFEFF번호,구분,일시,") && korean.contains("\r\n1,이용,"), "the site's language (ko) by default: " + korean);
        try (var store = StoreOpener.open(ConfigLoader.load(cfg))) {
            assertEquals(2, store.ledger().search(e -> e.record().type().equals("ledger.export")
                    && "management ledger CSV".equals(e.record().form()) && e.record().actor().startsWith("cli:"), 10).size(),
                    "each report is ledgered");
        }
    }

    @Test
    void badDaysAndLanguagesAreRefusedByName(@TempDir Path dir) throws Exception {
        Path cfg = StoreCommandsTest.writeConfig(dir, "correct horse battery staple");
        assertEquals(0, CliRun.of("keys", "init", "--config", cfg.toString()).exit());
        CliRun r = CliRun.of("ledger", "report", "--from", "20.11.2026", "--to", "2026-11-20", "--config", cfg.toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("--from 20.11.2026: not a day; write it as YYYY-MM-DD"), r.err());
        r = CliRun.of("ledger", "report", "--from", "2026-11-21", "--to", "2026-11-20", "--config", cfg.toString());
        assertTrue(r.err().contains("--to 2026-11-20: must not be before --from 2026-11-21"), r.err());
        r = CliRun.of("ledger", "report", "--from", "2026-11-20", "--to", "2026-11-20", "--lang", "fr", "--config", cfg.toString());
        assertEquals(2, r.exit(), "a language Vigil does not speak is a bad option");
        assertTrue(r.err().contains("--lang fr: must be one of ko, en"), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace");
    }

    @Test
    void aKoreanSiteIsToldItsMistakesInKorean(@TempDir Path dir) throws Exception {
        Path cfg = StoreCommandsTest.writeConfig(dir, "correct horse battery staple", "ko");
        assertEquals(0, CliRun.of("keys", "init", "--config", cfg.toString()).exit());
        CliRun r = CliRun.of("ledger", "report", "--from", "20.11.2026", "--to", "2026-11-20", "--config", cfg.toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("--from 20.11.2026: 날짜가 아닙니다. YYYY-MM-DD로 쓰십시오"), r.err());
        r = CliRun.of("ledger", "report", "--from", "2026-11-20", "--to", "2026-11-20", "--lang", "fr", "--config", cfg.toString());
        assertTrue(r.err().contains("--lang fr: 다음 중 하나여야 합니다: ko, en"), r.err());
    }
}
