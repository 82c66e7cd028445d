package io.vigil.gateway.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.config.CameraId;
import io.vigil.config.Role;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
import org.openqa.selenium.interactions.Actions;

/**
 * Issue 12's timeline under the player, in a real browser against the real gateway and
 * store, used as a guard would: it zooms by buttons, wheel and keys; hovering shows the
 * time, the gap's reason, and (inside the grant) a keyframe thumbnail decoded by the
 * server; a click inside the grant plays from there without a new purpose; outside the
 * grant it says a new purpose is needed; the future is never drawn as a gap. The activity
 * line (measured at ingest, here stored directly) is drawn in it; a click on a peak and the
 * ] and [ keys play from the peaks' footage times.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlayerTimelineTest extends BrowserPageTest {
    private static final String GUARD = "guard.yoon";
    private static final String GAP_REASON = "camera unreachable: connection refused";
    private static final Duration PEAK = Duration.ofSeconds(16);
    private static final Duration LATER_PEAK = Duration.ofSeconds(70);

    private Instant t0;

    @BeforeAll
    void recordFootageAndAccounts() throws Exception {
        t0 = Instant.now().minus(Duration.ofMinutes(8)).truncatedTo(ChronoUnit.MINUTES);
        // 30 s recorded, 30 s down (with the recorder's reason), 30 s recorded.
        List<byte[]> segments = TestFootage.segments(tmp, 30);
        TestFootage.record(gateway.store.segments(), CAMERA, t0, segments.subList(0, 15));
        gateway.store.segments().recordGap(CameraId.of(CAMERA), t0.plusSeconds(30), t0.plusSeconds(60), GAP_REASON);
        for (int i = 0; i < 15; i++) {
            Instant s = t0.plusSeconds(60 + 2L * i);
            gateway.store.segments().append(CameraId.of(CAMERA), s, s.plus(TestFootage.SEGMENT), 100 + i, segments.get(15 + i));
        }
        // The activity line: quiet everywhere but two peaks, 16 s in and 70 s in (after the gap).
        for (io.vigil.storage.SegmentInfo seg : gateway.store.segments().list(CameraId.of(CAMERA), t0, t0.plusSeconds(120))) {
            long at = Duration.between(t0, seg.start()).toSeconds();
            gateway.store.segments().recordActivity(seg.key(), at == PEAK.getSeconds() ? 800 : at == LATER_PEAK.getSeconds() ? 600 : 20);
        }
        gateway.addUser(GUARD, Role.SECURITY_STAFF, List.of(CAMERA), PASSWORD);
        pages.login(GUARD, PASSWORD);
    }

    @Test
    @Order(1)
    void aGuardBrowsesTheGrantedFootageOnTheTimelineUnderThePlayer() throws Exception {
        Map<String, Object> local = chrome.jsMap("const d = new Date(arguments[0]); return {day: Vigil.isoDay(d), time: Vigil.fmtTime(d)};",
                t0.toEpochMilli());
        pages.open("/camera.html?id=" + CAMERA + "&day=" + local.get("day"));
        chrome.waitUpTo(Duration.ofSeconds(20)).until(d -> !d.findElements(By.cssSelector("#timeline .span-recorded")).isEmpty());
        chrome.js("document.getElementById('start-time').value = arguments[0];", local.get("time"));
        chrome.driver.findElement(By.id("view-button")).click();
        chrome.waitUpTo(Duration.ofSeconds(10)).until(d -> Boolean.TRUE.equals(chrome.js("return document.getElementById('purpose-dialog').open;")));
        new org.openqa.selenium.support.ui.Select(chrome.driver.findElement(By.id("purpose-category"))).selectByValue("facility-safety");
        new org.openqa.selenium.support.ui.Select(chrome.driver.findElement(By.id("purpose-length"))).selectByIndex(0);
        chrome.driver.findElement(By.id("purpose-text")).sendKeys("Fire door left open in the east corridor", Keys.ENTER);
        chrome.waitUpTo(Duration.ofSeconds(30)).until(d -> ((Number) chrome.js("return document.getElementById('video').currentTime;")).doubleValue() > 0.5);
        long grants = grantsIssued();
        WebElement track = chrome.driver.findElement(By.id("ptl-track"));
        assertTrue(track.isDisplayed(), "the timeline is shown under the player");

        // --- zoom: the 10-minute window has a labelled tick per minute, the 1-minute window one per 10 s
        chrome.driver.findElement(By.cssSelector("#ptl-zoom button[data-zoom='2']")).click();
        assertEquals("true", chrome.driver.findElement(By.cssSelector("#ptl-zoom button[data-zoom='2']")).getAttribute("aria-pressed"));
        int minuteTicks = chrome.driver.findElements(By.cssSelector("#ptl-ticks span")).size();
        assertTrue(minuteTicks >= 10 && minuteTicks <= 11, "10 min window, ticks each minute: " + minuteTicks);
        track.sendKeys("+");
        assertEquals("true", chrome.driver.findElement(By.cssSelector("#ptl-zoom button[data-zoom='3']")).getAttribute("aria-pressed"), "+ zooms in");
        List<String> secondTicks = chrome.driver.findElements(By.cssSelector("#ptl-ticks span")).stream().map(WebElement::getText).toList();
        assertTrue(secondTicks.size() >= 6 && secondTicks.size() <= 7 && secondTicks.get(0).matches("\\d{2}:\\d{2}:\\d0"),
                "1 min window, ticks each 10 s: " + secondTicks);
        track.sendKeys("-");
        assertEquals("true", chrome.driver.findElement(By.cssSelector("#ptl-zoom button[data-zoom='2']")).getAttribute("aria-pressed"), "- zooms out");

        // --- follows the playhead: it is inside the window and moves with the video
        Map<String, Object> playhead = chrome.jsMap("const p = document.querySelector('#ptl-track .playhead'); const r = document.getElementById('ptl-track').getBoundingClientRect();"
                + "return {present: !!p, x: p ? p.getBoundingClientRect().left - r.left : -1, width: r.width};");
        assertTrue(Boolean.TRUE.equals(playhead.get("present")) && ((Number) playhead.get("x")).doubleValue() >= 0
                && ((Number) playhead.get("x")).doubleValue() <= ((Number) playhead.get("width")).doubleValue(), "playhead in view: " + playhead);

        // --- hover: time and thumbnail inside the grant; the reason in the gap
        hoverAt(t0.plusSeconds(10));
        chrome.waitUpTo(Duration.ofSeconds(20)).until(d -> Boolean.TRUE.equals(chrome.js(
                "const i = document.getElementById('ptl-thumb'); return !i.hidden && i.complete && i.naturalWidth === 240;")));
        chrome.screenshot("player-timeline-hover");
        String hoverTime = chrome.driver.findElement(By.id("ptl-hover-time")).getText();
        // One pixel is 0.6 s at this zoom: the pointer lands within a second of the aimed moment.
        @SuppressWarnings("unchecked")
        List<String> near = (List<String>) chrome.js("return [-1000, 0, 1000].map(d => Vigil.fmtDateTime(new Date(arguments[0] + d)));",
                t0.plusSeconds(10).toEpochMilli());
        assertTrue(near.stream().anyMatch(hoverTime::startsWith), "hover shows the time under the pointer: " + hoverTime + " vs " + near);
        hoverAt(t0.plusSeconds(45));
        chrome.waitUpTo(Duration.ofSeconds(5)).until(d -> d.findElement(By.id("ptl-hover-time")).getText().contains(GAP_REASON));
        assertTrue(!chrome.driver.findElement(By.id("ptl-thumb")).isDisplayed(), "no picture in a gap");

        // --- a click inside the grant plays from there, with no new purpose and no new grant
        chrome.js("document.getElementById('video').currentTime = 2;");
        clickAt(t0.plusSeconds(20));
        chrome.waitUpTo(Duration.ofSeconds(20)).until(d -> {
            double at = ((Number) chrome.js("return document.getElementById('video').currentTime;")).doubleValue();
            return at >= 19 && at <= 24;
        });
        assertEquals(Boolean.FALSE, chrome.js("return document.getElementById('purpose-dialog').open;"), "no purpose asked again");
        assertEquals(grants, grantsIssued(), "no new grant for a moment inside the grant");

        // --- outside the grant: told, not granted
        chrome.driver.findElement(By.cssSelector("#ptl-zoom button[data-zoom='1']")).click();
        clickAt(t0.minusSeconds(600));
        chrome.waitUpTo(Duration.ofSeconds(5)).until(d -> d.findElement(By.id("player-message")).getText().contains("outside what you were granted"));
        assertEquals(grants, grantsIssued(), "no grant for a moment outside the grant");

        // --- the future is not a gap: at 24 h the window reaches past now, drawn as future, not as a gap
        chrome.driver.findElement(By.cssSelector("#ptl-zoom button[data-zoom='0']")).click();
        Map<String, Object> future = chrome.jsMap("const f = document.querySelector('#ptl-track .span-future');"
                + "const gaps = Array.from(document.querySelectorAll('#ptl-track .span-gap')).map(g => g.getBoundingClientRect().right);"
                + "return {present: !!f, left: f ? f.getBoundingClientRect().left : -1, lastGapEnd: gaps.length ? Math.max(...gaps) : 0};");
        assertTrue(Boolean.TRUE.equals(future.get("present")), "future drawn: " + future);
        assertTrue(((Number) future.get("lastGapEnd")).doubleValue() <= ((Number) future.get("left")).doubleValue() + 1,
                "no gap drawn after now: " + future);
        chrome.assertNoConsoleErrors("camera.html with the player timeline");
    }

    /** The play position the keyboard gives: Enter at the cursor moved by the arrow keys plays from there. */
    @Test
    @Order(2)
    void theKeyboardAloneMovesTheCursorAndPlaysFromIt() {
        WebElement track = chrome.driver.findElement(By.id("ptl-track"));
        chrome.driver.findElement(By.cssSelector("#ptl-zoom button[data-zoom='1']")).click();
        track.sendKeys(Keys.HOME);
        long home = Long.parseLong(track.getAttribute("aria-valuenow"));
        assertEquals(t0.getEpochSecond(), home, 1, "Home: the start of the grant");
        track.sendKeys(Keys.ARROW_RIGHT);
        assertEquals(home + 60, Long.parseLong(track.getAttribute("aria-valuenow")), "an arrow at 1 h zoom moves a minute");
        track.sendKeys("+");
        track.sendKeys(Keys.HOME, Keys.ARROW_RIGHT, Keys.ARROW_RIGHT);
        assertEquals(home + 20, Long.parseLong(track.getAttribute("aria-valuenow")), "an arrow at 10 min zoom moves 10 s");
        assertTrue(track.getAttribute("aria-valuetext").endsWith(", recorded"), track.getAttribute("aria-valuetext"));
        chrome.js("document.getElementById('video').currentTime = 2;");
        track.sendKeys(Keys.ENTER);
        chrome.waitUpTo(Duration.ofSeconds(20)).until(d -> {
            double t = ((Number) chrome.js("return document.getElementById('video').currentTime;")).doubleValue();
            return t >= 19 && t <= 24;
        });
        chrome.assertNoConsoleErrors("camera.html, timeline by keyboard");
    }

    /** Issue 12's activity line: drawn where something happened; its peaks play on a click and with ] and [. */
    @Test
    @Order(3)
    void theActivityLineShowsWhereSomethingHappenedAndItsPeaksPlay() throws Exception {
        WebElement track = chrome.driver.findElement(By.id("ptl-track"));
        chrome.driver.findElement(By.cssSelector("#ptl-zoom button[data-zoom='2']")).click();
        track.sendKeys(Keys.HOME); // the window shows the start of the grant: both peaks
        long peak = t0.plus(PEAK).toEpochMilli(), later = t0.plus(LATER_PEAK).toEpochMilli();
        chrome.waitUpTo(Duration.ofSeconds(20)).until(d -> !d.findElements(By.cssSelector("#ptl-track .activity-bar[data-at='" + later + "']")).isEmpty());
        Map<String, Object> bars = chrome.jsMap("const bars = Array.from(document.querySelectorAll('#ptl-track .activity-bar'));"
                + "const tallest = bars.reduce((a, b) => b.getBoundingClientRect().height > a.getBoundingClientRect().height ? b : a);"
                + "return {count: bars.length, tallestAt: Number(tallest.dataset.at), tallestHeight: tallest.getBoundingClientRect().height,"
                + " trackHeight: document.getElementById('ptl-track').getBoundingClientRect().height};");
        assertEquals(peak, ((Number) bars.get("tallestAt")).longValue(), "the tallest bar is the peak: " + bars);
        assertTrue(((Number) bars.get("count")).intValue() >= 20, "a bar for each measured keyframe at this zoom: " + bars);
        assertTrue(((Number) bars.get("tallestHeight")).doubleValue() >= 0.7 * ((Number) bars.get("trackHeight")).doubleValue(),
                "80 % of the picture changed: most of the track's height: " + bars);
        chrome.screenshot("player-timeline-activity");

        chrome.js("document.getElementById('video').currentTime = 2;");
        chrome.driver.findElement(By.cssSelector("#ptl-track .activity-bar[data-at='" + peak + "']")).click();
        awaitFootageTime(peak);
        chrome.js("document.getElementById('video').currentTime = 2;");
        track.sendKeys(Keys.HOME, "]");
        awaitFootageTime(peak);
        assertEquals(peak / 1000, Long.parseLong(track.getAttribute("aria-valuenow")), "] from the start: the first peak");
        track.sendKeys("]");
        awaitFootageTime(later);
        assertEquals(later / 1000, Long.parseLong(track.getAttribute("aria-valuenow")), "] twice: the second peak, after the gap");
        track.sendKeys("[");
        awaitFootageTime(peak);
        assertEquals(peak / 1000, Long.parseLong(track.getAttribute("aria-valuenow")), "[ goes back to the first peak");
        track.sendKeys("[");
        chrome.waitUpTo(Duration.ofSeconds(5)).until(d -> d.findElement(By.id("player-message")).getText().contains("No activity before"));
        chrome.assertNoConsoleErrors("camera.html, activity line");
    }

    /** Waits until the page shows footage within 1.5 s of {@code millis} (a seek lands on the keyframe at or before). */
    private void awaitFootageTime(long millis) {
        chrome.waitUpTo(Duration.ofSeconds(20)).until(d -> {
            Object at = chrome.js("return document.getElementById('info-position').dataset.footageTime || null;");
            return at != null && Math.abs(Instant.parse(at.toString()).toEpochMilli() - millis) <= 1500;
        });
    }

    private long grantsIssued() {
        return gateway.store.ledger().search(e -> e.record().type().equals("grant.issue"), 100).size();
    }

    private void hoverAt(Instant t) {
        new Actions(chrome.driver).moveToElement(chrome.driver.findElement(By.id("ptl-track")), offsetOf(t), 0).perform();
    }

    private void clickAt(Instant t) {
        new Actions(chrome.driver).moveToElement(chrome.driver.findElement(By.id("ptl-track")), offsetOf(t), 0).click().perform();
    }

    /** The x offset from the track's centre where the page draws instant t (read from the page's own window). */
    private int offsetOf(Instant t) {
        Number x = (Number) chrome.js("const r = document.getElementById('ptl-track').getBoundingClientRect();"
                + "const d = document.getElementById('ptl-track').dataset; const start = Number(d.viewStart), end = Number(d.viewEnd);"
                + "return (arguments[0] - start) / (end - start) * r.width - r.width / 2;", t.toEpochMilli());
        return (int) Math.round(x.doubleValue());
    }
}
