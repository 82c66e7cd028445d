package io.vigil.bench.gateway;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vigil.bench.BenchFiles;
import io.vigil.config.CameraConfig;
import io.vigil.config.CameraId;
import io.vigil.config.ListenConfig;
import io.vigil.config.RetentionConfig;
import io.vigil.config.Role;
import io.vigil.config.SecretRef;
import io.vigil.config.TlsConfig;
import io.vigil.config.VigilConfig;
import io.vigil.gateway.AccessGateway;
import io.vigil.gateway.tls.GatewayTls;
import io.vigil.storage.StoreOptions;
import io.vigil.storage.VigilStore;
import io.vigil.storage.VigilStores;
import io.vigil.storage.keys.KdfParameters;
import io.vigil.storage.keys.Keystore;
import io.vigil.testkit.TrustedCertificate;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;

/**
 * What both gateway benchmarks stand on: a real store in a fresh work directory (keystore with a
 * cheap KDF, RocksDB, encrypted segments, ledger), cameras cam-01.., a gateway on 127.0.0.1 with
 * one security-staff user holding all cameras, and that user's logged-in HTTPS session.
 */
final class GatewayBenchSite implements AutoCloseable {
    static final String USER = "viewer";
    private static final String PASSWORD = "bench-password-long-enough";

    final Path work;
    final Path keystore;
    final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    final VigilStore store;
    final List<CameraId> cameras = new ArrayList<>();

    /** An HTTPS client trusting the gateway's certificate, logged in as {@link #USER}. */
    record Session(HttpClient http, String base, String cookie, String csrf) {
        HttpRequest.Builder request(String path) {
            return HttpRequest.newBuilder(URI.create(base + path)).header("Cookie", cookie).header("X-CSRF-Token", csrf);
        }
    }

    private GatewayBenchSite(Path work, int cameraCount) throws Exception {
        this.work = work;
        BenchFiles.deleteTree(work);
        Files.createDirectories(work); // the store makes data/ itself, 0700 as in a real server (no permissions warning)
        char[] pass = "bench keystore passphrase".toCharArray();
        keystore = work.resolve("vigil.keystore");
        Keystore.create(keystore, pass.clone(), new KdfParameters(8 * 1024, 1, 1), Clock.systemUTC());
        store = VigilStores.open(new StoreOptions(work.resolve("data"), keystore, pass.clone(), Clock.systemUTC(), meters));
        for (int i = 1; i <= cameraCount; i++) cameras.add(CameraId.of(String.format("cam-%02d", i)));
    }

    static GatewayBenchSite open(Path work, int cameraCount) throws Exception {
        return new GatewayBenchSite(work, cameraCount);
    }

    /** Starts a gateway over the store with the benchmark user; the caller closes it. */
    AccessGateway startGateway() throws Exception {
        List<CameraConfig> configs = new ArrayList<>();
        for (int i = 0; i < cameras.size(); i++) {
            configs.add(new CameraConfig(cameras.get(i), "Camera " + (i + 1), "Ward " + (i + 1), CameraConfig.Source.PUSH,
                    null, null, null, null, SecretRef.env("X")));
        }
        VigilConfig config = new VigilConfig("Bench", work.resolve("data"), keystore, SecretRef.env("X"),
                new RetentionConfig(14, 14, Duration.ofMinutes(10), 0), Duration.ofSeconds(2), configs,
                new ListenConfig(new InetSocketAddress("127.0.0.1", 0), null, null), new TlsConfig(null, null), Map.of(), List.of());
        AccessGateway gw = new AccessGateway(config, store, meters, Clock.systemUTC(), Map::of);
        gw.accounts().addUser(USER, Role.SECURITY_STAFF, cameras, PASSWORD.toCharArray());
        gw.start();
        return gw;
    }

    /** Logs {@link #USER} in over HTTPS. */
    Session login(AccessGateway gw) throws Exception {
        HttpClient http = HttpClient.newBuilder().sslContext(TrustedCertificate.sslContext(work.resolve("data/tls").resolve(GatewayTls.CERT_FILE))).build();
        String base = "https://127.0.0.1:" + gw.httpsPort();
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/login")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + USER + "\",\"password\":\"" + PASSWORD + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        String csrf = login.body().replaceAll(".*\"csrfToken\":\"([^\"]+)\".*", "$1");
        return new Session(http, base, cookie, csrf);
    }

    @Override
    public void close() {
        store.close();
    }
}
