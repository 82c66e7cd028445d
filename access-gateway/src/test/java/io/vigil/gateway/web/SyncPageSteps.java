package io.vigil.gateway.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

/**
 * The several-cameras page (sync.html) as a guard uses it, for tests whose footage carries
 * its frame number in the picture ({@link BarcodeFootage}): open it on some cameras, step,
 * play at a speed, and check from the pictures on screen that every camera shows what was
 * filmed at the clock's time, paused or playing.
 */
final class SyncPageSteps {
    private static final long FRAME_MS = BarcodeFootage.FRAME_MS;

    /** When frame {@code frame} of {@code camera}'s footage was filmed (epoch milliseconds). */
    interface FilmedAt {
        long at(String camera, long frame);
    }

    private final HeadlessChromium chrome;
    private final FilmedAt filmedAt;

    SyncPageSteps(HeadlessChromium chrome, FilmedAt filmedAt) {
        this.chrome = chrome;
        this.filmedAt = filmedAt;
    }

    static String tile(String camera) {
        return "document.querySelector('#sync-wall .tile[data-camera=\"" + camera + "\"]')";
    }

    /** Waits until every tile with footage at the clock's time shows the picture of that time (seeks done, frame presented). */
    void awaitSettled() {
        try {
            chrome.waitUpTo(Duration.ofSeconds(20)).until(d -> Boolean.TRUE.equals(chrome.js(
                    "return Array.from(document.querySelectorAll('#sync-wall .tile')).every(t => t.classList.contains('no-footage')"
                            + " || (t.dataset.footageTime && !t.querySelector('video').seeking && t.querySelector('video').readyState >= 2));")));
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("the tiles did not settle on the clock's time: " + chrome.js(
                    "return Array.from(document.querySelectorAll('#sync-wall .tile')).map(t => { const v = t.querySelector('video');"
                            + " return [t.dataset.camera, t.className, t.dataset.footageTime, v.readyState, v.seeking, v.paused,"
                            + " v.currentTime, v.getAttribute('src')].join(' '); }).join(' | ')"
                            + " + ' clock ' + document.getElementById('sync-clock').dataset.footageTime;"), e);
        }
    }

    /** Each camera's picture on the sync page was filmed at the clock's time (within one frame); returns the frames shown. */
    @SuppressWarnings("unchecked")
    Map<String, Object> assertSyncTime(String where, String... showing) {
        awaitSettled();
        Map<String, Object> m = chrome.jsMap(BarcodeFootage.FRAME_OF
                + "const out = {clock: Date.parse(document.getElementById('sync-clock').dataset.footageTime)};"
                + "for (const t of document.querySelectorAll('#sync-wall .tile')) {"
                + "  const v = t.querySelector('video');"
                + "  out[t.dataset.camera] = t.classList.contains('no-footage') ? null : {frame: frameOf(v), width: v.videoWidth}; }"
                + "return out;");
        System.out.println("sync page, " + where + ": " + m);
        long clock = ((Number) m.get("clock")).longValue();
        for (String camera : showing) {
            Map<String, Object> shown = (Map<String, Object>) m.get(camera);
            assertTrue(shown != null, where + ": " + camera + " shows footage: " + m);
            long frame = ((Number) shown.get("frame")).longValue();
            long real = filmedAt.at(camera, frame);
            assertTrue(Math.abs(clock - real) <= FRAME_MS, where + ": " + camera + "'s frame " + frame + " was filmed at "
                    + Instant.ofEpochMilli(real) + ", the clock shows " + Instant.ofEpochMilli(clock) + " (" + (clock - real) + " ms off)");
        }
        return m;
    }

    String tileStatus(String camera) {
        return (String) chrome.js("const s = " + tile(camera) + ".querySelector('.tile-status'); return s.hidden ? '' : s.textContent;");
    }

    long clock() {
        return ((Number) chrome.js("return Date.parse(document.getElementById('sync-clock').dataset.footageTime) || 0;")).longValue();
    }

    void click(String id) {
        chrome.driver.findElement(By.id(id)).click();
    }

