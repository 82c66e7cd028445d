package io.vigil.storage.ledger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.storage.Ledger;
import io.vigil.storage.LedgerCsv;
import io.vigil.storage.LedgerEntry;
import io.vigil.storage.LedgerRecord;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LedgerCsvTest {
    private static final Instant T0 = Instant.parse("2026-11-24T09:00:00Z");

    @TempDir
    Path dir;

    @Test
    void quotesOnlyWhatRfc4180Requires() {
        assertEquals("plain", LedgerCsv.quote("plain"));
        assertEquals("\"a,b\"", LedgerCsv.quote("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", LedgerCsv.quote("say \"hi\""));
        assertEquals("\"two\r\nlines\"", LedgerCsv.quote("two\r\nlines"));
        assertEquals("\"lf\nonly\"", LedgerCsv.quote("lf\nonly"));
        assertEquals("", LedgerCsv.quote(""));
        // Formula-looking values never reach a cell as a formula.
        assertEquals("\"'=HYPERLINK(\"\"http://x\"\")\"", LedgerCsv.quote("=HYPERLINK(\"http://x\")"));
        assertEquals("'+1", LedgerCsv.quote("+1"));
        assertEquals("'-2+3", LedgerCsv.quote("-2+3"));
        assertEquals("'@SUM(A1)", LedgerCsv.quote("@SUM(A1)"));
        assertEquals("\"'=1,2\"", LedgerCsv.quote("=1,2"));
        assertEquals("'\tx", LedgerCsv.quote("\tx"));
    }

    @Test
    void exportRoundTripsThroughAnRfc4180ParserAndEndsWithAValidHead() throws Exception {
        LedgerRecord awkward = new LedgerRecord("export", T0, "O'Brien, Pat", "cam-01,cam-02",
                T0.minusSeconds(600), T0.minusSeconds(60), "police request \"urgent\"\nsecond line", "Officer Kim",
                "PIPA Art. 18(2)7", "MP4 export", "30 days", Map.of("ticket", "A-1", "client", "10.1.2.3"));
        try (LedgerTestDb rocks = new LedgerTestDb(dir)) {
            RocksLedger ledger = new RocksLedger(rocks.db, rocks.entries, rocks.heads, LedgerTestDb.newSigningKey(),
                    Clock.fixed(T0, ZoneOffset.UTC));
            ledger.append(LedgerRecord.of("keys.init", T0, "admin", Map.of()));
            LedgerEntry second = ledger.append(awkward);
            StringWriter out = new StringWriter();
            Ledger.SignedHead head = LedgerCsv.export(ledger, out);

            List<List<String>> rows = parse(out.toString());
            assertEquals(LedgerCsv.COLUMNS, rows.get(0));
            assertEquals(List.of("1", "keys.init", "2026-11-24T09:00:00Z", "admin", "", "", "", "", "", "", "", "", "",
                    HexFormat.of().formatHex(ledger.range(1, 1).get(0).hash())), rows.get(1));
            assertEquals(List.of("2", "export", "2026-11-24T09:00:00Z", "O'Brien, Pat", "cam-01,cam-02",
                    "2026-11-24T08:50:00Z", "2026-11-24T08:59:00Z", "police request \"urgent\"\nsecond line",
                    "Officer Kim", "PIPA Art. 18(2)7", "MP4 export", "30 days",
                    "{\"client\":\"10.1.2.3\",\"ticket\":\"A-1\"}", HexFormat.of().formatHex(second.hash())), rows.get(2));
            assertEquals(List.of(""), rows.get(3));
            assertEquals(LedgerCsv.HEAD_COLUMNS, rows.get(4));
            List<String> headRow = rows.get(5);
            assertEquals(6, rows.size());
            assertEquals("2", headRow.get(0));
            assertEquals(HexFormat.of().formatHex(second.hash()), headRow.get(1));
            assertEquals(T0.toString(), headRow.get(2));
            Ledger.SignedHead parsed = new Ledger.SignedHead(Long.parseLong(headRow.get(0)),
                    HexFormat.of().parseHex(headRow.get(1)), Instant.parse(headRow.get(2)),
                    Base64.getDecoder().decode(headRow.get(3)), Base64.getDecoder().decode(headRow.get(4)));
            assertArrayEquals(head.signature(), parsed.signature());
            assertTrue(HeadSigner.verify(parsed, ledger.publicKey()), "the exported head verifies");
            assertTrue(out.toString().contains("\r\n"));
        }
    }

    @Test
    void filteredExportKeepsOnlyMatchingRowsAndEndsWithAHeadOverTheWholeLedger() throws Exception {
        try (LedgerTestDb rocks = new LedgerTestDb(dir)) {
            RocksLedger ledger = new RocksLedger(rocks.db, rocks.entries, rocks.heads, LedgerTestDb.newSigningKey(),
                    Clock.fixed(T0, ZoneOffset.UTC));
            ledger.append(LedgerRecord.of("login", T0, "kim", Map.of()));
            LedgerEntry lee = ledger.append(LedgerRecord.of("login", T0, "lee", Map.of()));
            ledger.append(LedgerRecord.of("logout", T0, "kim", Map.of()));
            StringWriter out = new StringWriter();
            Ledger.SignedHead head = LedgerCsv.export(ledger, out, e -> e.record().actor().equals("lee"));

            List<List<String>> rows = parse(out.toString());
            assertEquals(LedgerCsv.COLUMNS, rows.get(0));
            assertEquals(2, rows.indexOf(List.of("")), "header, one entry row, then the head: " + rows);
            assertEquals(List.of("2", "login", "2026-11-24T09:00:00Z", "lee"), rows.get(1).subList(0, 4));
            assertEquals(HexFormat.of().formatHex(lee.hash()), rows.get(1).get(13));
            assertEquals("3", rows.get(4).get(0), "the head covers all three entries");
            assertEquals(3, head.size());
            assertTrue(HeadSigner.verify(head, ledger.publicKey()));
        }
    }

    @Test
    void writeWithoutHeadHasNoHeadSection() throws Exception {
        StringWriter out = new StringWriter();
        LedgerCsv.write(List.of(), Optional.empty(), out);
        assertEquals(String.join(",", LedgerCsv.COLUMNS) + "\r\n", out.toString());
    }

    /** A strict RFC 4180 reader, written here so the test does not trust the writer's assumptions. */
    static List<List<String>> parse(String csv) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        int i = 0;
        boolean quoted = false;
        while (i < csv.length()) {
            char c = csv.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                    cell.append('"');
                    i += 2;
                } else if (c == '"') {
                    quoted = false;
                    i++;
                } else {
                    cell.append(c);
                    i++;
                }
            } else if (c == '"') {
                quoted = true;
                i++;
            } else if (c == ',') {
                row.add(cell.toString());
                cell.setLength(0);
                i++;
            } else if (c == '\r' && i + 1 < csv.length() && csv.charAt(i + 1) == '\n') {
                row.add(cell.toString());
                cell.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i += 2;
            } else {
                if (c == '\r' || c == '\n') {
                    throw new AssertionError("bare line break outside quotes at " + i);
                }
                cell.append(c);
                i++;
            }
        }
        if (quoted || !row.isEmpty() || cell.length() > 0) {
            throw new AssertionError("CSV does not end with CRLF after a complete row");
        }
        return rows;
    }
}
