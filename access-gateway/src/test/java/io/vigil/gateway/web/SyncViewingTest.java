package io.vigil.gateway.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.config.Role;
import io.vigil.storage.LedgerEntry;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.Select;

/**
 * Issue 12's "several cameras in sync", in a real browser against the real gateway: a
 * guard picks four cameras, one time and one purpose; one grant names all four in one
 * ledger entry; the four videos play side by side on one clock (the same footage time in
 * each, though the cameras' recordings start at different moments), and ±10 s, frame
 * steps and speeds move them together.
 */
class SyncViewingTest extends BrowserPageTest {
    private static final List<String> CAMERAS = List.of("cam-01", "cam-02", "cam-03", "cam-04");
    private static final String GUARD = "guard.seo";
    private Instant t0;

    @BeforeAll
    void recordFootageAndAddTheGuard() throws Exception {
        t0 = Instant.now().minus(Duration.ofMinutes(6)).truncatedTo(ChronoUnit.MINUTES);
        List<byte[]> footage = TestFootage.segments(tmp, 40);
        // Each camera's 2 s segments start 1 s after the previous camera's: from the same
        // moment, the videos begin at different footage times (t0+8 or t0+9).
        for (int c = 0; c < CAMERAS.size(); c++) {
            TestFootage.record(gateway.store.segments(), CAMERAS.get(c), t0.plusSeconds(c), footage.subList(c, 40 - 3 + c));
        }
        gateway.addUser(GUARD, Role.SECURITY_STAFF, CAMERAS, PASSWORD);
    }

    @Test
    void fourCamerasOfOneGrantPlayOnOneClock() {
        pages.login(GUARD, PASSWORD);
        chrome.driver.findElement(By.cssSelector("#app-header nav a[href='/sync.html']")).click();
        chrome.waitUpTo(Duration.ofSeconds(20)).until(d -> d.findElements(By.cssSelector("#camera-choices input")).size() >= 4);
        for (String c : CAMERAS) chrome.driver.findElement(By.id("cam-" + c)).click();
        assertTrue(chrome.driver.findElements(By.cssSelector("#camera-choices input")).stream()
                .filter(i -> !i.isSelected()).allMatch(i -> !i.isEnabled()), "a fifth camera cannot be ticked");
        Map<String, Object> local = chrome.jsMap("const d = new Date(arguments[0]); return {day: Vigil.isoDay(d), time: Vigil.fmtTime(d)};",
                t0.plusSeconds(8).toEpochMilli());
        chrome.js("document.getElementById('sync-day').value = arguments[0]; document.getElementById('sync-time').value = arguments[1];",
                local.get("day"), local.get("time"));
        new Select(chrome.driver.findElement(By.id("sync-length"))).selectByValue("300");
        new Select(chrome.driver.findElement(By.id("purpose-category"))).selectByValue("crime-prevention");
        chrome.driver.findElement(By.id("purpose-text")).sendKeys("Fight reported in the east stairwell", Keys.ENTER);

        chrome.waitUpTo(Duration.ofSeconds(30)).until(d -> Boolean.TRUE.equals(chrome.js(
                "const v = Array.from(document.querySelectorAll('#sync-wall video'));"
                        + "return v.length === 4 && v.every(x => x.currentTime > 1 && !x.paused);"))
                || !d.findElement(By.id("sync-error")).getText().isBlank());
        assertEquals("", chrome.driver.findElement(By.id("sync-error")).getText(), "the viewing opens");
        List<LedgerEntry> issued = gateway.store.ledger().search(e -> e.record().type().equals("grant.issue"), 10);
        assertEquals(1, issued.size(), "one grant: " + gateway.store.ledger().search(e -> true, 100).stream()
                .map(e -> e.record().type() + " " + e.record().cameraIds()).toList());
        assertEquals(CAMERAS, Arrays.asList(issued.get(0).record().cameraIds().split(",")), "naming the four cameras");

        assertInSync("playing at 1x");
        chrome.driver.findElement(By.id("sync-forward10")).click();
        assertInSync("after +10 s");
        // A first frame step pauses every camera; the second is measured from that still picture.
        chrome.driver.findElement(By.id("sync-frame-forward")).click();
        assertTrue(Boolean.TRUE.equals(chrome.js("return Array.from(document.querySelectorAll('#sync-wall video')).every(v => v.paused);")),
                "a frame step pauses every camera");
        assertInSync("after a frame step");
        double before = footageTime();
        chrome.driver.findElement(By.id("sync-frame-forward")).click();
        assertInSync("after a second frame step");
        double stepped = footageTime() - before;
        assertEquals(0.04, stepped, 0.015, "one frame (40 ms at 25 fps) forward");
        new Select(chrome.driver.findElement(By.id("sync-speed"))).selectByValue("4");
        chrome.driver.findElement(By.id("sync-play")).click();
        double a = footageTime();
        long wallA = System.nanoTime();
        chrome.waitUpTo(Duration.ofSeconds(20)).until(d -> footageTime() - a >= 8);
        double seconds = (System.nanoTime() - wallA) / 1e9;
        assertTrue((footageTime() - a) / seconds > 2, "4x plays faster than real time: " + (footageTime() - a) + " s of footage in " + seconds + " s");
        assertTrue(Boolean.TRUE.equals(chrome.js("return Array.from(document.querySelectorAll('#sync-wall video')).every(v => v.playbackRate === 4);")));
        assertInSync("playing at 4x");

        chrome.driver.findElement(By.id("sync-end")).click();
        chrome.waitUpTo(Duration.ofSeconds(20)).until(d -> d.findElement(By.id("ended-message")).isDisplayed());
        List<LedgerEntry> starts = gateway.store.ledger().search(e -> e.record().type().equals("view.start"), 10);
        assertEquals(CAMERAS.size(), starts.size(), "each camera's playback is a view.start, as on the camera page");
        List<LedgerEntry> ends = gateway.store.ledger().search(e -> e.record().type().equals("view.end"), 10);
        assertEquals(1, ends.size(), "one view.end");
        assertEquals(CAMERAS, Arrays.asList(ends.get(0).record().cameraIds().split(",")).stream().sorted().toList(),
                "ending the viewing names all four cameras");
        chrome.assertNoConsoleErrors("sync.html");
    }

    /** The footage time each tile shows now (camera start + currentTime), read in one script run. */
    @SuppressWarnings("unchecked")
    private List<Double> footageTimes() {
        List<Object> raw = (List<Object>) chrome.js("return Array.from(document.querySelectorAll('#sync-wall video')).map(v => v.currentTime);");
        List<Double> out = new ArrayList<>();
        for (int c = 0; c < raw.size(); c++) out.add(videoStart(c) + ((Number) raw.get(c)).doubleValue());
        return out;
    }

    /** Camera c's video begins at its first segment wholly inside the grant, which starts at t0 + 8 s. */
    private double videoStart(int camera) {
        long s = camera;
        while (s < 8) s += 2;
        return t0.getEpochSecond() + s;
    }

    private double footageTime() {
        return footageTimes().get(0);
    }

    /** Every tile within 0.25 s of the clock camera (a player follows within a tick of 200 ms). */
    private void assertInSync(String when) {
        chrome.waitUpTo(Duration.ofSeconds(10)).until(d -> {
            List<Double> t = footageTimes();
            return t.stream().allMatch(x -> Math.abs(x - t.get(0)) <= 0.25);
        });
        List<Double> t = footageTimes();
        for (double x : t) assertEquals(t.get(0), x, 0.25, when + ": " + t);
    }
}
