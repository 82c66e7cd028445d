package io.vigil.bench.server;

import io.vigil.bench.BenchFiles;
import io.vigil.config.CameraId;
import io.vigil.bench.ProcessSampler;
import io.vigil.config.VigilConfig;
import io.vigil.gateway.live.LiveSettings;
import io.vigil.ingest.sim.CameraSimulator;
import io.vigil.ingest.sim.SimSettings;
import io.vigil.server.SimulatedSiteConfig;
import io.vigil.server.VigilServer;
import io.vigil.server.live.LiveWallSite;
import io.vigil.server.sim.CameraSimHost;
import io.vigil.testkit.Chromium;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;

/**
 * Issue 12's live figures where a guard sees them: a whole Vigil server pulls N simulated
 * cameras over RTSP and records them; Debian's chromium (headless, 1366x768) opens the live
 * wall with every camera in a 16-tile grid. Measured in the browser: from a frame's arrival
 * at Vigil (the fragment's {@code prft} box, Vigil's wall clock) to its presentation
 * ({@code requestVideoFrameCallback}), for every frame of every tile over the window; time
 * from opening a tile to its first frame; stalls (a tile whose picture did not advance in a
 * 5-second sample). Beside it, the server JVM's CPU with the wall open and then, after the
 * page is closed, while recording with no viewer (the difference is what the live path costs).
 *
 * <p>{@code ./bench live-latency [CAMERAS] [SECONDS] [WIDTHxHEIGHT] [FPS]} (defaults 16, 600,
 * 640x360, 15); the report also goes to {@code benchmarks/target/live-latency-bench.txt}.
 */
public final class LiveLatencyBench {
    private static final int SAMPLE_SECONDS = 5;
    private static final int BASELINE_SECONDS = 30;

    private LiveLatencyBench() {}

    public static void main(String[] args) throws Exception {
        int cameras = args.length > 0 ? Integer.parseInt(args[0]) : 16;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 600;
        String[] size = (args.length > 2 ? args[2] : "640x360").split("x");
        int fps = args.length > 3 ? Integer.parseInt(args[3]) : 15;
        if (Chromium.missing() != null) {
            System.err.println("live-latency: " + Chromium.missing());
            System.exit(2);
        }
        SimSettings sim = new SimSettings(Integer.parseInt(size[0]), Integer.parseInt(size[1]), fps, fps, 1_000_000, true);
        BenchFiles.inTempDir(dir -> run(dir, cameras, seconds, sim));
    }

    static void run(Path dir, int cameraCount, int seconds, SimSettings settings) throws Exception {
        try (CameraSimHost sim = CameraSimHost.start(new InetSocketAddress("127.0.0.1", 0), cameraCount, CameraSimulator.Mode.REPLAY,
                settings, Clock.systemUTC())) {
            VigilConfig config = SimulatedSiteConfig.write(dir, sim, "segmentDuration: 2s\nlanguage: en\n");
            try (VigilServer server = VigilServer.start(config)) {
                server.gateway().liveSettings(new LiveSettings(Duration.ofHours(2), Duration.ofHours(12)));
                LiveWallSite.addGuard(server, sim.cameraIds());
                awaitRecording(server, sim.cameraIds());
                ChromeDriver chrome = chromium(dir);
                try {
                    Result wall = measure(chrome, server.viewerUrl(), cameraCount, seconds);
                    // Recording only, no viewer: the reference for what the live wall adds. Taken
                    // after the window, so both figures are of a warmed-up JVM (measured first, the
                    // JIT's start-up work made recording alone look dearer than recording + wall).
                    chrome.get("about:blank");
                    double baseline = cpuSecondsOver(BASELINE_SECONDS);
                    report(wall, baseline, cameraCount, seconds, settings);
                } finally {
                    chrome.quit();
                }
            }
        }
    }