    /**
     * Opens the several-cameras page at {@code baseUrl}, waits for the guard's {@code choices}
     * cameras to be offered, picks {@code cameras}, footage from {@code start} (5 minutes) and
     * a purpose, and waits for the clock to run.
     */
    void open(String baseUrl, int choices, Instant start, String... cameras) {
        chrome.driver.get(baseUrl + "/sync.html");
        chrome.waitUpTo(Duration.ofSeconds(20)).until(d -> d.findElements(By.cssSelector("#camera-choices input")).size() == choices);
        for (String camera : cameras) click("cam-" + camera);
        Map<String, Object> at = chrome.jsMap("const d = new Date(arguments[0]); return {day: Vigil.isoDay(d), time: Vigil.fmtTime(d)};",
                start.toEpochMilli());
        chrome.js("document.getElementById('sync-day').value = arguments[0]; document.getElementById('sync-time').value = arguments[1];",
                at.get("day"), at.get("time"));
        new Select(chrome.driver.findElement(By.id("sync-length"))).selectByValue("300");
        new Select(chrome.driver.findElement(By.id("purpose-category"))).selectByValue("crime-prevention");
        chrome.driver.findElement(By.id("purpose-text")).sendKeys("Fall reported in the lobby, ticket 2026-77");
        click("sync-start");
        chrome.waitUpTo(Duration.ofSeconds(30)).until(d -> clock() > start.toEpochMilli() + 500
                || !d.findElement(By.id("sync-error")).getText().isBlank());
        assertEquals("", chrome.driver.findElement(By.id("sync-error")).getText(), "the viewing opens");
    }

    @SuppressWarnings("unchecked")
    static long frame(Map<String, Object> shown, String camera) {
        return ((Number) ((Map<String, Object>) shown.get(camera)).get("frame")).longValue();
    }

    @SuppressWarnings("unchecked")
    static long width(Map<String, Object> shown, String camera) {
        return ((Number) ((Map<String, Object>) shown.get(camera)).get("width")).longValue();
    }

    /** A frame step with the button; returns the pictures once every camera settled, {@code showing} checked against the clock. */
    Map<String, Object> step(String button, String where, String... showing) {
        click(button);
        return assertSyncTime(where, showing);
    }

    /**
     * While playing: waits until the clock is between {@code from} and {@code to}, then reads,
     * in one script run, the picture each of {@code cameras} shows; they were filmed within
     * {@code toleranceMs} of each other. The window is watched every 20 ms, so even at 8x
     * (a 10-second window is 1.25 s long) it is caught, or the test says it was missed.
     */
    @SuppressWarnings("unchecked")
    void assertInSyncWhilePlaying(String where, long from, long to, long toleranceMs, String... cameras) {
        Object[] seen = new Object[1];
        chrome.waitUpTo(Duration.ofSeconds(60)).pollingEvery(Duration.ofMillis(20)).until(d -> {
            seen[0] = chrome.js(BarcodeFootage.FRAME_OF
                    + "const clock = Date.parse(document.getElementById('sync-clock').dataset.footageTime) || 0;"
                    + "if (clock > arguments[1]) return 'missed: the clock is at ' + new Date(clock).toISOString();"
                    + "if (clock < arguments[0]) return null;"
                    + "const out = {clock: clock};"
                    + "for (const c of arguments[2]) { const t = document.querySelector('#sync-wall .tile[data-camera=\"' + c + '\"]');"
                    + "  const v = t.querySelector('video');"
                    + "  if (t.classList.contains('no-footage') || v.readyState < 2 || v.seeking || v.paused) return null;"
                    + "  out[c] = {frame: frameOf(v), width: v.videoWidth, rate: v.playbackRate}; }"
                    + "return out;", from, to, List.of(cameras));
            return seen[0] != null;
        });
        assertTrue(seen[0] instanceof Map, where + ": the cameras were not all playing while the clock passed: " + seen[0]);
        Map<String, Object> m = (Map<String, Object>) seen[0];
        System.out.println("sync page, playing, " + where + ": " + m);
        List<Long> filmed = List.of(cameras).stream().map(c -> filmedAt.at(c, frame(m, c))).toList();
        long spread = filmed.stream().mapToLong(x -> x).max().orElse(0) - filmed.stream().mapToLong(x -> x).min().orElse(0);
        assertTrue(spread <= toleranceMs, where + ": the cameras' pictures were filmed " + spread + " ms apart (at most "
                + toleranceMs + "): " + m);
    }

    /**
     * How far apart (filming time) two cameras' pictures may be while playing at {@code rate}:
     * the page moves a camera once it drifts more than 60 ms of footage from the clock, times
     * the speed above 1x (syncplayer.js, DRIFT_S: at 8x 480 ms of footage, 60 ms on screen),
     * and two videos sampled in one script run may be a picture apart besides; one more frame
     * for the rounding of each.
     */
    static long tolerance(double rate) {
        return Math.round(60 * Math.max(1, rate)) + 2 * FRAME_MS;
    }

    /** Chooses a speed and plays. */
    void playAt(String speed) {
        new Select(chrome.driver.findElement(By.id("sync-speed"))).selectByValue(speed);
        click("sync-play");
    }
}
