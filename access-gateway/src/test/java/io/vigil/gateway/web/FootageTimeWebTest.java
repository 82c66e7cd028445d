package io.vigil.gateway.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.config.Role;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.support.ui.Select;

/**
 * The footage time a page shows is the time the picture on screen was filmed, on both sides
 * of a gap and of a resolution change, in the camera page's player and on the several-cameras
 * page, in a real Chromium. Every picture carries its frame number ({@link BarcodeFootage}),
 * so the test knows from the decoded picture which frame is on screen and when it was filmed;
 * the page's time must match within one frame (40 ms).
 *
 * <pre>
 * cam-01 (GAP)    S+0..10 s frames 0..249 · S+10..40 not recorded ("camera unreachable") · S+40..50 frames 250..499
 * cam-02 (PARTS)  S+0..10 s frames 0..249 at 320x240 · S+10..20 s frames 250..499 at 640x480 (the next part)
 * </pre>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FootageTimeWebTest {
    private static final String GAP = "cam-01";
    private static final String PARTS = "cam-02";
    private static final String GUARD = "guard.park";
    private static final String PASSWORD = "correct horse battery";
    private static final long FRAME_MS = BarcodeFootage.FRAME_MS;
    private static final long GAP_MS = 30_000;

    @TempDir
    static Path tmp;
    private GatewayHarness gateway;
    private HeadlessChromium chrome;
    private Instant start;

    @BeforeAll
    void footage() throws Exception {
        chrome = HeadlessChromium.start();
        gateway = GatewayHarness.start(tmp);
        start = Instant.now().minus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.SECONDS);
        List<byte[]> small = BarcodeFootage.segments(tmp, "320x240", 20, 0);
        List<byte[]> large = BarcodeFootage.segments(tmp, "640x480", 10, 250);
        for (int i = 0; i < 10; i++) {
            Instant s = start.plusSeconds(2L * i + (i >= 5 ? GAP_MS / 1000 : 0));
            gateway.store().segments().append(GAP, s, s.plusSeconds(2), i + 1, small.get(i));
            Instant p = start.plusSeconds(2L * i);
            gateway.store().segments().append(PARTS, p, p.plusSeconds(2), i + 1, i < 5 ? small.get(i) : large.get(i - 5));
        }
        gateway.store().segments().recordGap(GAP, start.plusSeconds(10), start.plusSeconds(40), "camera unreachable");
        gateway.addUser(GUARD, Role.SECURITY_STAFF, List.of(GAP, PARTS), PASSWORD);
        new WebPages(chrome, gateway.baseUrl()).login(GUARD, PASSWORD);
    }

    @AfterAll
    void stop() {
        if (chrome != null) chrome.close();
        if (gateway != null) gateway.close();
    }

    /** When frame n of a camera's footage was filmed. */
    private long filmedAt(String camera, long frame) {
        return start.toEpochMilli() + frame * FRAME_MS + (camera.equals(GAP) && frame >= 250 ? GAP_MS : 0);
    }

    private Map<String, Object> local(Instant t) {
        return chrome.jsMap("const d = new Date(arguments[0]); return {day: Vigil.isoDay(d), time: Vigil.fmtTime(d)};", t.toEpochMilli());
    }

    /**
     * At the monitoring room's two screen sizes the page says nothing a guard would not say
     * (no grant id, no field names, no codec names) and the picture (the element {@code
     * pictureSelector}) lies wholly on the screen; a screenshot of each is kept.
     */
    private void assertGuardsView(String page, String pictureSelector) throws Exception {
        String grant = (String) chrome.js("const v = document.querySelector('video[src*=\"/grants/\"]');"
                + "return v ? decodeURIComponent(v.getAttribute('src').split('/grants/')[1].split('/')[0]) : '';");
        assertTrue(!grant.isEmpty(), page + ": a video of a grant plays");
        for (Dimension size : List.of(new Dimension(1366, 768), new Dimension(1920, 1080))) {
            chrome.driver.manage().window().setSize(size);
            chrome.waitUpTo(Duration.ofSeconds(10)).until(d -> ((Number) chrome.js("return window.innerWidth;")).intValue()
                    == size.getWidth());
            String text = (String) chrome.js("return document.body.innerText;");
            for (String internal : List.of(grant, "expiresAt", "grantId", "avc1", "H264", "H.264", "hvc1", "undefined", "NaN")) {
                assertTrue(!text.contains(internal), page + " at " + size + " shows '" + internal + "': " + text);
            }
            Map<String, Object> box = chrome.jsMap("const r = document.querySelector(arguments[0]).getBoundingClientRect();"
                    + "window.scrollTo(0, window.scrollY + r.top - 8);"
                    + "const s = document.querySelector(arguments[0]).getBoundingClientRect();"
                    + "return {left: s.left, right: s.right, top: s.top, bottom: s.bottom, w: innerWidth, h: innerHeight};", pictureSelector);
            assertTrue(((Number) box.get("left")).doubleValue() >= 0 && ((Number) box.get("right")).doubleValue() <= size.getWidth()
                    && ((Number) box.get("bottom")).doubleValue() <= ((Number) box.get("h")).doubleValue() + 1,
                    page + " at " + size + ": the picture is on the screen: " + box);
            chrome.screenshot(page + "-" + size.getWidth() + "x" + size.getHeight());
        }
        chrome.driver.manage().window().setSize(new Dimension(1366, 768));
    }

    // ---------- the camera page ----------

    /** Opens a camera's page at S, states a purpose, and waits for the player to have a picture. */
    private void watchOnCameraPage(String camera) {
        Map<String, Object> at = local(start);
        chrome.driver.get(gateway.baseUrl() + "/camera.html?id=" + camera + "&day=" + at.get("day"));
        chrome.waitUpTo(Duration.ofSeconds(20)).until(d -> !d.findElements(By.cssSelector("#timeline .span-recorded")).isEmpty());
        chrome.js("document.getElementById('start-time').value = arguments[0];", at.get("time"));
        chrome.driver.findElement(By.id("view-button")).click();
        chrome.waitUpTo(Duration.ofSeconds(10)).until(d -> Boolean.TRUE.equals(chrome.js("return document.getElementById('purpose-dialog').open;")));
        chrome.js("document.getElementById('purpose-category').value = 'crime-prevention';"
                + "document.getElementById('purpose-length').value = '300';");
        chrome.driver.findElement(By.id("purpose-text")).sendKeys("Fall reported in the lobby, ticket 2026-77");
        chrome.driver.findElement(By.id("purpose-submit")).click();
        chrome.waitUpTo(Duration.ofSeconds(30)).until(d -> ((Number) chrome.js(
                "return document.getElementById('video').readyState;")).intValue() >= 2);
    }

    /** Pauses, seeks, and returns once the frame at the new position has been presented (not at 'seeked' alone). */
    private void pauseAt(double seconds) {
        chrome.asyncJs("const done = arguments[arguments.length - 1]; const v = document.getElementById('video'); v.pause();"
                + "let seeked = false, presented = false; const finish = () => { if (seeked && presented) done(true); };"
                + "v.addEventListener('seeked', () => { seeked = true; finish(); }, {once: true});"
                + "v.requestVideoFrameCallback(() => requestAnimationFrame(() => { presented = true; finish(); }));"
                + "v.currentTime = arguments[0];", seconds);
    }

    /** The camera page's player shows, for the frame on screen, the time it was filmed (within one frame). */
    private long assertPlayerTime(String camera, String where) {
        Map<String, Object> m = chrome.jsMap(BarcodeFootage.FRAME_OF + "const v = document.getElementById('video');"
                + "const pos = document.getElementById('info-position');"
                + "return {frame: frameOf(v), page: Date.parse(pos.dataset.footageTime), width: v.videoWidth};");
        System.out.println("camera page, " + where + ": " + m);
        long frame = ((Number) m.get("frame")).longValue();
        long page = ((Number) m.get("page")).longValue();
        long real = filmedAt(camera, frame);
        assertTrue(Math.abs(page - real) <= FRAME_MS, where + ": frame " + frame + " was filmed at " + Instant.ofEpochMilli(real)
                + ", the page shows " + Instant.ofEpochMilli(page) + " (" + (page - real) + " ms off)");
        return frame;
    }

    @Test
    void cameraPagePlaysAcrossTheGapWithTheRightFootageTimeOnBothSides() throws Exception {
        watchOnCameraPage(GAP);
        // The gap is listed with its reason.
        String gapText = chrome.driver.findElement(By.cssSelector("#footage-gaps li")).getText();
        assertTrue(gapText.contains("not recorded") && gapText.contains("camera unreachable"), gapText);
        double duration = ((Number) chrome.js("return document.getElementById('video').duration;")).doubleValue();
        assertEquals(50.0, duration, 0.2, "the header's length: the footage and its gap");

        pauseAt(4.5);
        assertPlayerTime(GAP, "before the gap");

        // Play from just before the gap: the page moves over it and the video plays on after it.
        chrome.js("const v = document.getElementById('video'); v.currentTime = 9.0; v.play();");
        chrome.waitUpTo(Duration.ofSeconds(30)).until(d -> ((Number) chrome.js(
                "return document.getElementById('video').currentTime;")).doubleValue() > 41.0);
        assertTrue(chrome.driver.findElement(By.id("player-message")).getText().contains("Skipped a gap"),
                chrome.driver.findElement(By.id("player-message")).getText());
        assertTrue(assertPlayerTime(GAP, "playing after the gap") >= 250, "a frame from after the gap is on screen");

        pauseAt(43.02);
        assertPlayerTime(GAP, "after the gap");
        pauseAt(47.5);
        assertPlayerTime(GAP, "later after the gap");
        chrome.screenshot("camera-after-gap");
        chrome.assertNoConsoleErrors("camera.html across a gap");
    }

    @Test
    void cameraPagePlaysThroughAResolutionChangeWithTheRightFootageTime() throws Exception {
        watchOnCameraPage(PARTS);
        assertEquals(10.0, ((Number) chrome.js("return document.getElementById('video').duration;")).doubleValue(), 0.2,
                "the first part: the footage before the change");
        pauseAt(4.5);
        assertPlayerTime(PARTS, "before the resolution change");

        chrome.js("const v = document.getElementById('video'); v.currentTime = 9.0; v.play();");
        chrome.waitUpTo(Duration.ofSeconds(30)).until(d -> Boolean.TRUE.equals(chrome.js(
                "const v = document.getElementById('video'); return v.videoWidth === 640 && v.currentTime > 1.0;")));
        String message = chrome.driver.findElement(By.id("player-message")).getText();
        assertTrue(message.contains("picture format changed") && message.contains("640×480"), message);
        assertTrue(assertPlayerTime(PARTS, "playing after the change") >= 250, "a frame of the second part is on screen");

        pauseAt(3.02);
        assertPlayerTime(PARTS, "after the resolution change");
        chrome.screenshot("camera-after-resolution-change");
        assertGuardsView("camera", "#player");
        chrome.assertNoConsoleErrors("camera.html across a resolution change");
    }

    // ---------- several cameras ----------

    private static String tile(String camera) {
        return "document.querySelector('#sync-wall .tile[data-camera=\"" + camera + "\"]')";
    }

    /** Waits until every tile with footage at the clock's time shows the picture of that time (seeks done, frame presented). */
    private void awaitSettled() {
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
    private Map<String, Object> assertSyncTime(String where, String... showing) {
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
            long real = filmedAt(camera, frame);
            assertTrue(Math.abs(clock - real) <= FRAME_MS, where + ": " + camera + "'s frame " + frame + " was filmed at "
                    + Instant.ofEpochMilli(real) + ", the clock shows " + Instant.ofEpochMilli(clock) + " (" + (clock - real) + " ms off)");
        }
        return m;
    }

    private String tileStatus(String camera) {
        return (String) chrome.js("const s = " + tile(camera) + ".querySelector('.tile-status'); return s.hidden ? '' : s.textContent;");
    }

    private long clock() {
        return ((Number) chrome.js("return Date.parse(document.getElementById('sync-clock').dataset.footageTime) || 0;")).longValue();
    }

    private void click(String id) {
        chrome.driver.findElement(By.id(id)).click();
    }

    @Test
    @SuppressWarnings("unchecked")
    void syncPageKeepsEachCameraOnTheRightTimeAcrossTheGapAndTheResolutionChange() throws Exception {
        chrome.driver.get(gateway.baseUrl() + "/sync.html");
        chrome.waitUpTo(Duration.ofSeconds(20)).until(d -> d.findElements(By.cssSelector("#camera-choices input")).size() == 2);
        click("cam-" + GAP);
        click("cam-" + PARTS);
        Map<String, Object> at = local(start);
        chrome.js("document.getElementById('sync-day').value = arguments[0]; document.getElementById('sync-time').value = arguments[1];",
                at.get("day"), at.get("time"));
        new Select(chrome.driver.findElement(By.id("sync-length"))).selectByValue("300");
        new Select(chrome.driver.findElement(By.id("purpose-category"))).selectByValue("crime-prevention");
        chrome.driver.findElement(By.id("purpose-text")).sendKeys("Fall reported in the lobby, ticket 2026-77");
        click("sync-start");
        chrome.waitUpTo(Duration.ofSeconds(30)).until(d -> clock() > start.toEpochMilli() + 500
                || !d.findElement(By.id("sync-error")).getText().isBlank());
        assertEquals("", chrome.driver.findElement(By.id("sync-error")).getText(), "the viewing opens");

        click("sync-play"); // pause
        assertSyncTime("before the gap and the change", GAP, PARTS);

        click("sync-forward10");
        Map<String, Object> after = assertSyncTime("+10 s: after the change, in the gap", PARTS);
        assertEquals(640L, ((Number) ((Map<String, Object>) after.get(PARTS)).get("width")).longValue(), "the second part plays: " + after);
        assertTrue(tileStatus(GAP).contains("camera unreachable"), "the gap says why: " + tileStatus(GAP));

        long frame = ((Number) ((Map<String, Object>) after.get(PARTS)).get("frame")).longValue();
        click("sync-frame-forward");
        Map<String, Object> stepped = assertSyncTime("a frame step in the second part", PARTS);
        assertEquals(frame + 1, ((Number) ((Map<String, Object>) stepped.get(PARTS)).get("frame")).longValue(), "one frame on");

        click("sync-back10");
        assertSyncTime("-10 s: back before the change", GAP, PARTS);

        // Play at 2x through the change (cam-02's next part), then through the time no camera recorded.
        new Select(chrome.driver.findElement(By.id("sync-speed"))).selectByValue("2");
        click("sync-play");
        long changed = start.plusSeconds(12).toEpochMilli();
        chrome.waitUpTo(Duration.ofSeconds(30)).until(d -> clock() > changed);
        // cam-02 plays its second part at 2x
        chrome.waitUpTo(Duration.ofSeconds(10)).until(d -> Boolean.TRUE.equals(chrome.js("const v = " + tile(PARTS)
                + ".querySelector('video'); return v.videoWidth === 640 && !v.paused && v.playbackRate === 2;")));
        long afterGap = start.plusSeconds(41).toEpochMilli();
        chrome.waitUpTo(Duration.ofSeconds(40)).until(d -> clock() > afterGap);
        String skipped = chrome.driver.findElement(By.id("sync-message")).getText();
        assertTrue(skipped.contains("No camera recorded"), "the time nobody recorded is skipped, and said: " + skipped);
        click("sync-play"); // pause
        assertSyncTime("after the gap", GAP);
        assertTrue(tileStatus(PARTS).contains("Nothing recorded"), "cam-02 has nothing then: " + tileStatus(PARTS));
        chrome.screenshot("sync-after-gap");
        assertGuardsView("sync", "#sync-wall");
        chrome.assertNoConsoleErrors("sync.html across a gap and a resolution change");
        click("sync-end");
    }
}
