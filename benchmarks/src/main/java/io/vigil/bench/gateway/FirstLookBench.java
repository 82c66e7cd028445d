package io.vigil.bench.gateway;

import io.vigil.bench.BenchFiles;
import io.vigil.config.CameraId;
import io.vigil.gateway.AccessGateway;
import io.vigil.storage.SegmentInfo;
import io.vigil.storage.VigilStore;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Random;

/**
 * Benchmark {@code ./bench gateway-first-look [MINUTES]} (docs/benchmarks.md): what the first
 * look at a stretch of footage nobody has played yet costs. A play request plans the footage
 * map first, which reads and authenticates every segment of the range not yet checked (so
 * that damaged or missing footage is named in the {@code view.start} entry written before the
 * first byte); this measures that, against its floor in the same run: the store reading and
 * decrypting the same segments one after another, with no gateway at all.
 *
 * <p>One camera, MINUTES (default 60) of 2-second segments of 1 MB each (4 Mbit/s, real fMP4
 * boxes), recorded through the store's normal append. Then: the floor (read twice, the first
 * pass warming the JIT's AES-GCM as a recording server's is); the first play of the
 * whole range (request to first video byte over HTTPS); the same play again (checks remembered).
 * The segments were just written, so the reads come from the page cache: a cold disk adds
 * its read time on top.
 */
public final class FirstLookBench {
    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

    private FirstLookBench() {}

    /** Arguments: [MINUTES of footage, default 60]. */
    public static void main(String[] args) throws Exception {
        int minutes = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        if (minutes < 1 || minutes > 24 * 60) throw new IllegalArgumentException("MINUTES must be 1..1440, got " + minutes);
        Path work = Path.of("/tmp/vigil-first-look-bench");
        System.out.printf("Vigil gateway first-look benchmark, %s, %d cores, Java %s, %d min of one camera at 4 Mbit/s%n",
                Instant.now(), Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), minutes);
        try (GatewayBenchSite site = GatewayBenchSite.open(work, 1)) {
            CameraId camera = site.cameras.get(0);
            Instant from = Instant.now().minusSeconds(minutes * 60L + 600);
            Instant to = record(site.store, camera, from, minutes * 30);
            // Twice: the JDK's AES-GCM runs at ~80 MB per CPU-second until the JIT has compiled it
            // (docs/benchmarks.md, storage); a server that has been recording is past that.
            System.out.printf("floor, first pass (JIT warm-up): %s%n", readAll(site.store, camera, from, to));
            System.out.printf("floor: the store reads and decrypts them one by one: %s%n", readAll(site.store, camera, from, to));
            try (AccessGateway gw = site.startGateway()) {
                GatewayBenchSite.Session session = site.login(gw);
                String grant = grant(session, camera, from, to);
                System.out.printf("first play of the range (request -> first video byte): %.0f ms%n", firstByte(session, grant, camera) / 1e6);
                System.out.printf("same play again (checks remembered):              %.0f ms%n", firstByte(session, grant, camera) / 1e6);
            }
        } finally {
            BenchFiles.deleteTree(work);
        }
    }

    /** {@code count} consecutive 1 MB segments from {@code from}; returns where they end. */
    private static Instant record(VigilStore store, CameraId camera, Instant from, int count) {
        SyntheticSegments segments = SyntheticSegments.fromTestFootage();
        Random random = new Random(11);
        long t = System.nanoTime();
        for (int i = 0; i < count; i++) {
            Instant s = from.plusSeconds(2L * i);
            store.segments().append(camera, s, s.plusSeconds(2), i, segments.segment(i, random));
        }
        System.out.printf("recorded %,d segments of 1 MB in %.1f s%n", count, (System.nanoTime() - t) / 1e9);
        return from.plusSeconds(2L * count);
    }

    private static String readAll(VigilStore store, CameraId camera, Instant from, Instant to) {
        long t = System.nanoTime(), cpu = THREADS.getCurrentThreadCpuTime(), bytes = 0;
        List<SegmentInfo> segments = store.segments().list(camera, from, to);
        for (SegmentInfo s : segments) bytes += store.segments().read(s.key()).length;
        return String.format("%,d segments, %,d MB in %.0f ms (thread CPU %.0f ms)", segments.size(), bytes / 1_000_000,
                (System.nanoTime() - t) / 1e6, (THREADS.getCurrentThreadCpuTime() - cpu) / 1e6);
    }

    private static String grant(GatewayBenchSite.Session session, CameraId camera, Instant from, Instant to) throws Exception {
        HttpResponse<String> g = session.http().send(session.request("/api/v1/grants")
                .POST(HttpRequest.BodyPublishers.ofString("{\"cameras\":[\"" + camera + "\"],\"from\":\"" + from + "\",\"to\":\"" + to
                        + "\",\"purpose\":\"facility-safety\",\"purposeText\":\"benchmark\"}")).build(), HttpResponse.BodyHandlers.ofString());
        if (g.statusCode() != 201) throw new IllegalStateException("grant refused: " + g.body());
        return g.body().replaceAll(".*\"grantId\":\"([^\"]+)\".*", "$1");
    }

    /** Nanoseconds from the play request to its first body byte; the playback is then ended. */
    private static long firstByte(GatewayBenchSite.Session session, String grant, CameraId camera) throws Exception {
        HttpRequest play = session.request("/api/v1/grants/" + grant + "/video.mp4?camera=" + camera).header("Range", "bytes=0-").build();
        long t0 = System.nanoTime();
        HttpResponse<InputStream> r = session.http().send(play, HttpResponse.BodyHandlers.ofInputStream());
        long took;
        try (InputStream in = r.body()) {
            if (in.read() < 0 || r.statusCode() != 206) throw new IllegalStateException("play answered " + r.statusCode());
            took = System.nanoTime() - t0;
        }
        session.http().send(session.request("/api/v1/grants/" + grant + "/end").POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.discarding());
        return took;
    }
}
