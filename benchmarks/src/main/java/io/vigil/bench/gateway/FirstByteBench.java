package io.vigil.bench.gateway;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vigil.config.CameraConfig;
import io.vigil.config.ListenConfig;
import io.vigil.config.RetentionConfig;
import io.vigil.config.Role;
import io.vigil.config.SecretRef;
import io.vigil.config.TlsConfig;
import io.vigil.config.VigilConfig;
import io.vigil.gateway.AccessGateway;
import io.vigil.gateway.TestFootage;
import io.vigil.gateway.tls.GatewayTls;
import io.vigil.storage.VigilStore;
import io.vigil.storage.StoreOptions;
import io.vigil.storage.VigilStores;
import io.vigil.storage.keys.KdfParameters;
import io.vigil.storage.keys.Keystore;
import io.vigil.storage.segments.BenchSupport;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

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
        deleteTree(work);
        Files.createDirectories(work.resolve("data"));
        char[] pass = "bench keystore passphrase".toCharArray();
        Path keystore = work.resolve("vigil.keystore");
        Keystore.create(keystore, pass.clone(), new KdfParameters(8 * 1024, 1, 1), Clock.systemUTC());
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        System.out.printf("Vigil gateway first-byte benchmark, %s, %d cores, Java %s%n", Instant.now(),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        try (VigilStore store = VigilStores.open(new StoreOptions(work.resolve("data"), keystore, pass.clone(), Clock.systemUTC(), meters))) {
            List<String> cams = new ArrayList<>();
            List<CameraConfig> configs = new ArrayList<>();
            for (int i = 1; i <= CAMERAS; i++) {
                String id = String.format("cam-%02d", i);
                cams.add(id);
                configs.add(new CameraConfig(id, "Camera " + i, "Ward " + i, CameraConfig.Source.PUSH, null, null, null, null, SecretRef.env("X")));
            }
            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            long t = System.nanoTime();
            long rows = 0;
            Random random = new Random(1);
            for (String cam : cams) {
                for (int d = DAYS; d >= 1; d--) rows += BenchSupport.fillDay(store.segments(), cam, today.minusDays(d), 2000, random, 0);
            }
            BenchSupport.flushAll(store.segments());
            System.out.printf("index filled: %,d segment rows (%d cameras x %d days) in %.1f s%n", rows, CAMERAS, DAYS, (System.nanoTime() - t) / 1e9);
            // Real, playable footage today for every camera (the filled rows have no files).
            Instant start = today.atStartOfDay(ZoneOffset.UTC).toInstant().plusSeconds(60);
            List<byte[]> segs = TestFootage.segments();
            for (String cam : cams) {
                for (int i = 0; i < segs.size(); i++) {
                    Instant s = start.plusSeconds(2L * i);
                    store.segments().append(cam, s, s.plusSeconds(2), 10_000_000L + i, segs.get(i));
                }
            }
            VigilConfig config = new VigilConfig("Bench", work.resolve("data"), keystore, SecretRef.env("X"),
                    new RetentionConfig(14, 14, Duration.ofMinutes(10), 0), Duration.ofSeconds(2), configs,
                    new ListenConfig(new InetSocketAddress("127.0.0.1", 0), null, null), new TlsConfig(null, null), Map.of(), List.of());
            try (AccessGateway gw = new AccessGateway(config, store, meters, Clock.systemUTC(), Map::of)) {
                String password = "bench-password-long-enough";
                gw.accounts().addUser("viewer", Role.SECURITY_STAFF, cams, password.toCharArray());
                gw.start();
                HttpClient http = HttpClient.newBuilder().sslContext(trusting(work.resolve("data/tls").resolve(GatewayTls.CERT_FILE))).build();
                String base = "https://127.0.0.1:" + gw.httpsPort();
                HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/login")).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"viewer\",\"password\":\"" + password + "\"}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
                String csrf = login.body().replaceAll(".*\"csrfToken\":\"([^\"]+)\".*", "$1");
                String[] grants = new String[CAMERAS];
                for (int i = 0; i < CAMERAS; i++) {
                    HttpResponse<String> g = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/grants"))
                            .header("Cookie", cookie).header("X-CSRF-Token", csrf)
                            .POST(HttpRequest.BodyPublishers.ofString("{\"cameras\":[\"" + cams.get(i) + "\"],\"from\":\"" + start
                                    + "\",\"to\":\"" + start.plusSeconds(3600) + "\",\"purpose\":\"facility-safety\",\"purposeText\":\"benchmark\"}")).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (g.statusCode() != 201) throw new AssertionError(g.body());
                    grants[i] = g.body().replaceAll(".*\"grantId\":\"([^\"]+)\".*", "$1");
                }
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
                System.out.printf("granted play -> first byte, %d requests after %d warm-up: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                        MEASURED, WARMUP, pct(samples, 50), pct(samples, 95), pct(samples, 99), samples[MEASURED - 1] / 1e6);
                System.out.printf("ledger entries: %,d%n", store.ledger().size());
            }
        } finally {
            deleteTree(work);
        }
    }

    static double pct(long[] sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, i)] / 1e6;
    }

    static javax.net.ssl.SSLContext trusting(Path pem) throws Exception {
        java.security.cert.X509Certificate cert;
        try (InputStream in = Files.newInputStream(pem)) {
            cert = (java.security.cert.X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        java.security.KeyStore ks = java.security.KeyStore.getInstance(java.security.KeyStore.getDefaultType());
        ks.load(null, null);
        ks.setCertificateEntry("vigil", cert);
        javax.net.ssl.TrustManagerFactory tmf = javax.net.ssl.TrustManagerFactory.getInstance(javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        javax.net.ssl.SSLContext ctx = javax.net.ssl.SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    static void deleteTree(Path p) throws Exception {
        if (!Files.exists(p)) return;
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : s.sorted((a, b) -> b.compareTo(a)).toList()) Files.deleteIfExists(x);
        }
    }
}
