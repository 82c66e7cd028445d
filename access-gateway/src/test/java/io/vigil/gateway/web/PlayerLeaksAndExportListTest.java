package io.vigil.gateway.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.config.Role;
import io.vigil.storage.LedgerEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Issue 12's "closing the easy leaks", in a real browser against the real gateway: the
 * player offers no picture-in-picture, no browser download and no bare-video fullscreen;
 * its fullscreen is the player with the watermark on it; the export list shows each
 * guard their own exports and an officer all of them, with the clip hash the ledger
 * holds; and the dark theme is chosen once and kept.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlayerLeaksAndExportListTest extends BrowserPageTest {
    private static final String GUARD = "guard.park";
    private static final String OTHER_GUARD = "guard.choi";
    private static final String OFFICER = "officer.jung";
    private static final String RECIPIENT = "Police station 5, case 2026-77";

    private Instant footageStart;

    @BeforeAll
    void recordFootageAndAccounts() throws Exception {
        footageStart = recordFootageTenMinutesAgo(15);
        addUser(GUARD, Role.SECURITY_STAFF, CAMERA);
        addUser(OTHER_GUARD, Role.SECURITY_STAFF, CAMERA);
        addUser(OFFICER, Role.PRIVACY_OFFICER);
    }

    @Test
    @Order(1)
    void thePlayerHasNoSideDoorsAndItsFullscreenKeepsTheWatermark() throws Exception {
        pages.login(GUARD, PASSWORD);
        startViewing();

        Map<String, Object> video = chrome.jsMap("const v = document.getElementById('video');"
                + "return {pip: v.disablePictureInPicture, list: Array.from(v.controlsList).join(' ')};");
        assertEquals(Boolean.TRUE, video.get("pip"), "picture-in-picture disabled: " + video);
        for (String token : List.of("nodownload", "nofullscreen", "noremoteplayback")) {
            assertTrue(((String) video.get("list")).contains(token), "controlsList has " + token + ": " + video);
        }
        Object pipRefused = chrome.asyncJs("const done = arguments[arguments.length - 1];"
                + "document.getElementById('video').requestPictureInPicture().then(() => done('entered'), (e) => done(e.name));");
        assertNotEquals("entered", pipRefused, "a script cannot open picture-in-picture either");

        chrome.driver.findElement(By.id("fullscreen-button")).click();
        chrome.waitUpTo(Duration.ofSeconds(10)).until(d -> "player".equals(chrome.js(
                "return document.fullscreenElement ? document.fullscreenElement.id : null;")));
        Map<String, Object> full = chrome.jsMap("const w = document.getElementById('watermark');"
                + "const r = w.getBoundingClientRect(); const s = getComputedStyle(w);"
                + "return {inside: document.fullscreenElement.contains(w), text: w.innerText,"
                + " visible: s.visibility !== 'hidden' && s.display !== 'none' && r.height > 0,"
                + " label: document.getElementById('fullscreen-button').textContent,"
                + " videoWidth: document.getElementById('video').getBoundingClientRect().width, screen: window.innerWidth};");
        assertEquals(Boolean.TRUE, full.get("inside"), "the watermark is inside what is fullscreen: " + full);
        assertEquals(Boolean.TRUE, full.get("visible"), "and shown: " + full);
        assertTrue(((String) full.get("text")).contains(GUARD), "watermark names the viewer in fullscreen: " + full);
        assertEquals("Leave full screen", full.get("label"));
        assertTrue(((Number) full.get("videoWidth")).doubleValue() >= ((Number) full.get("screen")).doubleValue() - 1,
                "the video fills the screen: " + full);

        chrome.driver.findElement(By.id("fullscreen-button")).click();
        chrome.waitUpTo(Duration.ofSeconds(10)).until(d -> chrome.js("return document.fullscreenElement;") == null);
        assertEquals("Full screen", chrome.driver.findElement(By.id("fullscreen-button")).getText());
        chrome.assertNoConsoleErrors("camera.html fullscreen");
    }

    @Test
    @Order(2)
    void theExportListShowsWhoExportedWhatForWhomWithTheLedgersHash() throws Exception {
        chrome.driver.findElement(By.id("export-recipient")).sendKeys(RECIPIENT);
        // The legal basis is required: without it nothing leaves and the dialog says why.
        chrome.driver.findElement(By.id("export-button")).click();
        chrome.waitUpTo(Duration.ofSeconds(20)).until(d -> d.findElement(By.id("export-message")).getText().contains("Choose the legal basis"));
        assertTrue(gateway.store.ledger().search(e -> e.record().type().equals("export"), 10).isEmpty(), "no export without a basis");
        new org.openqa.selenium.support.ui.Select(chrome.driver.findElement(By.id("export-basis"))).selectByValue("warrant");
        chrome.driver.findElement(By.id("export-button")).click();
        chrome.waitUpTo(Duration.ofSeconds(60)).until(d -> d.findElement(By.id("export-message")).getAttribute("class").contains("message-ok"));
        LedgerEntry export = gateway.store.ledger().search(e -> e.record().type().equals("export"), 10).get(0);
        assertEquals("warrant", export.record().details().get("legalBasis"));
        assertEquals("Criminal Procedure Act Art. 215 (search and seizure warrant)", export.record().legalBasis());
        String sha = export.record().details().get("sha256");

        chrome.driver.findElement(By.cssSelector("#app-header nav a[href='/exports.html']")).click();
        WebElement row = chrome.waitUpTo(Duration.ofSeconds(20)).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#exports-rows tr[data-entry='" + export.number() + "']")));
        String text = row.getText();
        for (String expected : List.of(GUARD, CAMERA, RECIPIENT, sha, "crime-prevention", "A search and seizure warrant (Criminal Procedure Act Art. 215)")) {
            assertTrue(text.contains(expected), "export row shows " + expected + ": " + text);
        }
        assertTrue(chrome.driver.findElement(By.id("exports-scope")).getText().contains("you exported"));
        chrome.assertNoConsoleErrors("exports.html as the guard");

        pages.logout();
        pages.login(OTHER_GUARD, PASSWORD);
        pages.open("/exports.html");
        chrome.waitUpTo(Duration.ofSeconds(20)).until(d -> !d.findElements(By.cssSelector("#exports-rows td.empty")).isEmpty());
        assertTrue(chrome.driver.findElements(By.cssSelector("#exports-rows tr[data-entry]")).isEmpty(),
                "another guard does not see this guard's exports");

        pages.logout();
        pages.login(OFFICER, PASSWORD);
        pages.open("/exports.html");
        WebElement officerRow = chrome.waitUpTo(Duration.ofSeconds(20)).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#exports-rows tr[data-entry='" + export.number() + "']")));
        assertTrue(officerRow.getText().contains(sha) && officerRow.getText().contains(GUARD), "officer sees every export: " + officerRow.getText());
        assertTrue(chrome.driver.findElement(By.id("exports-scope")).getText().contains("Every clip"));
        chrome.assertNoConsoleErrors("exports.html as the officer");
    }

    @Test
    @Order(3)
    void theDarkThemeIsChosenOnceAndKept() {
        pages.open("/exports.html");
        WebElement toggle = chrome.waitUpTo(Duration.ofSeconds(20)).until(ExpectedConditions.elementToBeClickable(By.id("theme-toggle")));
        String lightBackground = (String) chrome.js("return getComputedStyle(document.body).backgroundColor;");
        assertEquals("Dark theme", toggle.getText());
        toggle.click();
        chrome.waitUpTo(Duration.ofSeconds(5)).until(d -> "dark".equals(chrome.js("return document.documentElement.dataset.theme;")));
        assertEquals("rgb(13, 17, 23)", chrome.js("return getComputedStyle(document.body).backgroundColor;"), "dark background");
        assertNotEquals(lightBackground, chrome.js("return getComputedStyle(document.body).backgroundColor;"));
        pages.open("/");
        chrome.waitUpTo(Duration.ofSeconds(20)).until(ExpectedConditions.elementToBeClickable(By.id("theme-toggle")));
        assertEquals("dark", chrome.js("return document.documentElement.dataset.theme;"), "the choice is kept on the next page");
        assertEquals("Light theme", chrome.driver.findElement(By.id("theme-toggle")).getText());
        chrome.driver.findElement(By.id("theme-toggle")).sendKeys(Keys.ENTER);
        chrome.waitUpTo(Duration.ofSeconds(5)).until(d -> "light".equals(chrome.js("return document.documentElement.dataset.theme;")));
        assertEquals(lightBackground, chrome.js("return getComputedStyle(document.body).backgroundColor;"));
    }

    /** Opens the camera page at the footage's start, states a purpose and waits until the video plays. */
    private void startViewing() {
        Map<String, Object> local = chrome.jsMap(
                "const d = new Date(arguments[0]); return {day: Vigil.isoDay(d), time: Vigil.fmtTime(d)};",
                footageStart.plusSeconds(2).toEpochMilli());
        pages.open("/camera.html?id=" + CAMERA + "&day=" + local.get("day"));
        chrome.waitUpTo(Duration.ofSeconds(20)).until(d -> !d.findElements(By.cssSelector("#timeline .span-recorded")).isEmpty());
        chrome.js("document.getElementById('start-time').value = arguments[0];", local.get("time"));
        chrome.driver.findElement(By.id("view-button")).click();
        chrome.waitUpTo(Duration.ofSeconds(10)).until(d -> Boolean.TRUE.equals(chrome.js("return document.getElementById('purpose-dialog').open;")));
        new org.openqa.selenium.support.ui.Select(chrome.driver.findElement(By.id("purpose-category"))).selectByValue("crime-prevention");
        chrome.driver.findElement(By.id("purpose-text")).sendKeys("Bag taken from the lobby bench", Keys.ENTER);
        chrome.waitUpTo(Duration.ofSeconds(30)).until(d -> ((Number) chrome.js(
                "return document.getElementById('video').currentTime;")).doubleValue() > 0.5);
    }
}
