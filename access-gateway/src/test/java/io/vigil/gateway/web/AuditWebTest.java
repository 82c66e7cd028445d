package io.vigil.gateway.web;

import io.vigil.config.CameraId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.gateway.GatewayFixture;
import io.vigil.gateway.GatewayFixture.Login;
import io.vigil.gateway.i18n.Messages;
import io.vigil.storage.LedgerEntry;
import io.vigil.storage.holds.LegalHold;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The privacy officer's audit in Chromium (issue 14, "The officer's audit"; issue 11's
 * management ledger): a search by camera and footage time answers who watched and why, in
 * one grouped row per viewing that opens to labelled fields; a legal hold placed from that
 * row covers exactly its footage; the CSV of a search holds only matching rows and ends with
 * a signed head, with a formula-looking user name neutralised; the printable management
 * ledger shows the policy's columns, in English and in Korean.
 */
class AuditWebTest {
    private static final String WALLET = "wallet reported stolen at the emergency desk";
    private static final String FORMULA_USER = "=HYPERLINK(\"http://x.test\",\"y\")";
    private static final String RECIPIENT = "Police station 3, case 118";

    @TempDir
    Path tmp;
    private GatewayFixture f;
    private HeadlessChromium chrome;

    @AfterEach
    void stop() {
        if (chrome != null) chrome.close();
        if (f != null) f.close();
    }

    /** staff watches cam-01 (played, exported, ended), staff2 states a purpose on cam-01 later, staff watches cam-02. */
    private void recordViewings() throws Exception {
        Login staff = f.login("staff");
        String grant = f.post("/api/v1/grants", GatewayFixture.grantBody(GatewayFixture.T0, GatewayFixture.T0.plusSeconds(60), "cam-01")
                .replace("theft reported in ward A", WALLET), staff).body().replaceAll("(?s).*\"grantId\"\\s*:\\s*\"([^\"]+)\".*", "$1");
        f.clock.advance(Duration.ofSeconds(30));
        assertEquals(200, f.getBytes("/api/v1/grants/" + grant + "/video.mp4?camera=cam-01", staff).statusCode());
        f.clock.advance(Duration.ofSeconds(60));
        assertEquals(200, f.post("/api/v1/grants/" + grant + "/export?camera=cam-01", "{\"recipient\":\"" + RECIPIENT + "\",\"legalBasis\":\"warrant\"}", staff).statusCode());
        f.clock.advance(Duration.ofSeconds(60));
        assertEquals(200, f.post("/api/v1/grants/" + grant + "/end", "{}", staff).statusCode());
        f.clock.advance(Duration.ofMinutes(10));
        f.grant(f.login("staff2"), "cam-01");
        f.clock.advance(Duration.ofMinutes(5));
        f.grant(f.login("staff"), "cam-02"); // a new sign-in: the first session went idle
        // A sign-in attempt under a name a spreadsheet would run: the ledger keeps the typed name.
        assertEquals(401, f.post("/api/v1/login", "{\"username\":\"" + FORMULA_USER.replace("\"", "\\\"") + "\",\"password\":\"nope-nope\"}", null).statusCode());
        f.clock.advance(Duration.ofMinutes(1));
    }

    private void openAsOfficer(String lang) throws Exception {
        chrome = HeadlessChromium.start();
        WebPages pages = new WebPages(chrome, f.uri("").toString());
        pages.open("/login.html");
        chrome.driver.manage().addCookie(new Cookie("vigil_lang", lang));
        pages.login("officer", GatewayFixture.PASSWORD);
    }

    private String local(Instant i) {
        return (String) chrome.js("return Vigil.fmtDateTime(arguments[0]).replace(' ', 'T');", i.toString());
    }

    private void waitForRows() {
        chrome.waitUpTo(Duration.ofSeconds(30)).until(d -> !d.findElement(By.id("ledger-count")).getText().isBlank()
                && !d.findElement(By.id("ledger-count")).getText().contains("…"));
    }

