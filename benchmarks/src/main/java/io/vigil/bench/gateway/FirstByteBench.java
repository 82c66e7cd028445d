package io.vigil.bench.gateway;

import io.vigil.bench.BenchFiles;
import io.vigil.config.CameraId;
import io.vigil.gateway.AccessGateway;
import io.vigil.gateway.TestFootage;
import io.vigil.storage.VigilStore;
import io.vigil.storage.segments.BenchSupport;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Benchmark {@code ./bench gateway-first-byte [WORKDIR]} (docs/benchmarks.md):
 * from a granted play request ({@code GET video.mp4}, {@code Range: bytes=0-}, as a
 * browser sends it) to the first video byte, over HTTPS on 127.0.0.1, with 14 days × 16
 * cameras of 2-second segments in the index (9.7 M rows). Each measured request starts a
 * new playback, so its synced {@code view.start} ledger append is inside the measurement.
 */
public final class FirstByteBench {
    static final int CAMERAS = 16, DAYS = 14, WARMUP = 300, MEASURED = 2000;

    private FirstByteBench() {}

    /** Arguments: [work directory on the disk under test, deleted afterwards; default /tmp/vigil-gateway-bench]. */
    public static void main(String[] args) throws Exception {
        grantedPlayToFirstByte(Path.of(args.length > 0 ? args[0] : "/tmp/vigil-gateway-bench"));
    }

    static void grantedPlayToFirstByte(Path work) throws Exception {
        System.out.printf("Vigil gateway first-byte benchmark, %s, %d cores, Java %s%n", Instant.now(),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        try (GatewayBenchSite site = GatewayBenchSite.open(work, CAMERAS)) {
            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            fillIndex(site.store, site.cameras, today);
            Instant start = appendFootage(site.store, site.cameras, today);
            try (AccessGateway gw = site.startGateway()) {
                GatewayBenchSite.Session session = site.login(gw);
                String[] grants = issueGrants(session, site.cameras, start);
                long[] samples = measure(session, site.cameras, grants);
                System.out.printf("granted play -> first byte, %d requests after %d warm-up: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                        MEASURED, WARMUP, pct(samples, 50), pct(samples, 95), pct(samples, 99), samples[MEASURED - 1] / 1e6);
                System.out.printf("ledger entries: %,d%n", site.store.ledger().size());
            }
        } finally {
            BenchFiles.deleteTree(work);
        }
    }

    /** 14 days of 2-second segment rows for every camera (rows only, no files): the index a range scan runs over. */
    private static void fillIndex(VigilStore store, List<CameraId> cams, LocalDate today) throws Exception {
        long t = System.nanoTime();
        long rows = 0;
        Random random = new Random(1);
        for (CameraId cam : cams) {
            for (int d = DAYS; d >= 1; d--) rows += BenchSupport.fillDay(store.segments(), cam, today.minusDays(d), 2000, random, 0);
        }
        BenchSupport.flushAll(store.segments());
        System.out.printf("index filled: %,d segment rows (%d cameras x %d days) in %.1f s%n", rows, CAMERAS, DAYS, (System.nanoTime() - t) / 1e9);
    }

    /** Real, playable footage today for every camera (the filled rows have no files); returns where it starts. */
    private static Instant appendFootage(VigilStore store, List<CameraId> cams, LocalDate today) throws Exception {
        Instant start = today.atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(60);
        List<byte[]> segs = TestFootage.segments();
        for (CameraId cam : cams) {
            for (int i = 0; i < segs.size(); i++) {
                Instant s = start.plusSeconds(2L * i);
                store.segments().append(cam, s, s.plusSeconds(2), 10_000_000L + i, segs.get(i));
            }
        }
        return start;
    }

    /** One viewing grant per camera, for the hour from {@code start}. */
    private static String[] issueGrants(GatewayBenchSite.Session session, List<CameraId> cams, Instant start) throws Exception {
        String[] grants = new String[CAMERAS];
        for (int i = 0; i < CAMERAS; i++) {
            HttpResponse<String> g = session.http().send(HttpRequest.newBuilder(URI.create(session.base() + "/api/v1/grants"))
                    .header("Cookie", session.cookie()).header("X-CSRF-Token", session.csrf())
                    .POST(HttpRequest.BodyPublishers.ofString("{\"cameras\":[\"" + cams.get(i) + "\"],\"from\":\"" + start
                            + "\",\"to\":\"" + start.plusSeconds(3600) + "\",\"purpose\":\"facility-safety\",\"purposeText\":\"benchmark\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (g.statusCode() != 201) throw new AssertionError(g.body());
            grants[i] = g.body().replaceAll(".*\"grantId\":\"([^\"]+)\".*", "$1");
        }
        return grants;
    }

    /** Warm-up then measured play requests, cameras in turn: request sent to first body byte, sorted. */
    private static long[] measure(GatewayBenchSite.Session session, List<CameraId> cams, String[] grants) throws Exception {
        HttpClient http = session.http();
        String base = session.base(), cookie = session.cookie(), csrf = session.csrf();
        long[] samples = new long[MEASURED];
        for (int n = 0; n < WARMUP + MEASURED; n++) {
            int c = n % CAMERAS;
            HttpRequest play = HttpRequest.newBuilder(URI.create(base + "/api/v1/grants/" + grants[c] + "/video.mp4?camera=" + cams.get(c)))
                    .header("Cookie", cookie).header("Range", "bytes=0-").build();
            long t0 = System.nanoTime();
            HttpResponse<InputStream> r = http.send(play, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = r.body()) {
                if (in.read() < 0 || r.statusCode() != 206) throw new AssertionError("status " + r.statusCode());
                long took = System.nanoTime() - t0;
                if (n >= WARMUP) samples[n - WARMUP] = took;
                in.readAllBytes();
            }
            // End the playback so the next request writes a new view.start (inside the measurement).
            http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/grants/" + grants[c] + "/end"))
                    .header("Cookie", cookie).header("X-CSRF-Token", csrf).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.discarding());
        }
        Arrays.sort(samples);
        return samples;
    }

    static double pct(long[] sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, i)] / 1e6;
    }

}
