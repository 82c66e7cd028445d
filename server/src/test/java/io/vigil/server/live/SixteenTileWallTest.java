package io.vigil.server.live;

import static io.vigil.server.live.LiveWallSite.js;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vigil.config.VigilConfig;
import io.vigil.ingest.sim.CameraSimulator;
import io.vigil.ingest.sim.SimSettings;
import io.vigil.server.SimulatedSiteConfig;
import io.vigil.server.VigilServer;
import io.vigil.server.sim.CameraSimHost;
import io.vigil.testkit.Chromium;
import io.vigil.testkit.PageLook;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The live wall at its full size in Chromium against the whole server: sixteen simulated
 * cameras (replayed streams, as the demo's cameras are) pulled over RTSP; the guard opens
 * the wall, picks the 16-tile grid, and every one of the sixteen tiles shows a picture that
 * advances, each under the watermark. Then the wall as the monitoring room sees it: on a
 * 1920x1080 screen the pictures use the screen (one enlarged tile most of it) and no
 * internals show; in the dark theme the page is dark with every text at WCAG contrast 4.5 or
 * more, and the watermark is drawn over the pictures in both themes.
 */
class SixteenTileWallTest {
    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void sixteenTilesAllAdvance(@TempDir Path dir) throws Exception {
        assumeTrue(Chromium.missing() == null, "needs chromium and chromedriver: " + Chromium.missing());
        try (CameraSimHost sim = CameraSimHost.start(new InetSocketAddress("127.0.0.1", 0), 16, CameraSimulator.Mode.REPLAY,
                new SimSettings(320, 240, 10, 10, 300_000, false), Clock.systemUTC())) {
            VigilConfig config = SimulatedSiteConfig.write(dir, sim, "segmentDuration: 1s\nlanguage: en\n");
            try (VigilServer server = VigilServer.start(config)) {
                LiveWallSite.addGuard(server, sim.cameraIds());
                ChromeDriver chrome = Chromium.start(dir.resolve("chromium")).driver;
                try {
                    LiveWallSite.login(chrome, server.viewerUrl());
                    LiveWallSite.openWall(chrome, server.viewerUrl(), 16, "security monitoring, day shift", Duration.ofSeconds(90));
                    chrome.findElement(By.cssSelector(".layout[data-tiles='16']")).click();
                    assertEquals("true", chrome.findElement(By.cssSelector(".layout[data-tiles='16']")).getAttribute("aria-pressed"));

                    LiveWallSite.awaitAllAdvance(chrome, sim.cameraIds(), 1.0, Duration.ofSeconds(90));
                    Object visible = js(chrome, "return Array.from(document.querySelectorAll('#wall .tile')).filter(t => {"
                            + " const r = t.getBoundingClientRect(); return r.width > 100 && r.height > 50 && r.bottom <= innerHeight + 1; }).length;");
                    assertEquals(16L, visible, "all sixteen tiles on one 1366x768 screen");
                    assertEquals(16L, js(chrome, "return Array.from(document.querySelectorAll('.tile .watermark .wm-name'))"
                            + ".filter(w => w.textContent === 'guard').length;"));
                    assertTrue(server.store().ledger().search(e -> e.record().type().equals("live.start"), 10).get(0)
                            .record().cameraIds().split(",").length == 16, "live.start names the sixteen cameras");
                    screenshot(chrome, "live-wall-16");
                    wallOnALargeScreen(chrome);
                    wallInBothThemes(chrome);
                } finally {
                    chrome.quit();
                }
            }
        }
    }

    /** At 1920x1080: all sixteen pictures on screen using most of it, one enlarged tile more still, nothing a guard would not say. */
    private static void wallOnALargeScreen(ChromeDriver chrome) throws Exception {
        Map<String, Object> small = PageLook.pictureShare(chrome, "#wall .tile video");
        chrome.manage().window().setSize(new Dimension(1920, 1080));
        new WebDriverWait(chrome, Duration.ofSeconds(10)).until(d -> ((Number) js(chrome, "return innerWidth;")).intValue() == 1920);
        Map<String, Object> large = PageLook.pictureShare(chrome, "#wall .tile video");
        System.out.println("live wall, 16 tiles: the pictures use " + small + " at 1366x768, " + large + " at 1920x1080");
        assertEquals(16L, ((Number) large.get("videos")).longValue(), "sixteen pictures at 1920x1080: " + large);
        // 4:3 pictures in the tiles of a 16:9 screen: the tiles take three quarters of the window, the pictures 40 %.
        assertTrue(((Number) large.get("boxes")).doubleValue() >= 0.6 && ((Number) large.get("share")).doubleValue() >= 0.35,
                "the sixteen pictures use the screen: " + large);
        String words = String.valueOf(js(chrome, "return document.body.innerText;"));
        assertFalse(words.matches("(?s).*(avc1|H264|H\\.264|undefined|NaN|expiresAt|monitoringSession|grantId).*"),
                "the wall says nothing a guard would not say: " + words);
        chrome.findElement(By.cssSelector("#wall .tile")).click();
        new WebDriverWait(chrome, Duration.ofSeconds(10)).until(d -> ((Number) PageLook.pictureShare(chrome, "#wall .tile video")
                .get("videos")).intValue() == 1);
        Map<String, Object> one = PageLook.pictureShare(chrome, "#wall .tile video");
        System.out.println("live wall, one tile enlarged at 1920x1080: " + one);
        assertTrue(((Number) one.get("boxes")).doubleValue() >= 0.6 && ((Number) one.get("share")).doubleValue() >= 0.4,
                "an enlarged tile uses the screen: " + one);
        chrome.findElement(By.cssSelector("#wall .tile.enlarged")).click();
        screenshot(chrome, "live-wall-16-1920x1080");
    }

    /**
     * The dark theme (the header's switch): a dark page and wall, every text readable; the
     * watermark drawn over the pictures in the dark and the light theme. The pictures are held
     * still for the screenshots that find the watermark's pixels (the wall stops appending
     * and pauses), which ends the live pictures: this is the test's last step.
     */
    private static void wallInBothThemes(ChromeDriver chrome) throws Exception {
        PageLook.useTheme(chrome, "dark");
        Map<String, Object> body = PageLook.colours(chrome, "body");
        assertTrue(((Number) body.get("bgLuminance")).doubleValue() < 0.02 && ((Number) body.get("fgLuminance")).doubleValue() > 0.6,
                "the dark theme's page is dark with light text: " + body);
        for (String part : List.of("#wall", "#wall .tile", ".wall-bar")) {
            Map<String, Object> c = PageLook.colours(chrome, part);
            assertTrue(((Number) c.get("bgLuminance")).doubleValue() < 0.1, part + " is dark in the dark theme: " + c);
        }
        assertEquals(List.of(), PageLook.lowContrastText(chrome, PageLook.MIN_TEXT_CONTRAST), "dark theme: text below 4.5:1");
        holdPicturesStill(chrome);
        int dark = PageLook.watermarkPixels(chrome, "#wall .tile .watermark");
        screenshot(chrome, "live-wall-16-dark-1920x1080");
        PageLook.useTheme(chrome, "light");
        assertEquals(List.of(), PageLook.lowContrastText(chrome, PageLook.MIN_TEXT_CONTRAST), "light theme: text below 4.5:1");
        int light = PageLook.watermarkPixels(chrome, "#wall .tile .watermark");
        System.out.println("live wall: the watermark changes " + dark + " pixels of a tile in the dark theme, " + light + " in the light");
        assertTrue(dark >= 100 && light >= 100, "the watermark is drawn over the picture in both themes (pixels it changes: dark "
                + dark + ", light " + light + ")");
    }

    /** Stops the tiles' media from taking new fragments and pauses them, so two screenshots show the same pictures. */
    private static void holdPicturesStill(ChromeDriver chrome) {
        js(chrome, "SourceBuffer.prototype.appendBuffer = function () {};");
        new WebDriverWait(chrome, Duration.ofSeconds(10)).until(d -> Boolean.TRUE.equals(js(chrome,
                "const v = Array.from(document.querySelectorAll('#wall .tile video')); v.forEach(x => x.pause());"
                        + "return v.every(x => x.paused && !x.seeking);")));
    }

    private static void screenshot(ChromeDriver chrome, String name) throws Exception {
        Files.write(Files.createDirectories(Path.of("target", "screenshots")).resolve(name + ".png"), chrome.getScreenshotAs(OutputType.BYTES));
    }
}