    @Test
    void whoWatchedACameraAndWhyThenHoldThatFootage() throws Exception {
        f = new GatewayFixture(tmp);
        recordViewings();
        openAsOfficer("en");
        chrome.driver.get(f.uri("/ledger.html").toString());
        waitForRows();
        // The officer types the camera and the footage time of the incident, and searches.
        chrome.driver.findElement(By.id("f-camera")).sendKeys("cam-01");
        setValue("f-footage-from", local(GatewayFixture.T0));
        setValue("f-footage-to", local(GatewayFixture.T0.plusSeconds(30)));
        chrome.driver.findElement(By.id("ledger-search")).click();
        chrome.waitUpTo(Duration.ofSeconds(30)).until(d -> d.findElements(By.cssSelector("#ledger-rows tr.ledger-item")).size() == 2);
        List<WebElement> rows = chrome.driver.findElements(By.cssSelector("#ledger-rows tr.ledger-item"));
        assertEquals(List.of("staff2", "staff"), rows.stream().map(r -> r.findElement(By.className("entry-actor")).getText()).toList(),
                "both viewings of cam-01's footage, newest first; not staff's cam-02 viewing");
        WebElement staffRow = rows.get(1);
        String said = staffRow.findElement(By.className("entry-summary")).getText();
        assertTrue(said.startsWith("staff watched Camera cam-01, footage ") && said.contains("for: " + WALLET)
                && said.contains("Exported 1 clip(s) for " + RECIPIENT), said);
        assertTrue(rows.get(0).findElement(By.className("entry-summary")).getText().contains("No footage was played."));

        // Opened, the row shows its four steps as labelled fields, not key=value.
        staffRow.findElement(By.className("expand-button")).click();
        WebElement detail = chrome.driver.findElement(By.id(staffRow.findElement(By.className("expand-button")).getAttribute("aria-controls")));
        chrome.waitUpTo(Duration.ofSeconds(10)).until(ExpectedConditions.visibilityOf(detail));
        List<WebElement> steps = detail.findElements(By.cssSelector("section.ledger-entry"));
        assertEquals(List.of("grant.issue", "view.start", "export", "view.end"), steps.stream()
                .map(s -> s.findElement(By.className("field-type")).getText().replaceAll(".*\\((.*)\\)$", "$1")).toList());
        WebElement export = steps.get(2);
        assertEquals(RECIPIENT, export.findElement(By.className("field-recipient")).getText());
        assertEquals(WALLET, export.findElement(By.className("field-purpose")).getText());
        List<String> labels = export.findElements(By.tagName("dt")).stream().map(WebElement::getText).toList();
        assertTrue(labels.containsAll(List.of("Staff member", "Cameras", "Footage from", "Footage to", "Purpose as stated",
                "Recipient or requester", "Form", "Viewing grant", "Clip SHA-256")), labels.toString());
        assertFalse(detail.getText().contains("grantId="), "no raw key=value: " + detail.getText());
        chrome.screenshot("audit-ledger-grouped");

        // A hold from that row keeps exactly that footage, nothing retyped.
        detail.findElement(By.className("hold-button")).click();
        chrome.waitUpTo(Duration.ofSeconds(10)).until(ExpectedConditions.visibilityOfElementLocated(By.id("hold-reason")));
        chrome.driver.findElement(By.id("hold-reason")).sendKeys("police asked to keep the theft footage");
        chrome.driver.findElement(By.id("hold-reference")).sendKeys("case 118");
        chrome.driver.findElement(By.id("hold-submit")).click();
        chrome.waitUpTo(Duration.ofSeconds(20)).until(d -> d.findElement(By.id("ledger-ok")).isDisplayed());
        List<LegalHold> holds = f.gateway.context().holds().all();
        assertEquals(1, holds.size());
        LegalHold hold = holds.get(0);
        LedgerEntry grantEntry = f.store.ledger().search(e -> e.record().type().equals("grant.issue") && e.record().actor().equals("staff")
                && e.record().cameraIds().equals("cam-01"), 10).get(0);
        assertEquals(List.of(CameraId.of("cam-01")), hold.cameraIds());
        assertEquals(grantEntry.record().footageFrom(), hold.from());
        assertEquals(grantEntry.record().footageTo(), hold.to());
        assertEquals("officer", hold.placedBy());
        chrome.assertNoConsoleErrors("ledger.html");
    }

