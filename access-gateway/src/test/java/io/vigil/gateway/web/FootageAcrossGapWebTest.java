package io.vigil.gateway.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vigil.config.Role;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The camera page plays across a gap in a real Chromium and shows the right footage time
 * on both sides of it. Every picture carries its frame number as a 10-bit barcode burnt in
 * by ffmpeg ({@code geq}: the 32-pixel column b is white when bit b of the frame number is set), so the
 * test reads which frame is on screen from the decoded picture itself (canvas) and knows
 * that frame's real footage time; the page's footage time must match within one frame.
 *
 * <pre>
 * S+0 ..10 s  frames   0..249 (5 segments)
 * S+10..40 s  not recorded ("camera unreachable")
 * S+40..50 s  frames 250..499 (5 segments): footage time = S + 30 s + n × 40 ms
 * </pre>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FootageAcrossGapWebTest {
    private static final String CAMERA = "cam-01";
    private static final String GUARD = "guard.park";
    private static final String PASSWORD = "correct horse battery";
    private static final int FPS = 25;
    private static final long FRAME_MS = 1000 / FPS;
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
        byte[] mp4 = barcodeFootage(tmp, 20);
        List<byte[]> segments = TestFootage.split(mp4, 10);
        // A keyframe each second exactly, so each 2 s segment holds 50 frames: every fragment is one second.
        assertEquals(2 * segments.size(), fragmentsIn(mp4), "ffmpeg made one fragment per second");
        for (int i = 0; i < 10; i++) {
            Instant s = start.plusSeconds(2L * i + (i >= 5 ? GAP_MS / 1000 : 0));
            gateway.store().segments().append(CAMERA, s, s.plusSeconds(2), i + 1, segments.get(i));
        }
        gateway.store().segments().recordGap(CAMERA, start.plusSeconds(10), start.plusSeconds(40), "camera unreachable");
        gateway.addUser(GUARD, Role.SECURITY_STAFF, List.of(CAMERA), PASSWORD);
    }

    @AfterAll
    void stop() {
        if (chrome != null) chrome.close();
        if (gateway != null) gateway.close();
    }

    /** {@code seconds} of 320x240 H.264 (25 fps, a keyframe each second) whose frame number is its picture. */
    private static byte[] barcodeFootage(Path dir, int seconds) throws Exception {
        assumeTrue(Files.isExecutable(TestFootage.FFMPEG), "skipped: /usr/bin/ffmpeg is missing");
        Path out = dir.resolve("barcode.mp4");
        Process p = new ProcessBuilder(TestFootage.FFMPEG.toString(), "-y", "-loglevel", "error",
                "-f", "lavfi", "-i", "color=c=black:size=320x240:rate=" + FPS, "-t", Integer.toString(seconds),
                "-vf", "geq=lum='if(mod(floor(N/pow(2,floor(X/32))),2),235,16)':cb=128:cr=128",
                "-c:v", "libx264", "-crf", "12", "-pix_fmt", "yuv420p", "-g", "25", "-keyint_min", "25", "-sc_threshold", "0", "-f", "mp4",
                "-movflags", "frag_keyframe+empty_moov+default_base_moof", out.toString()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) throw new IllegalStateException("ffmpeg: " + log);
        return Files.readAllBytes(out);
    }

    private static int fragmentsIn(byte[] mp4) {
        int n = 0;
        for (io.vigil.storage.format.BoxReader.Box b : io.vigil.storage.format.BoxReader.children(mp4, 0, mp4.length)) {
            if (b.type().equals("moof")) n++;
        }
        return n;
    }

    /** Footage time (ms) of frame n of the barcode footage as stored. */
    private long footageTimeOf(long frame) {
        return start.toEpochMilli() + frame * FRAME_MS + (frame >= 250 ? GAP_MS : 0);
    }

    /** The frame on screen (from its barcode) and the footage time the page shows for it. */
    private long[] frameAndPageTime() {
        Map<String, Object> m = chrome.jsMap("const v = document.getElementById('video');"
                + "const c = document.createElement('canvas'); c.width = v.videoWidth; c.height = v.videoHeight;"
                + "const g = c.getContext('2d'); g.drawImage(v, 0, 0);"
                + "let n = 0;"
                + "for (let b = 0; b < 10; b++) { const px = g.getImageData(b * 32 + 8, 100, 16, 40).data; let sum = 0;"
                + "  for (let i = 0; i < px.length; i += 4) sum += px[i];"
                + "  if (sum / (px.length / 4) > 128) n += (1 << b); }"
                + "const pos = document.getElementById('info-position');"
                + "return {frame: n, page: Date.parse(pos.dataset.footageTime), media: pos.dataset.mediaTime, current: v.currentTime};");
        System.out.println("footage across a gap: " + m);
        return new long[] {((Number) m.get("frame")).longValue(), ((Number) m.get("page")).longValue()};
    }

    /** Pauses, seeks, and returns once the frame at the new position has been presented (not at 'seeked' alone). */
    private void pauseAt(double seconds) {
        chrome.asyncJs("const done = arguments[arguments.length - 1]; const v = document.getElementById('video'); v.pause();"
                + "let seeked = false, presented = false; const finish = () => { if (seeked && presented) done(true); };"
                + "v.addEventListener('seeked', () => { seeked = true; finish(); }, {once: true});"
                + "v.requestVideoFrameCallback(() => requestAnimationFrame(() => { presented = true; finish(); }));"
                + "v.currentTime = arguments[0];", seconds);
    }

    private void assertRightTime(String where) {
        long[] fp = frameAndPageTime();
        long real = footageTimeOf(fp[0]);
        assertTrue(Math.abs(fp[1] - real) <= FRAME_MS, where + ": frame " + fp[0] + " was filmed at " + Instant.ofEpochMilli(real)
                + ", the page shows " + Instant.ofEpochMilli(fp[1]) + " (" + (fp[1] - real) + " ms off)");
    }

    @Test
    void playsAcrossTheGapWithTheRightFootageTimeOnBothSides() throws Exception {
        WebPages pages = new WebPages(chrome, gateway.baseUrl());
        pages.login(GUARD, PASSWORD);
        chrome.waitUpTo(Duration.ofSeconds(20)).until(ExpectedConditions.urlMatches(".*/(index\\.html)?$"));
        Map<String, Object> local = chrome.jsMap("const d = new Date(arguments[0]); return {day: Vigil.isoDay(d), time: Vigil.fmtTime(d)};",
                start.toEpochMilli());
        chrome.driver.get(gateway.baseUrl() + "/camera.html?id=" + CAMERA + "&day=" + local.get("day"));
        chrome.waitUpTo(Duration.ofSeconds(20)).until(d -> !d.findElements(By.cssSelector("#timeline .span-recorded")).isEmpty());
        chrome.js("document.getElementById('start-time').value = arguments[0];", local.get("time"));
        chrome.driver.findElement(By.id("view-button")).click();
        chrome.waitUpTo(Duration.ofSeconds(10)).until(d -> Boolean.TRUE.equals(chrome.js("return document.getElementById('purpose-dialog').open;")));
        chrome.js("document.getElementById('purpose-category').value = 'crime-prevention';"
                + "document.getElementById('purpose-length').value = '300';");
        chrome.driver.findElement(By.id("purpose-text")).sendKeys("Fall reported in the lobby, ticket 2026-77");
        chrome.driver.findElement(By.id("purpose-submit")).click();

        // The gap is listed with its reason before anything plays.
        chrome.waitUpTo(Duration.ofSeconds(20)).until(d -> !d.findElements(By.cssSelector("#footage-gaps li")).isEmpty());
        String gapText = chrome.driver.findElement(By.cssSelector("#footage-gaps li")).getText();
        assertTrue(gapText.contains("not recorded") && gapText.contains("camera unreachable"), gapText);
        chrome.waitUpTo(Duration.ofSeconds(30)).until(d -> ((Number) chrome.js(
                "return document.getElementById('video').readyState;")).intValue() >= 2);
        double duration = ((Number) chrome.js("return document.getElementById('video').duration;")).doubleValue();
        assertEquals(50.0, duration, 0.2, "the header's length: the footage and its gap");

        pauseAt(4.5);
        assertRightTime("before the gap");

        // Play from just before the gap: the page moves over it and the video plays on after it.
        chrome.js("const v = document.getElementById('video'); v.currentTime = 9.0; v.play();");
        chrome.waitUpTo(Duration.ofSeconds(30)).until(d -> ((Number) chrome.js(
                "return document.getElementById('video').currentTime;")).doubleValue() > 41.0);
        assertTrue(chrome.driver.findElement(By.id("player-message")).getText().contains("Skipped a gap"),
                chrome.driver.findElement(By.id("player-message")).getText());
        long[] playing = frameAndPageTime();
        assertTrue(playing[0] >= 250, "a frame from after the gap is on screen: " + playing[0]);
        Number presented = (Number) chrome.asyncJs("const done = arguments[arguments.length - 1];"
                + "document.getElementById('video').requestVideoFrameCallback((now, meta) => done(meta.presentedFrames));");
        assertTrue(presented.intValue() > 0, "frames keep being presented after the gap");

        pauseAt(43.02);
        assertRightTime("after the gap");
        pauseAt(47.5);
        assertRightTime("later after the gap");
        chrome.screenshot("camera-after-gap");
        chrome.assertNoConsoleErrors("camera.html across a gap");
    }
}
