package io.vigil.gateway.web;

import static io.vigil.gateway.web.SyncPageSteps.frame;
import static io.vigil.gateway.web.SyncPageSteps.tile;
import static io.vigil.gateway.web.SyncPageSteps.tolerance;
import static io.vigil.gateway.web.SyncPageSteps.width;
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
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
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
 * cam-03 (ALONG)  S+0..20 s frames 0..499 · S+20..30 not recorded · S+30..50 s frames 500..999 (plays beside the others)
 * </pre>
 *
 * <p>The camera and several-cameras pages are also looked at as the monitoring room sees
 * them ({@link GuardsView}): at 1366x768 and 1920x1080 the picture uses the screen and no
 * internals show; in the dark theme the page, its tiles and timeline are dark with every
 * text at WCAG contrast 4.5 or more, and the watermark is drawn over the picture in both themes.
 */
class FootageTimeWebTest extends BrowserPageTest {
    private static final String GAP = "cam-01";
    private static final String PARTS = "cam-02";
    private static final String ALONG = "cam-03";
    private static final String GUARD = "guard.park";
    private static final long FRAME_MS = BarcodeFootage.FRAME_MS;
    private static final long GAP_MS = 30_000;

    private SyncPageSteps sync;
    private Instant start;

    @BeforeAll
    void footage() throws Exception {
        start = Instant.now().minus(Duration.ofMinutes(10)).truncatedTo(ChronoUnit.SECONDS);
        List<byte[]> small = BarcodeFootage.segments(tmp, "320x240", 20, 0);
        List<byte[]> large = BarcodeFootage.segments(tmp, "640x480", 10, 250);
        List<byte[]> later = BarcodeFootage.segments(tmp, "320x240", 20, 500);
        for (int i = 0; i < 10; i++) {
            Instant s = start.plusSeconds(2L * i + (i >= 5 ? GAP_MS / 1000 : 0));
            gateway.store.segments().append(CameraId.of(GAP), s, s.plusSeconds(2), i + 1, small.get(i));
            Instant p = start.plusSeconds(2L * i);
            gateway.store.segments().append(CameraId.of(PARTS), p, p.plusSeconds(2), i + 1, i < 5 ? small.get(i) : large.get(i - 5));
            gateway.store.segments().append(CameraId.of(ALONG), p, p.plusSeconds(2), i + 1, small.get(i));
            Instant q = start.plusSeconds(30 + 2L * i);
            gateway.store.segments().append(CameraId.of(ALONG), q, q.plusSeconds(2), i + 11, later.get(i));
        }
        gateway.store.segments().recordGap(CameraId.of(GAP), start.plusSeconds(10), start.plusSeconds(40), "camera unreachable");
        gateway.addUser(GUARD, Role.SECURITY_STAFF, List.of(GAP, PARTS, ALONG), PASSWORD);
        pages.login(GUARD, PASSWORD);
        sync = new SyncPageSteps(chrome, this::filmedAt);
    }

    /** When frame n of a camera's footage was filmed. */
    private long filmedAt(String camera, long frame) {
        long late = camera.equals(GAP) && frame >= 250 ? GAP_MS : camera.equals(ALONG) && frame >= 500 ? 10_000 : 0;
        return start.toEpochMilli() + frame * FRAME_MS + late;
    }

    private Map<String, Object> local(Instant t) {
        return chrome.jsMap("const d = new Date(arguments[0]); return {day: Vigil.isoDay(d), time: Vigil.fmtTime(d)};", t.toEpochMilli());
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
        GuardsView.assertGuardsView(chrome, "camera", "#player", "#video", new GuardsView.Look(0.4, 0.4, List.of("#player", "#ptl-track", ".panel"), "#watermark"));
        chrome.assertNoConsoleErrors("camera.html across a resolution change");
    }

    // ---------- several cameras ----------

    @Test
    void syncPageKeepsEachCameraOnTheRightTimeAcrossTheGapAndTheResolutionChange() throws Exception {
        sync.open(gateway.baseUrl(), 3, start, GAP, PARTS);
        sync.click("sync-play"); // pause
        sync.assertSyncTime("before the gap and the change", GAP, PARTS);

        sync.click("sync-forward10");
        Map<String, Object> after = sync.assertSyncTime("+10 s: after the change, in the gap", PARTS);
        assertEquals(640L, width(after, PARTS), "the second part plays: " + after);
        assertTrue(sync.tileStatus(GAP).contains("camera unreachable"), "the gap says why: " + sync.tileStatus(GAP));

        long frame = frame(after, PARTS);
        sync.click("sync-frame-forward");
        Map<String, Object> stepped = sync.assertSyncTime("a frame step in the second part", PARTS);
        assertEquals(frame + 1, frame(stepped, PARTS), "one frame on");

        sync.click("sync-back10");
        sync.assertSyncTime("-10 s: back before the change", GAP, PARTS);

        // Play at 2x through the change (cam-02's next part), then through the time no camera recorded.
        new Select(chrome.driver.findElement(By.id("sync-speed"))).selectByValue("2");
        sync.click("sync-play");
        long changed = start.plusSeconds(12).toEpochMilli();
        chrome.waitUpTo(Duration.ofSeconds(30)).until(d -> sync.clock() > changed);
        // cam-02 plays its second part at 2x
        chrome.waitUpTo(Duration.ofSeconds(10)).until(d -> Boolean.TRUE.equals(chrome.js("const v = " + tile(PARTS)
                + ".querySelector('video'); return v.videoWidth === 640 && !v.paused && v.playbackRate === 2;")));
        long afterGap = start.plusSeconds(41).toEpochMilli();
        chrome.waitUpTo(Duration.ofSeconds(40)).until(d -> sync.clock() > afterGap);
        String skipped = chrome.driver.findElement(By.id("sync-message")).getText();
        assertTrue(skipped.contains("No camera recorded"), "the time nobody recorded is skipped, and said: " + skipped);
        sync.click("sync-play"); // pause
        sync.assertSyncTime("after the gap", GAP);
        assertTrue(sync.tileStatus(PARTS).contains("Nothing recorded"), "cam-02 has nothing then: " + sync.tileStatus(PARTS));
        chrome.screenshot("sync-after-gap");
        GuardsView.assertGuardsView(chrome, "sync", "#sync-wall", "#sync-wall .tile video",
                new GuardsView.Look(0.6, 0.6, List.of("#sync-wall", "#sync-wall .tile", ".wall-bar"), "#sync-wall .tile:not(.no-footage) .watermark"));
        chrome.assertNoConsoleErrors("sync.html across a gap and a resolution change");
        sync.click("sync-end");
    }


