package io.vigil.gateway.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.config.Role;
import io.vigil.storage.LedgerEntry;
import io.vigil.storage.LedgerVerification;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.FluentWait;

/**
 * The whole viewing path in a real browser against the real gateway and store: a
 * security guard signs in, picks a camera and a time, states a purpose, the H.264
 * footage plays and seeks in a plain video element under the watermark, the clip is
 * exported and the viewing ended; a privacy officer then finds every step in the
 * ledger page with the right viewer, camera, purpose and footage range, and the chain
 * verifies.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ViewingPathTest extends BrowserPageTest {
    private static final String GUARD = "guard.kim";
    private static final String OFFICER = "officer.lee";
    private static final String MANAGER = "manager.han";
    private static final int SEGMENTS = 30; // one minute of footage
    private static final String RECIPIENT = "Police station 3, case 118";
    private static final String PURPOSE_TEXT = "Theft reported at ward 3 reception, ticket 2026-114";

    private Instant footageStart;

    @BeforeAll
    void recordFootageAndAccounts() throws Exception {
        footageStart = recordFootageTenMinutesAgo(SEGMENTS);
        addUser(GUARD, Role.SECURITY_STAFF, CAMERA);
        addUser(OFFICER, Role.PRIVACY_OFFICER);
        addUser(MANAGER, Role.PRIVACY_MANAGER, CAMERA);
    }

    /** First: it expects exactly one viewing of the guard in the ledger. */
    @Test
    @Order(1)
    void guardWatchesWithAPurposeAndTheOfficerSeesItInTheLedger() throws Exception {
        WebPages pages = new WebPages(chrome, gateway.baseUrl());
        Instant viewFrom = footageStart.plusSeconds(4);
        Map<String, Object> local = signInAndOpenTheFootagesDay(pages, viewFrom);
        statePurposeByKeyboard(local.get("time"));
        String grantId = assertPlaying();
        seekWithRangeRequests();
        assertWatermark();
        exportAndEnd(grantId);
        officerFindsTheViewingAsOneRow(pages, viewFrom);
        csvAndChainVerify();
    }

    /**
     * Signs in as the guard, picks the camera, then opens the footage's day (the browser's
     * local day) on the timeline; returns that day and the time to view from, as the page writes them.
     */
    private Map<String, Object> signInAndOpenTheFootagesDay(WebPages pages, Instant viewFrom) throws Exception {
        pages.login(GUARD, PASSWORD);
        chrome.waitUpTo(Duration.ofSeconds(20)).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("[data-camera='" + CAMERA + "'] .camera-link")));
        chrome.assertNoConsoleErrors("index.html");
        chrome.driver.findElement(By.cssSelector("[data-camera='" + CAMERA + "'] .camera-link")).click();
        chrome.waitUpTo(Duration.ofSeconds(20)).until(ExpectedConditions.urlContains("/camera.html?id=" + CAMERA));

        Map<String, Object> local = chrome.jsMap(
                "const d = new Date(arguments[0]); return {day: Vigil.isoDay(d), time: Vigil.fmtTime(d)};",
                viewFrom.toEpochMilli());
        String day = (String) local.get("day");
        chrome.driver.get(gateway.baseUrl() + "/camera.html?id=" + CAMERA + "&day=" + day);
        chrome.waitUpTo(Duration.ofSeconds(20)).until(d -> !d.findElements(By.cssSelector("#timeline .span-recorded")).isEmpty());
        assertTrue(chrome.driver.findElement(By.id("timeline-summary")).getText().contains("Recorded 1 min"),
                "timeline summary: " + chrome.driver.findElement(By.id("timeline-summary")).getText());
        chrome.assertNoConsoleErrors("camera.html");

        return local;
    }

    /** A time, then the purpose dialog, by keyboard only. */
    private void statePurposeByKeyboard(Object time) throws Exception {
        chrome.js("const t = document.getElementById('start-time'); t.value = arguments[0];", time);
        WebElement viewButton = chrome.driver.findElement(By.id("view-button"));
        viewButton.sendKeys(Keys.ENTER);
        chrome.waitUpTo(Duration.ofSeconds(10)).until(d -> Boolean.TRUE.equals(chrome.js("return document.getElementById('purpose-dialog').open;")));
        assertEquals("purpose-category", activeId(), "focus moves into the purpose dialog");
        WebElement category = chrome.driver.switchTo().activeElement();
        category.sendKeys("Crime");
        assertEquals("crime-prevention", chrome.js("return document.getElementById('purpose-category').value;"));
        category.sendKeys(Keys.TAB);
        assertEquals("purpose-text", activeId(), "Tab goes from the category to the text");
        assertTrue(Boolean.TRUE.equals(chrome.js(
                "const s = getComputedStyle(document.activeElement); return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;")),
                "the focused field shows a visible focus outline");
        // Measure in the page: from submitting the purpose to the first decoded frame
        // (grant issued and ledgered, MP4 assembled from encrypted segments, decoded).
        chrome.js("const v = document.getElementById('video'); window.vigilT0 = performance.now();"
                + "v.addEventListener('loadeddata', () => { window.vigilFirstFrameMs = performance.now() - window.vigilT0; }, {once: true});");
        chrome.driver.switchTo().activeElement().sendKeys(PURPOSE_TEXT, Keys.ENTER);

    }

    /** The player: frames decoded, time advancing, right size; returns the grant it plays under. */
    private String assertPlaying() throws Exception {
        chrome.waitUpTo(Duration.ofSeconds(20)).until(ExpectedConditions.visibilityOfElementLocated(By.id("player")));
        String grantId = chrome.driver.findElement(By.id("player")).getAttribute("data-grant");
        assertFalse(grantId == null || grantId.isBlank(), "the player knows its grant");
        assertFalse(chrome.driver.findElement(By.id("player-section")).getText().contains(grantId), "the grant id is no guard's word: not shown");
        chrome.waitUpTo(Duration.ofSeconds(30)).until(d -> ((Number) chrome.js(
                "const v = document.getElementById('video'); return v.currentTime;")).doubleValue() > 1.0);
        Map<String, Object> playing = chrome.jsMap("const v = document.getElementById('video'); return {"
                + "frames: v.getVideoPlaybackQuality().totalVideoFrames, width: v.videoWidth, height: v.videoHeight,"
                + "duration: v.duration, src: v.currentSrc, error: v.error ? v.error.code : 0};");
        assertTrue(((Number) playing.get("frames")).intValue() > 0, "frames decoded: " + playing);
        assertEquals(TestFootage.WIDTH, ((Number) playing.get("width")).intValue(), "videoWidth: " + playing);
        assertEquals(TestFootage.HEIGHT, ((Number) playing.get("height")).intValue(), "videoHeight: " + playing);
        assertEquals(0, ((Number) playing.get("error")).intValue(), "no media error: " + playing);
        assertTrue(((String) playing.get("src")).contains("/api/v1/grants/" + grantId + "/video.mp4?camera=" + CAMERA),
                "video source is the grant's MP4: " + playing.get("src"));
        assertTrue(((Number) playing.get("duration")).doubleValue() > 40,
                "the MP4 holds the granted minute less the 4 s before the start: " + playing);

        return grantId;
    }

    private void seekWithRangeRequests() throws Exception {
        Number firstFrameMs = (Number) chrome.js("return window.vigilFirstFrameMs;");
        assertNotNull(firstFrameMs, "loadeddata fired");
        @SuppressWarnings("unchecked")
        Map<String, Object> seeked = (Map<String, Object>) chrome.asyncJs("const done = arguments[arguments.length - 1];"
                + "const v = document.getElementById('video'); const t0 = performance.now();"
                + "v.addEventListener('seeked', () => done({at: v.currentTime, ms: performance.now() - t0}), {once: true});"
                + "v.currentTime = 40;");
        assertEquals(40.0, ((Number) seeked.get("at")).doubleValue(), 1.0, "position after seeking");
        Object timings = chrome.js("return performance.getEntriesByType('resource')"
                + ".filter(e => e.name.includes('/api/v1/grants'))"
                + ".map(e => e.name.replace(/^.*\\/api\\/v1\\/grants/, 'grants').replace(/\\?.*/, '')"
                + " + ' first byte ' + Math.round(e.responseStart - e.startTime) + ' ms').join('; ');");
        System.out.printf("web figures: purpose submitted -> first frame %.0f ms; seek to 40 s -> seeked %.0f ms; %s%n",
                firstFrameMs.doubleValue(), ((Number) seeked.get("ms")).doubleValue(), timings);
        chrome.waitUpTo(Duration.ofSeconds(20)).until(d -> ((Number) chrome.js(
                "return document.getElementById('video').currentTime;")).doubleValue() > 40.5);
        Number framesAfterSeek = (Number) chrome.asyncJs("const done = arguments[arguments.length - 1];"
                + "const v = document.getElementById('video');"
                + "v.requestVideoFrameCallback((now, meta) => done(meta.presentedFrames));");
        assertTrue(framesAfterSeek.intValue() > 0, "a frame is presented after seeking");

    }

    /** The watermark: viewer's name and the time, over the picture, never catching clicks. */
    private void assertWatermark() throws Exception {
        Map<String, Object> wm = chrome.jsMap("const w = document.getElementById('watermark');"
                + "const v = document.getElementById('video').getBoundingClientRect();"
                + "const r = w.getBoundingClientRect(); const s = getComputedStyle(w);"
                + "return {text: w.innerText, pointer: s.pointerEvents, visible: s.visibility !== 'hidden' && s.display !== 'none',"
                + "inside: r.top >= v.top && r.bottom <= v.bottom && r.left >= v.left && r.right <= v.right && r.height > 0};");
        assertTrue(((String) wm.get("text")).contains(GUARD), "watermark names the viewer: " + wm);
        assertTrue(((String) wm.get("text")).matches("(?s).*\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}.*"), "watermark shows the time: " + wm);
        assertEquals("none", wm.get("pointer"), "watermark lets clicks through to the controls");
        assertEquals(Boolean.TRUE, wm.get("visible"));
        assertEquals(Boolean.TRUE, wm.get("inside"), "watermark lies over the picture: " + wm);
        String before = (String) chrome.js("return document.getElementById('watermark-time').textContent;");
        chrome.waitUpTo(Duration.ofSeconds(5)).until(d -> !before.equals(chrome.js("return document.getElementById('watermark-time').textContent;")));
        chrome.screenshot("camera-player");
        chrome.assertNoConsoleErrors("camera.html while playing");

    }

    /** Export (saved by the browser as the server's ZIP) and end. */
    private void exportAndEnd(String grantId) throws Exception {
        chrome.driver.findElement(By.id("export-recipient")).sendKeys(RECIPIENT);
        new org.openqa.selenium.support.ui.Select(chrome.driver.findElement(By.id("export-basis"))).selectByValue("pipa-18-2-2");
        chrome.driver.findElement(By.id("export-button")).click();
        chrome.waitUpTo(Duration.ofSeconds(60)).until(d -> {
            String cls = d.findElement(By.id("export-message")).getAttribute("class");
            return cls.contains("message-ok") || cls.contains("message-error");
        });
        assertTrue(chrome.driver.findElement(By.id("export-message")).getAttribute("class").contains("message-ok"),
                "export: " + chrome.driver.findElement(By.id("export-message")).getText());
        Path zip = chrome.waitUpTo(Duration.ofSeconds(30)).until(d -> downloaded(".zip"));
        try (ZipFile z = new ZipFile(zip.toFile())) {
            assertNotNull(z.getEntry("clip.mp4"), "clip in the export");
            assertNotNull(z.getEntry("manifest.sig"), "signature in the export");
            String manifest = new String(z.getInputStream(z.getEntry("manifest.json")).readAllBytes(), StandardCharsets.UTF_8);
            for (String expected : List.of(grantId, CAMERA, GUARD, RECIPIENT)) {
                assertTrue(manifest.contains(expected), "manifest names " + expected + ": " + manifest);
            }
            byte[] clip = z.getInputStream(z.getEntry("clip.mp4")).readAllBytes();
            String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(clip));
            assertTrue(manifest.contains(sha), "manifest carries the clip's SHA-256");
        }
        chrome.driver.findElement(By.id("end-button")).click();
        chrome.waitUpTo(Duration.ofSeconds(20)).until(ExpectedConditions.visibilityOfElementLocated(By.id("ended-message")));
        assertTrue(chrome.driver.findElement(By.id("ended-message")).getText().contains("recorded in the ledger"),
                chrome.driver.findElement(By.id("ended-message")).getText());
        assertTrue(chrome.driver.findElement(By.id("player-section")).getAttribute("hidden") != null, "player hidden after the end");
        chrome.assertNoConsoleErrors("camera.html after the end");

    }

    /** The officer's ledger page: one row for the whole viewing, opened to its four steps. */
    private void officerFindsTheViewingAsOneRow(WebPages pages, Instant viewFrom) throws Exception {
        chrome.driver.findElement(By.id("logout")).click();
        chrome.waitUpTo(Duration.ofSeconds(20)).until(ExpectedConditions.urlContains("/login.html"));
        pages.login(OFFICER, PASSWORD);
        chrome.waitUpTo(Duration.ofSeconds(20)).until(ExpectedConditions.urlMatches(".*/(index\\.html)?$"));
        chrome.driver.get(gateway.baseUrl() + "/ledger.html?user=" + GUARD);
        chrome.waitUpTo(Duration.ofSeconds(20)).until(d -> !d.findElement(By.id("ledger-banner")).getText().isBlank()
                && !d.findElements(By.cssSelector("#ledger-rows tr.ledger-item")).isEmpty());
        assertEquals("Ledger chain verifies", chrome.driver.findElement(By.id("ledger-banner")).getText());

        // One row for the whole viewing (docs/ledger.md, "The officer's audit"), opened to its four steps.
        List<WebElement> viewings = chrome.driver.findElements(By.cssSelector("#ledger-rows tr.ledger-item.kind-viewing"));
        assertEquals(1, viewings.size(), "the viewing is one row");
        assertTrue(viewings.get(0).findElement(By.className("entry-summary")).getText().contains(PURPOSE_TEXT),
                viewings.get(0).getText());
        viewings.get(0).findElement(By.className("expand-button")).click();
        // Grant and viewing cover the requested range; the export records the clip it made,
        // which ends where the recording ends.
        Instant grantedTo = gateway.store.ledger().search(e -> e.record().type().equals("grant.issue"), 10).get(0).record().footageTo();
        Instant recordedTo = footageStart.plus(TestFootage.SEGMENT.multipliedBy(SEGMENTS));
        Map<String, Object> shown = chrome.jsMap("return {from: Vigil.fmtDateTime(arguments[0]), to: Vigil.fmtDateTime(arguments[1]),"
                        + " clipTo: Vigil.fmtDateTime(arguments[2])};",
                viewFrom.toString(), grantedTo.toString(), recordedTo.toString());
        for (String type : List.of("grant.issue", "view.start", "export", "view.end")) {
            List<WebElement> steps = chrome.driver.findElements(By.xpath(
                    "//tbody[@id='ledger-rows']//section[contains(@class,'ledger-entry')][.//dd[contains(@class,'field-type')][contains(., '(" + type + ")')]]"));
            assertEquals(1, steps.size(), "one " + type + " step in the viewing");
            WebElement step = steps.get(0);
            assertTrue(step.isDisplayed(), type + " shown once the row is opened");
            assertEquals(GUARD, step.findElement(By.className("field-actor")).getText(), type + " viewer");
            assertTrue(step.findElement(By.className("field-cameras")).getText().contains(CAMERA), type + " camera");
            assertTrue(step.findElement(By.className("field-purpose-category")).getText().startsWith("Crime prevention"), type + " purpose");
            assertEquals(PURPOSE_TEXT, step.findElement(By.className("field-purpose")).getText(), type + " purpose text");
            assertEquals(shown.get("from"), step.findElement(By.className("field-footage-from")).getText(), type + " footage from");
            if (type.equals("export")) {
                assertEquals(RECIPIENT, step.findElement(By.className("field-recipient")).getText(), "export recipient");
            }
            assertEquals(shown.get(type.equals("export") ? "clipTo" : "to"), step.findElement(By.className("field-footage-to")).getText(),
                    type + " footage to");
        }
    }

    /** The CSV of the search ends with a signed head; the chain verifies in the store itself. */
    private void csvAndChainVerify() throws Exception {
        chrome.driver.findElement(By.id("ledger-csv")).click();
        Path csv = chrome.waitUpTo(Duration.ofSeconds(30)).until(d -> downloaded(".csv"));
        String csvText = Files.readString(csv);
        assertTrue(csvText.contains(GUARD) && csvText.contains("grant.issue"), "CSV holds the viewing");
        // docs/api.md: after the entries, the head signed at export time as a second small table.
        List<String> lines = csvText.lines().toList();
        int headHeader = lines.indexOf("head_size,head_hash,head_time,signature,public_key");
        assertTrue(headHeader > 0 && headHeader + 1 < lines.size() && lines.get(headHeader + 1).split(",").length == 5,
                "CSV ends in the signed head: " + lines.subList(Math.max(0, lines.size() - 3), lines.size()));
        chrome.screenshot("ledger-officer");
        chrome.assertNoConsoleErrors("ledger.html");

        // --- and the chain verifies in the store itself, as `vigil ledger verify` checks it
        LedgerVerification v = gateway.store.ledger().verify();
        assertTrue(v.ok(), "ledger verifies: " + v.problem());
        Predicate<LedgerEntry> viewStart = e -> e.record().type().equals("view.start");
        LedgerEntry start = gateway.store.ledger().search(viewStart, 10).get(0);
        assertEquals(GUARD, start.record().actor());
        assertNotNull(start.record().footageFrom());
    }

    /**
     * A click on the timeline picks the time (in a gap: the start of the next recording),
     * and leaving the page while watching records the end of the viewing: the page sends
     * it with a keepalive fetch, as sendBeacon cannot carry the CSRF header.
     */
    @Test
    @Order(2)
    void timelineClickPicksTheRecordingAndLeavingThePageEndsTheViewing() throws Exception {
        chrome.driver.manage().deleteAllCookies();
        WebPages pages = new WebPages(chrome, gateway.baseUrl());
        pages.login(GUARD, PASSWORD);
        String day = (String) chrome.js("return Vigil.isoDay(new Date(arguments[0]));", footageStart.toEpochMilli());
        pages.open("/camera.html?id=" + CAMERA + "&day=" + day);
        WebElement recorded = chrome.waitUpTo(Duration.ofSeconds(20))
                .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#timeline .span-recorded")));
        WebElement timeline = chrome.driver.findElement(By.id("timeline"));
        int spanLeft = recorded.getRect().getX() - timeline.getRect().getX();
        int clickX = Math.max(1, spanLeft - 3);
        new Actions(chrome.driver)
                .moveToElement(timeline, clickX - timeline.getRect().getWidth() / 2, 0)
                .click().perform();
        chrome.waitUpTo(Duration.ofSeconds(10)).until(d -> Boolean.TRUE.equals(chrome.js("return document.getElementById('purpose-dialog').open;")));
        String expectedStart = (String) chrome.js("return Vigil.fmtTime(new Date(arguments[0]));", footageStart.toEpochMilli());
        if (spanLeft > 4) {
            assertEquals(expectedStart, chrome.js("return document.getElementById('start-time').value;"),
                    "a click just before the recording snaps to its start");
        }
        new org.openqa.selenium.support.ui.Select(chrome.driver.findElement(By.id("purpose-category"))).selectByValue("facility-safety");
        chrome.driver.findElement(By.id("purpose-text")).sendKeys("Check of the corridor fire door", Keys.ENTER);
        chrome.waitUpTo(Duration.ofSeconds(30)).until(d -> ((Number) chrome.js(
                "return document.getElementById('video').currentTime;")).doubleValue() > 0.5);
        String grantId = chrome.driver.findElement(By.id("player")).getAttribute("data-grant");
        Predicate<LedgerEntry> endOfThis = e -> e.record().type().equals("view.end")
                && e.record().details() != null && grantId.equals(e.record().details().get("grantId"));
        assertEquals(0, gateway.store.ledger().search(endOfThis, 10).size(), "not ended yet");

        pages.open("/");
        new FluentWait<>(gateway).withTimeout(Duration.ofSeconds(15)).pollingEvery(Duration.ofMillis(200))
                .until(g -> !g.store.ledger().search(endOfThis, 10).isEmpty());
        assertEquals(1, gateway.store.ledger().search(endOfThis, 10).size(), "view.end recorded when the page was left");
        chrome.assertNoConsoleErrors("camera.html and index.html");
    }

    /** Privacy managers list holds and read the ledger, but neither place nor release holds. */
    @Test
    @Order(3)
    void privacyManagerSeesHoldsReadOnly() throws Exception {
        // Leave the previous test's camera list first: its 5 s refresh, answered 401 once the
        // cookies are gone, would otherwise count as this page's console error.
        chrome.driver.get("about:blank");
        chrome.takeLog();
        chrome.driver.manage().deleteAllCookies();
        WebPages pages = new WebPages(chrome, gateway.baseUrl());
        pages.login(MANAGER, PASSWORD);
        pages.open("/holds.html");
        chrome.waitUpTo(Duration.ofSeconds(20)).until(d -> !d.findElements(By.cssSelector("#holds-rows tr")).isEmpty());
        assertEquals("No legal holds.", chrome.driver.findElement(By.cssSelector("#holds-rows tr")).getText());
        assertFalse(chrome.driver.findElement(By.id("place-section")).isDisplayed(), "no place form for managers");
        assertEquals(List.of("Cameras", "Live", "Several cameras", "Exports", "Ledger", "Legal holds", "Subject requests", "Kiosk"), chrome.driver.findElements(By.cssSelector("#app-header nav a"))
                .stream().map(WebElement::getText).toList(), "navigation for a privacy manager");
        chrome.screenshot("holds-manager");
        chrome.assertNoConsoleErrors("holds.html as privacy manager");
    }

    /** A finished download with that ending in the browser's download folder, or null while it is still coming. */
    private Path downloaded(String ending) {
        try (Stream<Path> files = Files.list(chrome.downloads)) {
            return files.filter(f -> f.getFileName().toString().endsWith(ending)).findFirst().orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    private String activeId() {
        return (String) chrome.js("return document.activeElement ? document.activeElement.id : null;");
    }
}
