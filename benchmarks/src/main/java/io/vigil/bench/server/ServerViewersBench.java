package io.vigil.bench.server;

import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vigil.bench.BenchFiles;
import io.vigil.bench.ProcessSampler;
import io.vigil.config.Role;
import io.vigil.config.VigilConfig;
import io.vigil.gateway.accounts.AccountService;
import io.vigil.ingest.sim.SimSettings;
import io.vigil.server.SimulatedSiteConfig;
import io.vigil.server.VigilServer;
import io.vigil.server.sim.CameraSimHost;
import java.io.InputStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Issue 4's load case with the real parts: 16 simulated cameras of about 4 Mbit/s pulled over
 * RTSP and recorded (encrypted) by a whole Vigil server while 16 viewers, each with its own
 * login and viewing grant, play footage over HTTPS at the stream's bit rate like a player
 * (2 s buffered before "playing", then consuming in real time). Reports frames and packets
 * lost by ingest during the window, segments dropped or failed, the segment-durable latency,
 * and every playback stall (a viewer's download falling behind its play position).
 *
 * <p>Run {@code ./bench server-viewers [SECONDS]} (the window, default 60); the report also goes
 * to {@code benchmarks/target/viewers-bench.txt}.
 */
public final class ServerViewersBench {
    static final int CAMERAS = 16;
    static final int VIEWERS = 16;

    private ServerViewersBench() {}

    /** Arguments: [window in seconds, default 60]. */
    public static void main(String[] args) throws Exception {
        int windowSeconds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        BenchFiles.inTempDir(dir -> sixteenViewersWhileSixteenCamerasRecord(dir, windowSeconds));
    }

    static void sixteenViewersWhileSixteenCamerasRecord(Path dir, int windowSeconds) throws Exception {
        StringBuilder report = new StringBuilder();
        try (CameraSimHost sim = BenchServers.cameras(CAMERAS)) {
            VigilConfig config = SimulatedSiteConfig.write(dir, sim, "");
            try (VigilServer server = VigilServer.start(config)) {
                AccountService accounts = new AccountService(server.store(), Clock.systemUTC());
                for (int v = 0; v < VIEWERS; v++) {
                    accounts.addUser("viewer" + v, Role.SECURITY_STAFF, List.of(sim.cameraIds().get(v % CAMERAS)),
                            "viewer password 1234".toCharArray());
                }
                // Let every camera record long enough to have 30 s of footage to play.
                Thread.sleep(35_000); // real time must pass for real footage to exist; not synchronisation
                PrometheusMeterRegistry m = server.meters();
                IngestCounts before = IngestCounts.of(m);
                long cpuBefore = ProcessSampler.processCpuNanos();
                long wallBefore = System.nanoTime();
                Playback playback = new Playback();
                List<String> viewerLines = runViewers(server, sim, windowSeconds, playback);
                // The window closes when the last viewer finishes its last play (a play started before the
                // deadline runs to its end), so it is measured, not assumed.
                double seconds = (System.nanoTime() - wallBefore) / 1e9;
                long cpu = ProcessSampler.processCpuNanos() - cpuBefore;
                report.append(String.format("viewers-while-recording bench %s, %d cameras (REPLAY %.2f Mbit/s each), %d viewers, plays started for %d s, window %.1f s, load %s%n",
                        Instant.now(), CAMERAS, SimSettings.BENCH_4MBIT.bitrate() / 1e6, VIEWERS, windowSeconds, seconds,
                        Files.readString(Path.of("/proc/loadavg")).trim()));
                report.append(IngestCounts.of(m).minus(before).line(seconds));
                Timer latency = m.find("vigil.ingest.segment.durable.latency").timer();
                if (latency != null) {
                    report.append(String.format("segment durable latency (whole run): max %.0f ms, mean %.0f ms%n",
                            latency.max(TimeUnit.MILLISECONDS), latency.mean(TimeUnit.MILLISECONDS)));
                }
                report.append(playback.line());
                report.append(String.format("Vigil + simulator process CPU in window: %.1f s = %.0f%% of one core%n",
                        cpu / 1e9, 100.0 * cpu / 1e9 / seconds));
                viewerLines.forEach(l -> report.append("  ").append(l).append('\n'));
            }
        }
        System.out.print(report);
        Files.writeString(Path.of("target", "viewers-bench.txt"), report.toString(),
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    }

    /** Ingest's counters, read before and after the window. */
    private record IngestCounts(double frames, double framesLost, double packetsLost, double dropped, double failed) {
        static IngestCounts of(PrometheusMeterRegistry m) {
            return new IngestCounts(BenchServers.sum(m, "vigil.ingest.frames"), BenchServers.sum(m, "vigil.ingest.frames.lost"),
                    BenchServers.sum(m, "vigil.ingest.packets.lost"), BenchServers.sum(m, "vigil.ingest.segments.dropped"),
                    BenchServers.sum(m, "vigil.ingest.segments.failed"));
        }

        IngestCounts minus(IngestCounts o) {
            return new IngestCounts(frames - o.frames, framesLost - o.framesLost, packetsLost - o.packetsLost, dropped - o.dropped,
                    failed - o.failed);
        }

        String line(double seconds) {
            return String.format("ingest in window: frames %.0f (expected about %.0f at 25 fps), frames lost %.0f, packets lost %.0f, segments dropped %.0f, failed %.0f%n",
                    frames, CAMERAS * 25 * seconds, framesLost, packetsLost, dropped, failed);
        }
    }

    /** What the viewers saw together: plays, bytes, stalls and each play's time to first byte. */
    private static final class Playback {
        final AtomicLong stalls = new AtomicLong(), bytes = new AtomicLong(), plays = new AtomicLong();
        final ConcurrentLinkedQueue<Long> firstBytes = new ConcurrentLinkedQueue<>();

        String line() {
            List<Long> fb = new ArrayList<>(firstBytes);
            fb.sort(null);
            return String.format("playback: %d plays, %.1f MB served, %d stalls; first byte p50 %d ms, max %d ms%n",
                    plays.get(), bytes.get() / 1e6, stalls.get(), fb.isEmpty() ? -1 : fb.get(fb.size() / 2) / 1_000_000,
                    fb.isEmpty() ? -1 : fb.get(fb.size() - 1) / 1_000_000);
        }
    }

    /** Every viewer on its own thread, playing until the window ends; returns their report lines. */
    private static List<String> runViewers(VigilServer server, CameraSimHost sim, int windowSeconds, Playback playback)
            throws InterruptedException {
        ConcurrentLinkedQueue<String> viewerLines = new ConcurrentLinkedQueue<>();
        CountDownLatch done = new CountDownLatch(VIEWERS);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(windowSeconds);
        for (int v = 0; v < VIEWERS; v++) {
            int viewer = v;
            Thread t = new Thread(() -> {
                try {
                    viewerLines.add(view(server.viewerUrl(), "viewer" + viewer, sim.cameraIds().get(viewer % CAMERAS).value(), end,
                            playback.stalls, playback.bytes, playback.plays, playback.firstBytes));
                } catch (Exception e) {
                    viewerLines.add("viewer" + viewer + " FAILED: " + e);
                } finally {
                    done.countDown();
                }
            }, "bench-viewer-" + v);
            t.start();
        }
        done.await(windowSeconds + 120L, TimeUnit.SECONDS);
        return new ArrayList<>(viewerLines);
    }

    /** One viewer: log in, take a grant, play the last ~28 s at the stream's bit rate, again until the window ends. */
    private static String view(String base, String user, String camera, long endNanos, AtomicLong stalls, AtomicLong totalBytes,
                               AtomicLong totalPlays, ConcurrentLinkedQueue<Long> firstBytes) throws Exception {
        HttpClient http = HttpClient.newBuilder().sslContext(io.vigil.server.TestTls.trustAll()).cookieHandler(new CookieManager()).build();
        String login = send(http, base + "api/v1/login", null, "{\"username\":\"" + user + "\",\"password\":\"viewer password 1234\"}");
        String csrf = login.replaceAll(".*\"csrfToken\":\"([^\"]+)\".*", "$1");
        int plays = 0, myStalls = 0;
        while (System.nanoTime() < endNanos) {
            Instant to = Instant.now().minusSeconds(3), from = to.minusSeconds(28);
            String grant = send(http, base + "api/v1/grants", csrf, "{\"cameras\":[\"" + camera + "\"],\"from\":\"" + from + "\",\"to\":\""
                    + to + "\",\"purpose\":\"facility-safety\",\"purposeText\":\"load benchmark\"}");
            String grantId = grant.replaceAll(".*\"grantId\":\"([^\"]+)\".*", "$1");
            long t0 = System.nanoTime();
            HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(URI.create(base + "api/v1/grants/" + grantId
                    + "/video.mp4?camera=" + camera)).build(), HttpResponse.BodyHandlers.ofInputStream());
            if (r.statusCode() != 200) throw new IllegalStateException("video.mp4 answered " + r.statusCode());
            long length = r.headers().firstValueAsLong("content-length").orElse(-1);
            double bytesPerSecond = length > 0 ? length / 28.0 : 4_000_000 / 8.0;
            byte[] buf = new byte[64 * 1024];
            long read = 0;
            boolean stalled = false;
            long startPlay = -1;
            try (InputStream in = r.body()) {
                int n;
                while ((n = in.read(buf)) > 0) {
                    if (read == 0) firstBytes.add(System.nanoTime() - t0);
                    read += n;
                    long now = System.nanoTime();
                    if (startPlay < 0 && read >= 2 * bytesPerSecond) startPlay = now; // 2 s buffered: playback starts
                    if (startPlay >= 0) {
                        double played = (now - startPlay) / 1e9 * bytesPerSecond;
                        if (read < played && !stalled) {
                            stalled = true;
                            myStalls++;
                        } else if (read >= played) {
                            stalled = false;
                        }
                        // Consume like a player: stay at most 2 s ahead of the play position.
                        double ahead = (read - played) / bytesPerSecond;
                        if (ahead > 2) Thread.sleep((long) ((ahead - 2) * 1000)); // pacing a real-time consumer
                    }
                }
            }
            totalBytes.addAndGet(read);
            totalPlays.incrementAndGet();
            plays++;
            send(http, base + "api/v1/grants/" + grantId + "/end", csrf, "");
        }
        stalls.addAndGet(myStalls);
        return user + " on " + camera + ": " + plays + " plays, " + myStalls + " stalls";
    }

    private static String send(HttpClient http, String url, String csrf, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (csrf != null) b.header("X-CSRF-Token", csrf);
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) throw new IllegalStateException(url + " answered " + r.statusCode() + ": " + r.body());
        return r.body();
    }
}