    private void setValue(String id, String value) {
        chrome.js("document.getElementById(arguments[0]).value = arguments[1];", id, value);
    }

    @Test
    void csvOfASearchHoldsOnlyItsRowsEndsSignedAndNeutralisesFormulas() throws Exception {
        f = new GatewayFixture(tmp);
        recordViewings();
        openAsOfficer("en");
        Instant from = GatewayFixture.NOW.plusSeconds(60);
        Instant to = GatewayFixture.NOW.plus(Duration.ofMinutes(20));
        chrome.driver.get(f.uri("/ledger.html?user=staff&from=" + local(from) + "&to=" + local(to)).toString());
        waitForRows();
        chrome.driver.findElement(By.id("ledger-csv")).click();
        List<String> lines = readCsv(".csv");
        List<String> entries = lines.subList(1, lines.indexOf(""));
        assertFalse(entries.isEmpty(), "the search found entries");
        for (String row : entries) {
            String[] cells = row.split(",", -1);
            assertEquals("staff", cells[3], row);
            Instant t = Instant.parse(cells[2]);
            assertTrue(!t.isBefore(from) && t.isBefore(to), "inside the time filter: " + row);
        }
        assertSignedHead(lines);

        chrome.driver.get(f.uri("/ledger.html?user=" + java.net.URLEncoder.encode(FORMULA_USER, StandardCharsets.UTF_8)).toString());
        waitForRows();
        Files.list(chrome.downloads).forEach(p -> p.toFile().delete());
        chrome.driver.findElement(By.id("ledger-csv")).click();
        List<String> formula = readCsv(".csv");
        List<String> rows = formula.subList(1, formula.indexOf(""));
        assertEquals(1, rows.size(), "the one failed sign-in: " + rows);
        assertTrue(rows.get(0).contains(",\"'=HYPERLINK(\"\"http://x.test\"\",\"\"y\"\")\","), "neutralised: " + rows.get(0));
        assertSignedHead(formula);
        chrome.assertNoConsoleErrors("ledger.html");
    }