    /** Every camera recording before the baseline starts (a minute at most; a camera still down is reported). */
    private static void awaitRecording(VigilServer server, List<CameraId> cameras) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (true) {
            var status = server.gateway().context().cameraStatus().cameraStatus();
            List<CameraId> notYet = cameras.stream()
                    .filter(c -> status.get(c.value()) == null || !"RECORDING".equals(status.get(c.value()).state())).toList();
            if (notYet.isEmpty()) return;
            if (System.nanoTime() > deadline) {
                System.err.println("live-latency: cameras not recording after 60 s: " + notYet);
                return;
            }
            Thread.sleep(200);
        }
    }

    private record Result(List<Long> latencies, List<Double> firstFrames, int stalls, int samples, double cpuSeconds) {}

    private static Result measure(ChromeDriver chrome, String base, int cameraCount, int seconds) throws Exception {
        LiveWallSite.login(chrome, base);
        LiveWallSite.openWall(chrome, base, cameraCount, "live latency benchmark", Duration.ofSeconds(60));
        chrome.findElement(By.cssSelector(".layout[data-tiles='16']")).click();

        List<Long> latencies = new ArrayList<>();
        int stalls = 0, samples = 0;
        double[] last = currentTimes(chrome);
        long cpu0 = ProcessSampler.processCpuNanos();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            Thread.sleep(SAMPLE_SECONDS * 1000L);
            // A guard at the desk: the pointer moves now and then (the wall's idle rule counts real input only).
            new Actions(chrome).moveToElement(chrome.findElement(By.id("wall")), (samples % 7) - 3, (samples % 5) - 2).perform();
            drain(chrome, latencies);
            double[] now = currentTimes(chrome);
            for (int i = 0; i < now.length && i < last.length; i++) {
                if (now[i] <= last[i]) stalls++;
            }
            samples += now.length;
            last = now;
        }
        double cpu = (ProcessSampler.processCpuNanos() - cpu0) / 1e9;
        drain(chrome, latencies);
        List<?> ff = (List<?>) js(chrome, "return window.vigilLive.firstFrames;");
        List<Double> firstFrames = new ArrayList<>();
        for (Object o : ff) firstFrames.add(((Number) o).doubleValue());
        return new Result(latencies, firstFrames, stalls, samples, cpu);
    }

    private static void report(Result r, double baselineCpu, int cameras, int seconds, SimSettings s) throws Exception {
        List<Long> l = new ArrayList<>(r.latencies());
        l.sort(null);
        List<Double> f = new ArrayList<>(r.firstFrames());
        f.sort(null);
        double wallCpuPerMin = r.cpuSeconds() / seconds * 60;
        double baseCpuPerMin = baselineCpu / BASELINE_SECONDS * 60;
        String text = String.format(Locale.ROOT, """
                live-latency: %d cameras %dx%d@%d fps, live wall 16-tile grid in chromium, window %d s, load average %s
                  frames presented: %d; arrival at Vigil -> presentation: p50 %d ms, p95 %d ms, p99 %d ms, max %d ms  (target p95 <= 400 ms)
                  open -> first frame (%d tiles): p50 %.0f ms, p95 %.0f ms, max %.0f ms  (target p95 <= 1000 ms); each: %s
                  stalls: %d of %d five-second tile samples without a new picture
                  server JVM CPU: recording only %.1f CPU-s/min; recording + live wall %.1f CPU-s/min (live path %+.1f)
                """, cameras, s.width(), s.height(), s.fps(), seconds, ProcessSampler.loadAverages(),
                l.size(), pct(l, 0.50), pct(l, 0.95), pct(l, 0.99), l.isEmpty() ? 0 : l.get(l.size() - 1),
                f.size(), pctD(f, 0.50), pctD(f, 0.95), f.isEmpty() ? 0 : f.get(f.size() - 1), firstFramesInOrder(r.firstFrames()),
                r.stalls(), r.samples(), baseCpuPerMin, wallCpuPerMin, wallCpuPerMin - baseCpuPerMin);
        System.out.print(text);
        Path out = Path.of("target", "live-latency-bench.txt"); // ./bench runs from benchmarks/, as the other benches write theirs
        Files.createDirectories(out.getParent());
        Files.writeString(out, text);
    }

    /** Each tile's time to first frame in the order the tiles showed it (shows whether tiles wait on each other). */
    private static String firstFramesInOrder(List<Double> firstFrames) {
        return firstFrames.stream().map(d -> String.valueOf(Math.round(d))).collect(java.util.stream.Collectors.joining(" "));
    }

    private static void drain(ChromeDriver chrome, List<Long> into) {
        List<?> batch = (List<?>) js(chrome, "return window.vigilLive.latencies.splice(0);");
        for (Object o : batch) into.add(((Number) o).longValue());
    }

    private static double[] currentTimes(ChromeDriver chrome) {
        List<?> v = (List<?>) js(chrome, "return Array.from(document.querySelectorAll('#wall .tile video')).map(v => v.currentTime);");
        return v.stream().mapToDouble(x -> ((Number) x).doubleValue()).toArray();
    }

    private static double cpuSecondsOver(int seconds) throws InterruptedException {
        long c0 = ProcessSampler.processCpuNanos();
        Thread.sleep(seconds * 1000L);
        return (ProcessSampler.processCpuNanos() - c0) / 1e9;
    }

    private static long pct(List<Long> sorted, double p) {
        return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) Math.floor(sorted.size() * p)));
    }

    private static double pctD(List<Double> sorted, double p) {
        return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) Math.floor(sorted.size() * p)));
    }

    private static Object js(ChromeDriver chrome, String script) {
        return ((JavascriptExecutor) chrome).executeScript(script);
    }

    private static ChromeDriver chromium(Path dir) throws java.io.IOException {
        return Chromium.start(dir.resolve("chromium")).driver;
    }
}
