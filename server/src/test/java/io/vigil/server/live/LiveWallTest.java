package io.vigil.server.live;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vigil.config.CameraId;
import io.vigil.config.VigilConfig;
import io.vigil.gateway.live.LiveSettings;
import io.vigil.ingest.sim.CameraSimulator;
import io.vigil.ingest.sim.SimSettings;
import io.vigil.server.SimulatedSiteConfig;
import io.vigil.server.VigilServer;
import io.vigil.server.sim.CameraSimHost;
import io.vigil.storage.LedgerEntry;
import io.vigil.testkit.Chromium;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The live wall in Chromium against the whole server: four simulated cameras pulled over
 * RTSP and a fifth that cannot be reached. A guard states a purpose, the wall shows a
 * tile per camera whose picture advances (frames from ingest's memory through the
 * WebSocket into Media Source Extensions), the unreachable camera's tile says why; the
 * ledger holds live.start with the cameras and purpose, and when nobody touches the wall
 * for the idle timeout the server ends it: the page says so and the ledger holds
 * live.end with the reason. The first camera names a second, smaller stream for the wall
 * ({@code liveUrl}, another simulator at 160x120): its tile shows that stream; when it goes
 * away the tile shows the recorded stream (320x240) and says so, and the live stream again
 * when it is back.
 */