    private List<String> readCsv(String suffix) {
        Path csv = chrome.waitUpTo(Duration.ofSeconds(30)).until(d -> {
            try (Stream<Path> s = Files.list(chrome.downloads)) {
                return s.filter(p -> p.toString().endsWith(suffix)).findFirst().orElse(null);
            } catch (java.io.IOException e) {
                return null;
            }
        });
        try {
            return List.of(Files.readString(csv, StandardCharsets.UTF_8).split("\r\n", -1));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The last table is one signed head whose size and hash are the ledger's own at that entry. */
    private void assertSignedHead(List<String> lines) {
        int head = lines.indexOf("head_size,head_hash,head_time,signature,public_key");
        assertTrue(head > 0, "a head table: " + lines);
        String[] cells = lines.get(head + 1).split(",");
        assertEquals(5, cells.length);
        long size = Long.parseLong(cells[0]);
        assertEquals(HexFormat.of().formatHex(f.store.ledger().range(size, size).get(0).hash()), cells[1], "head hash is the ledger's");
        assertTrue(lines.subList(head + 2, lines.size()).stream().allMatch(String::isEmpty), "the head is the last line");
    }

    @Test
    void printableManagementLedgerInThePolicysColumns() throws Exception {
        f = new GatewayFixture(tmp);
        recordViewings();
        openAsOfficer("ko");
        chrome.driver.get(f.uri("/ledger-report.html?from=2026-11-24&to=2026-11-24").toString());
        chrome.waitUpTo(Duration.ofSeconds(30)).until(d -> !d.findElement(By.id("report-summary")).getText().isBlank());
        Map<String, String> ko = Messages.get().bundle("ko");
        List<String> headings = chrome.driver.findElements(By.cssSelector("#report-table thead th")).stream().map(WebElement::getText).toList();
        assertEquals(Stream.of("number", "type", "time", "footage", "staff", "purpose", "party", "basis", "form", "period", "entry")
                .map(c -> ko.get("mgmt.col." + c)).toList(), headings);
        List<WebElement> rows = chrome.driver.findElements(By.cssSelector("#report-rows tr[data-type]"));
        assertEquals(List.of("use", "provision", "use", "use"), rows.stream().map(r -> r.getAttribute("data-type")).toList(),
                "three viewings are use, the export a provision; sign-ins are not in the policy's form");
        WebElement provision = rows.get(1);
        assertEquals("제공", provision.findElement(By.className("col-typeLabel")).getText());
        assertEquals(RECIPIENT, provision.findElement(By.className("col-party")).getText());
        assertEquals(ko.get("export.basis.warrant"), provision.findElement(By.className("col-legalBasis")).getText(), "the export's legal basis, in Korean");
        assertTrue(provision.findElement(By.className("col-footage")).getText().startsWith("Camera cam-01 (cam-01), 2026-11-24 19:00:00"),
                provision.findElement(By.className("col-footage")).getText());
        assertTrue(rows.get(0).findElement(By.className("col-purpose")).getText().endsWith(WALLET));
        chrome.screenshot("audit-management-ledger-ko");
        chrome.assertNoConsoleErrors("ledger-report.html");

        // The ledger and holds pages speak Korean too, sentences included.
        chrome.driver.get(f.uri("/ledger.html?user=staff2").toString());
        chrome.waitUpTo(Duration.ofSeconds(30)).until(d -> !d.findElements(By.cssSelector("#ledger-rows tr.ledger-item")).isEmpty());
        assertEquals(ko.get("ledger.heading"), chrome.driver.findElement(By.tagName("h1")).getText());
        String said = chrome.driver.findElement(By.cssSelector("#ledger-rows tr.ledger-item .entry-summary")).getText();
        assertTrue(said.startsWith("staff2님이 Camera cam-01의 ") && said.contains("영상을 열람함") && said.contains(ko.get("ledger.say.notPlayed")), said);
        chrome.assertNoConsoleErrors("ledger.html in Korean");
        chrome.driver.get(f.uri("/holds.html").toString());
        chrome.waitUpTo(Duration.ofSeconds(30)).until(d -> !d.findElements(By.cssSelector("#holds-rows tr")).isEmpty());
        assertEquals(ko.get("holds.heading"), chrome.driver.findElement(By.tagName("h1")).getText());
        assertEquals(ko.get("holds.none"), chrome.driver.findElement(By.cssSelector("#holds-rows tr")).getText());
        assertEquals(ko.get("holds.place.submit"), chrome.driver.findElement(By.id("place-submit")).getText());
        chrome.assertNoConsoleErrors("holds.html in Korean");

        HttpResponse<String> csv = f.get("/api/v1/ledger/management.csv?from=2026-11-23T15:00:00Z&to=2026-11-24T15:00:00Z&lang=en", f.login("officer"));
        assertEquals(200, csv.statusCode(), csv.body());
        List<String> lines = List.of(csv.body().split("\r\n", -1));
        assertEquals("\uFEFFNo.,Type,Date and time,\"Footage (camera, range)\",Staff member,Purpose,Requester or recipient,"
                + "Legal basis,Form,Period,Ledger entry", lines.get(0), "English headings asked with lang=en");
        assertEquals(5, lines.indexOf(""), "heading and four rows, then the head: " + lines);
        assertTrue(lines.get(2).startsWith("2,Provision,2026-11-24 21:01:30,"), lines.get(2));
        assertSignedHead(lines);
    }
}
