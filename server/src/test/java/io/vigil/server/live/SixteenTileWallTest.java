package io.vigil.server.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vigil.config.ConfigLoader;
import io.vigil.config.Role;
import io.vigil.config.VigilConfig;
import io.vigil.gateway.accounts.AccountService;
import io.vigil.ingest.sim.CameraSimulator;
import io.vigil.ingest.sim.SimSettings;
import io.vigil.server.VigilServer;
import io.vigil.server.sim.CameraSimHost;
import io.vigil.storage.keys.Keystore;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The live wall at its full size in Chromium against the whole server: sixteen simulated
 * cameras (replayed streams, as the demo's cameras are) pulled over RTSP; the guard opens
 * the wall, picks the 16-tile grid, and every one of the sixteen tiles shows a picture that
 * advances, each under the watermark.
 */
class SixteenTileWallTest {
    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void sixteenTilesAllAdvance(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/chromium")) && Files.isExecutable(Path.of("/usr/bin/chromedriver")),
                "needs chromium and chromedriver");
        try (CameraSimHost sim = CameraSimHost.start(new InetSocketAddress("127.0.0.1", 0), 16, CameraSimulator.Mode.REPLAY,
                new SimSettings(320, 240, 10, 10, 300_000, false), Clock.systemUTC())) {
            Files.writeString(dir.resolve("pass"), "sixteen tiles passphrase\n");
            StringBuilder yaml = new StringBuilder("""
                    dataDir: data
                    keystore: {path: keystore.vks, passphrase: "file:pass"}
                    segmentDuration: 1s
                    language: en
                    listen: {https: "127.0.0.1:0"}
                    cameras:
                    """);
            for (String id : sim.cameraIds()) {
                yaml.append("  - {id: ").append(id).append(", name: Ward ").append(id).append(", location: A, url: \"")
                        .append(sim.url(id)).append("\"}\n");
            }
            VigilConfig config = ConfigLoader.load(Files.writeString(dir.resolve("vigil.yaml"), yaml));
            Keystore.create(config.keystore(), "sixteen tiles passphrase".toCharArray());
            try (VigilServer server = VigilServer.start(config)) {
                new AccountService(server.store(), Clock.systemUTC())
                        .addUser("guard", Role.SECURITY_STAFF, sim.cameraIds(), "guard password 123".toCharArray());
                ChromeDriver chrome = LiveWallTest.chromium(dir);
                try {
                    LiveWallTest.login(chrome, server.viewerUrl());
                    chrome.get(server.viewerUrl() + "live.html");
                    WebDriverWait wait = new WebDriverWait(chrome, Duration.ofSeconds(90));
                    wait.until(d -> d.findElements(By.cssSelector("#camera-choices input")).size() == 16);
                    new Select(chrome.findElement(By.id("purpose-category"))).selectByValue("facility-safety");
                    chrome.findElement(By.id("purpose-text")).sendKeys("security monitoring, day shift");
                    chrome.findElement(By.id("start-button")).click();
                    wait.until(d -> d.findElements(By.cssSelector("#wall .tile")).size() == 16);
                    chrome.findElement(By.cssSelector(".layout[data-tiles='16']")).click();
                    assertEquals("true", chrome.findElement(By.cssSelector(".layout[data-tiles='16']")).getAttribute("aria-pressed"));

                    List<String> cameras = sim.cameraIds();
                    double[] first = LiveWallTest.currentTimes(chrome, cameras, wait);
                    wait.until(d -> {
                        double[] now = LiveWallTest.currentTimes(chrome, cameras, null);
                        for (int i = 0; i < now.length; i++) if (!(now[i] > first[i] + 1.0)) return false;
                        return true;
                    });
                    Object visible = LiveWallTest.js(chrome, "return Array.from(document.querySelectorAll('#wall .tile')).filter(t => {"
                            + " const r = t.getBoundingClientRect(); return r.width > 100 && r.height > 50 && r.bottom <= innerHeight + 1; }).length;");
                    assertEquals(16L, visible, "all sixteen tiles on one 1366x768 screen");
                    assertEquals(16L, LiveWallTest.js(chrome, "return Array.from(document.querySelectorAll('.tile .watermark .wm-name'))"
                            + ".filter(w => w.textContent === 'guard').length;"));
                    assertTrue(server.store().ledger().search(e -> e.record().type().equals("live.start"), 10).get(0)
                            .record().cameraIds().split(",").length == 16, "live.start names the sixteen cameras");
                    Files.write(Files.createDirectories(Path.of("target", "screenshots")).resolve("live-wall-16.png"),
                            chrome.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
                } finally {
                    chrome.quit();
                }
            }
        }
    }
}