class LiveWallTest {
    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void liveTilesAdvanceAfterAPurposeAndTheWallEndsWhenIdle(@TempDir Path dir) throws Exception {
        assumeTrue(Chromium.missing() == null, "needs chromium and chromedriver: " + Chromium.missing());
        try (CameraSimHost sim = CameraSimHost.start(new InetSocketAddress("127.0.0.1", 0), 4, CameraSimulator.Mode.LIVE,
                new SimSettings(320, 240, 10, 10, 300_000, false), Clock.systemUTC());
             LiveStream liveStream = new LiveStream()) {
            VigilConfig config = SimulatedSiteConfig.write(dir, sim, "segmentDuration: 1s\nlanguage: en\n",
                    Map.of(sim.cameraIds().get(0), liveStream.url()),
                    "  - {id: gone, name: Basement, location: B, url: \"rtsp://127.0.0.1:1/gone\"}\n");
            List<CameraId> all = new ArrayList<>(sim.cameraIds());
            all.add(CameraId.of("gone"));
            try (VigilServer server = VigilServer.start(config)) {
                LiveWallSite.addGuard(server, all);
                ChromeDriver chrome = Chromium.start(dir.resolve("chromium")).driver;
                try {
                    LiveWallSite.login(chrome, server.viewerUrl());
                    LiveWallSite.openWall(chrome, server.viewerUrl(), 5, "security monitoring, night shift", Duration.ofSeconds(60));
                    WebDriverWait wait = new WebDriverWait(chrome, Duration.ofSeconds(60));
                    // live.start is in the ledger before any picture: the cameras, the purpose, the viewer.
                    List<LedgerEntry> starts = server.store().ledger().search(e -> e.record().type().equals("live.start"), 10);
                    assertEquals(1, starts.size());
                    assertEquals("guard", starts.get(0).record().actor());
                    assertEquals(all.stream().map(CameraId::value).collect(Collectors.joining(",")), starts.get(0).record().cameraIds());
                    assertEquals("facility-safety: security monitoring, night shift", starts.get(0).record().purpose());

                    LiveWallSite.awaitAllAdvance(chrome, sim.cameraIds(), 0.5, Duration.ofSeconds(60));

                    // The unreachable camera's tile says why instead of staying black (the recorder's reason, worded from the en bundle).
                    String goneStatus = "const s = document.querySelector('.tile[data-camera=\"gone\"] .tile-status');"
                            + "return s && !s.hidden ? s.textContent : '(hidden)';";
                    try {
                        wait.until(d -> String.valueOf(js(chrome, goneStatus)).contains("no answer at 127.0.0.1:1"));
                    } catch (org.openqa.selenium.TimeoutException e) {
                        fail("the down camera's tile shows '" + js(chrome, goneStatus) + "'; the server says "
                                + server.gateway().context().cameraStatus().cameraStatus().get("gone"));
                    }
                    // Every tile carries the watermark: the viewer's name and the time.
                    assertEquals(5L, js(chrome, "return Array.from(document.querySelectorAll('.tile .watermark .wm-name'))"
                            + ".filter(w => w.textContent === 'guard').length;"));
                    assertEquals(Boolean.TRUE, js(chrome, "return Array.from(document.querySelectorAll('.tile video'))"
                            + ".every(v => v.disablePictureInPicture && !v.controls);"));
                    String words = String.valueOf(js(chrome, "return document.body.innerText;"));
                    assertFalse(words.matches("(?s).*(avc1|H264|H\\.264|undefined|NaN|expiresAt|monitoringSession).*"),
                            "the wall says nothing a guard would not say: " + words);
                    Object latencies = js(chrome, "const l = window.vigilLive.latencies.slice().sort((a, b) => a - b);"
                            + "return l.length ? [l.length, l[Math.floor(l.length * 0.5)], l[Math.floor(l.length * 0.95)]] : [];");
                    System.out.println("live wall latency (frames, p50 ms, p95 ms): " + latencies
                            + ", first frames ms: " + js(chrome, "return window.vigilLive.firstFrames;"));

                    Files.write(Files.createDirectories(Path.of("target", "screenshots")).resolve("live-wall.png"),
                            chrome.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
                    liveStreamFallsBackAndRecovers(chrome, sim.cameraIds().get(0).value(), liveStream);
                    // Nobody touches the wall: the server ends it after the idle timeout and says why.
                    server.gateway().liveSettings(new LiveSettings(Duration.ofSeconds(2), Duration.ofHours(12)));
                    new WebDriverWait(chrome, Duration.ofSeconds(30))
                            .until(d -> "idle-timeout".equals(js(chrome, "return document.body.dataset.liveEnded || '';")));
                    assertTrue(chrome.findElement(By.id("page-error")).getText().contains("nobody used the wall"));
                    List<LedgerEntry> ends = server.store().ledger().search(e -> e.record().type().equals("live.end"), 10);
                    assertEquals(1, ends.size());
                    assertEquals("idle-timeout", ends.get(0).record().details().get("reason"));
                    assertEquals(starts.get(0).record().details().get("monitoringSession"),
                            ends.get(0).record().details().get("monitoringSession"));
                    assertTrue(server.store().ledger().verify().ok());
                } finally {
                    chrome.quit();
                }
            }
        }
    }

    /** A camera's second stream for the wall: a one-camera simulator at 160x120 that can go away and come back on its port. */
    private static final class LiveStream implements AutoCloseable {
        private static final SimSettings SMALL = new SimSettings(160, 120, 10, 10, 100_000, false);
        private CameraSimHost host;
        private final int port;
        private boolean up = true;

        LiveStream() throws Exception {
            host = CameraSimHost.start(new InetSocketAddress("127.0.0.1", 0), 1, CameraSimulator.Mode.LIVE, SMALL, Clock.systemUTC());
            port = host.address().getPort();
        }

        String url() {
            return host.url(host.cameraIds().get(0));
        }

        void goAway() {
            up = false;
            host.close();
        }

        void comeBack() throws Exception {
            host = CameraSimHost.start(new InetSocketAddress("127.0.0.1", port), 1, CameraSimulator.Mode.LIVE, SMALL, Clock.systemUTC());
            up = true;
        }

        @Override
        public void close() {
            if (up) host.close();
        }
    }

    /** The tile of the camera with a liveUrl: the live stream, the recorded one (said on the tile) while it is away, the live one again. */
    private static void liveStreamFallsBackAndRecovers(ChromeDriver chrome, String camera, LiveStream liveStream) throws Exception {
        String tile = "const t = document.querySelector('.tile[data-camera=\"' + arguments[0] + '\"]');"
                + "const n = t.querySelector('.tile-note'); const v = t.querySelector('video');"
                + "return v.videoWidth + ' ' + v.currentTime.toFixed(1) + ' ' + (n.hidden ? '' : n.textContent);";
        WebDriverWait wait = new WebDriverWait(chrome, Duration.ofSeconds(60));
        wait.until(d -> String.valueOf(js(chrome, tile, camera)).startsWith("160 "));
        liveStream.goAway();
        try {
            wait.until(d -> String.valueOf(js(chrome, tile, camera)).matches("320 \\S+ .*not answering.*recording stream.*"));
        } catch (org.openqa.selenium.TimeoutException e) {
            fail("the tile of a camera whose live stream went away shows: " + js(chrome, tile, camera));
        }
        double shownAt = Double.parseDouble(String.valueOf(js(chrome, tile, camera)).split(" ")[1]);
        wait.until(d -> Double.parseDouble(String.valueOf(js(chrome, tile, camera)).split(" ")[1]) > shownAt + 0.5);
        Files.write(Path.of("target", "screenshots").resolve("live-wall-fallback.png"),
                chrome.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
        liveStream.comeBack();
        try {
            wait.until(d -> String.valueOf(js(chrome, tile, camera)).matches("160 \\S+ "));
        } catch (org.openqa.selenium.TimeoutException e) {
            fail("the tile did not go back to the live stream: " + js(chrome, tile, camera));
        }
    }

    static Object js(ChromeDriver chrome, String script, Object... args) {
        return LiveWallSite.js(chrome, script, args);
    }
}