    /**
     * Frame steps back and forward across cam-02's part boundary (320x240 to 640x480) show, in
     * every camera, the picture filmed at the page's time: frames 249 and 250 exactly; playback at 0.5x and at 8x goes through the part boundary, the start and
     * the end of cam-01's gap and the time nobody recorded, with the cameras on one time while
     * playing (within what the page allows at that speed, {@link SyncPageSteps#tolerance}) and
     * on the clock (within a frame) once paused.
     */
    @Test
    void syncPageStepsAcrossThePartBoundaryAndStaysInSyncAtHalfAndEightTimesSpeed() {
        sync.open(gateway.baseUrl(), 3, start.plusSeconds(8), GAP, PARTS, ALONG);
        // Half speed from S+8, paused just before the boundary: a few steps reach its last picture.
        new Select(chrome.driver.findElement(By.id("sync-speed"))).selectByValue("0.5");
        chrome.waitUpTo(Duration.ofSeconds(30)).pollingEvery(Duration.ofMillis(20)).until(d -> sync.clock() >= start.plusMillis(9_700).toEpochMilli());
        sync.click("sync-play"); // pause
        Map<String, Object> shown = sync.assertSyncTime("paused before the boundary", GAP, PARTS, ALONG);
        String button = frame(shown, PARTS) < 249 ? "sync-frame-forward" : "sync-frame-back";
        for (int i = 0; frame(shown, PARTS) != 249 && i < 12; i++) shown = sync.step(button, "stepping to the boundary", GAP, PARTS, ALONG);
        assertEquals(249L, frame(shown, PARTS), "on the first part's last picture: " + shown);

        shown = sync.step("sync-frame-forward", "a frame forward across the part boundary", PARTS, ALONG);
        assertEquals(640L, width(shown, PARTS), "the second part: " + shown);
        assertEquals(250L, frame(shown, PARTS), "its first picture: " + shown);
        assertEquals(250L, frame(shown, ALONG), "the other camera on the same moment: " + shown);
        assertTrue(shown.get(GAP) == null && sync.tileStatus(GAP).contains("camera unreachable"), "cam-01's gap begins: " + sync.tileStatus(GAP));
        shown = sync.step("sync-frame-back", "a frame back across the part boundary", GAP, PARTS, ALONG);
        assertEquals(320L, width(shown, PARTS), "the first part again: " + shown);
        for (String camera : List.of(GAP, PARTS, ALONG)) assertEquals(249L, frame(shown, camera), camera + " on the last picture before the boundary: " + shown);
        shown = sync.step("sync-frame-forward", "a frame forward across the part boundary again", PARTS, ALONG);
        assertEquals(640L, width(shown, PARTS), "the second part again: " + shown);
        assertEquals(250L, frame(shown, PARTS), "its first picture again: " + shown);
        sync.step("sync-frame-back", "back before the boundary", GAP, PARTS, ALONG);

        // 0.5x from S+9.96: cam-02's next part and cam-01's gap both begin at S+10. Checked from
        // S+10.6 (a second on screen after the switch: the page moves a camera on its next 200 ms tick).
        sync.click("sync-play");
        sync.assertInSyncWhilePlaying("0.5x across the part boundary", start.plusMillis(10_600).toEpochMilli(),
                start.plusSeconds(12).toEpochMilli(), tolerance(0.5), PARTS, ALONG);
        sync.click("sync-play"); // pause
        Map<String, Object> paused = sync.assertSyncTime("paused after 0.5x across the boundary", PARTS, ALONG);
        assertEquals(640L, width(paused, PARTS), "the second part plays: " + paused);
        assertTrue(sync.tileStatus(GAP).contains("camera unreachable"), "cam-01's gap says why: " + sync.tileStatus(GAP));

        // 8x from S+8 (the grant's start): across the part boundary, the time nobody recorded (S+20..30), cam-01's return at S+40.
        sync.click("sync-back10");
        sync.playAt("8");
        sync.assertInSyncWhilePlaying("8x after the part boundary", start.plusSeconds(13).toEpochMilli(),
                start.plusSeconds(19).toEpochMilli(), tolerance(8), PARTS, ALONG);
        sync.assertInSyncWhilePlaying("8x after cam-01's gap", start.plusSeconds(42).toEpochMilli(),
                start.plusSeconds(49).toEpochMilli(), tolerance(8), GAP, ALONG);
        assertTrue(chrome.driver.findElement(By.id("sync-message")).getText().contains("No camera recorded"),
                "the time nobody recorded was skipped, and said: " + chrome.driver.findElement(By.id("sync-message")).getText());
        sync.click("sync-play"); // pause
        sync.assertSyncTime("paused after 8x through the gap", GAP, ALONG);
        chrome.assertNoConsoleErrors("sync.html frame steps and speeds");
        sync.click("sync-end");
    }
}
