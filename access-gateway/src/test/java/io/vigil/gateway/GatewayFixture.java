package io.vigil.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vigil.config.CameraConfig;
import io.vigil.config.CameraId;
import io.vigil.config.ListenConfig;
import io.vigil.config.NetworkRange;
import io.vigil.config.RetentionConfig;
import io.vigil.config.Role;
import io.vigil.config.SecretRef;
import io.vigil.config.TlsConfig;
import io.vigil.config.VigilConfig;
import io.vigil.gateway.accounts.AccountService;
import io.vigil.gateway.accounts.PasswordHasher;
import io.vigil.gateway.tls.GatewayTls;
import io.vigil.storage.StoreOptions;
import io.vigil.storage.VigilStore;
import io.vigil.storage.VigilStores;
import io.vigil.storage.keys.KdfParameters;
import io.vigil.storage.keys.Keystore;
import io.vigil.testkit.MutableClock;
import io.vigil.testkit.TrustedCertificate;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A real gateway for tests: a VigilStore in a temp directory (real RocksDB, keystore,
 * encrypted segments, ledger), real footage from ffmpeg, HTTPS on 127.0.0.1 with the
 * self-signed certificate it makes, and a JDK HttpClient that trusts exactly that
 * certificate. One user per role.
 */
public final class GatewayFixture implements AutoCloseable {
    public static final char[] KEYSTORE_PASS = "test-keystore-passphrase".toCharArray();
    public static final String PASSWORD = "correct-horse-battery";
    /** Footage is filmed from here, 5 segments of 2 s per camera. */
    public static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
    public static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
    public static final List<String> CAMERAS = List.of("cam-01", "cam-02", "cam-03");
    public static final ObjectMapper JSON = new ObjectMapper();

    public final Path dir;
    public final MutableClock clock = new MutableClock(NOW);
    public final VigilStore store;
    public final KeyPair ledgerKey;
    public final AccessGateway gateway;
    public final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    public final HttpClient http;
    public final SSLContext ssl;
    public final VigilConfig config;

    /** Users: staff (cam-01, cam-02), manager (cam-01), officer (cam-01 but audits only), admin (none), adminCam (cam-01). */
    public static final Map<String, Role> USERS = Map.of(
            "staff", Role.SECURITY_STAFF,
            "staff2", Role.SECURITY_STAFF,
            "manager", Role.PRIVACY_MANAGER,
            "officer", Role.PRIVACY_OFFICER,
            "admin", Role.ADMINISTRATOR);

    public GatewayFixture(Path dir) throws Exception {
        this(dir, Map.of(), List.of());
    }

    public GatewayFixture(Path dir, Map<Role, List<NetworkRange>> allowed, List<NetworkRange> monitoring) throws Exception {
        this(dir, allowed, monitoring, new RetentionConfig(14, 14, Duration.ofMinutes(10), 0));
    }

    /** A gateway whose retention settings (e.g. the hold maximum) come from the test. */
    public GatewayFixture(Path dir, RetentionConfig retention) throws Exception {
        this(dir, Map.of(), List.of(), retention, null);
    }

    /** A gateway whose policy section (officer, places) comes from the test. */
    public GatewayFixture(Path dir, io.vigil.config.PolicyConfig policy) throws Exception {
        this(dir, Map.of(), List.of(), new RetentionConfig(14, 14, Duration.ofMinutes(10), 0), policy);
    }

    private GatewayFixture(Path dir, Map<Role, List<NetworkRange>> allowed, List<NetworkRange> monitoring,
                           RetentionConfig retention) throws Exception {
        this(dir, allowed, monitoring, retention, null);
    }

    private GatewayFixture(Path dir, Map<Role, List<NetworkRange>> allowed, List<NetworkRange> monitoring,
                           RetentionConfig retention, io.vigil.config.PolicyConfig policy) throws Exception {
        this.dir = dir;
        Files.createDirectories(dir);
        Path keystore = dir.resolve("vigil.keystore");
        Keystore ks = Keystore.create(keystore, KEYSTORE_PASS.clone(), new KdfParameters(8 * 1024, 1, 1), clock);
        this.ledgerKey = ks.ledgerKeyPair();
        Path data = dir.resolve("data");
        Files.createDirectories(data);
        this.store = VigilStores.open(new StoreOptions(data, keystore, KEYSTORE_PASS.clone(), clock, meters));
        List<CameraConfig> cams = new ArrayList<>();
        for (String id : CAMERAS) {
            cams.add(new CameraConfig(CameraId.of(id), "Camera " + id, "Ward " + id, CameraConfig.Source.PUSH, null, null, null, null, SecretRef.env("X_" + id.replace('-', '_'))));
        }
        this.config = new VigilConfig("Test Clinic", data, keystore, SecretRef.env("VIGIL_TEST_PASS"),
                retention, Duration.ofSeconds(2), cams,
                new ListenConfig(new InetSocketAddress("127.0.0.1", 0), new InetSocketAddress("127.0.0.1", 0), null),
                new TlsConfig(null, null), allowed, monitoring).withPolicy(policy);
        AccountService accounts = new AccountService(store, clock, new PasswordHasher(1024, 1, 1));
        this.gateway = new AccessGateway(config, store, meters, clock,
                () -> Map.of("cam-01", new CameraStatusView("RECORDING", null, NOW.minusSeconds(1))), accounts);
        gateway.exportSigningKey(ledgerKey);
        accounts.addUser("staff", Role.SECURITY_STAFF, List.of(CameraId.of("cam-01"), CameraId.of("cam-02")), PASSWORD.toCharArray());
        accounts.addUser("staff2", Role.SECURITY_STAFF, List.of(CameraId.of("cam-01")), PASSWORD.toCharArray());
        accounts.addUser("manager", Role.PRIVACY_MANAGER, List.of(CameraId.of("cam-01")), PASSWORD.toCharArray());
        accounts.addUser("officer", Role.PRIVACY_OFFICER, List.of(CameraId.of("cam-01")), PASSWORD.toCharArray());
        accounts.addUser("admin", Role.ADMINISTRATOR, List.of(), PASSWORD.toCharArray());
        List<byte[]> segs = TestFootage.segments();
        for (CameraId cam : List.of(CameraId.of("cam-01"), CameraId.of("cam-02"))) {
            for (int i = 0; i < segs.size(); i++) {
                Instant start = T0.plusSeconds((long) i * TestFootage.SEGMENT_SECONDS);
                store.segments().append(cam, start, start.plusSeconds(TestFootage.SEGMENT_SECONDS), i, segs.get(i));
            }
        }
        gateway.start();
        this.ssl = TrustedCertificate.sslContext(data.resolve("tls").resolve(GatewayTls.CERT_FILE));
        this.http = HttpClient.newBuilder().sslContext(ssl).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    public URI uri(String path) {
        return URI.create("https://127.0.0.1:" + gateway.httpsPort() + path);
    }

    /** A logged-in user's cookie and CSRF token. */
    public record Login(String user, String cookie, String csrf) {}

    public Login login(String user) throws Exception {
        HttpResponse<String> r = post("/api/v1/login", "{\"username\":\"" + user + "\",\"password\":\"" + PASSWORD + "\"}", null);
        if (r.statusCode() != 200) throw new AssertionError("login of " + user + " failed: " + r.statusCode() + " " + r.body());
        String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));
        return new Login(user, cookie, JSON.readTree(r.body()).get("csrfToken").asText());
    }

    public HttpResponse<String> get(String path, Login who) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).GET(), who, true);
    }

    public HttpResponse<String> post(String path, String json, Login who) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)), who, true);
    }

    public HttpResponse<String> send(HttpRequest.Builder b, Login who, boolean withCsrf) throws Exception {
        if (who != null) {
            b.header("Cookie", who.cookie());
            if (withCsrf) b.header("X-CSRF-Token", who.csrf());
        }
        return http.send(b.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<byte[]> getBytes(String path, Login who, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).GET().timeout(Duration.ofSeconds(60));
        if (who != null) b.header("Cookie", who.cookie());
        for (int i = 0; i < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    public static JsonNode json(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body());
    }

    /** Issues a grant over all test footage of the given cameras. */
    public String grant(Login who, String... cameras) throws Exception {
        HttpResponse<String> r = post("/api/v1/grants", grantBody(T0, T0.plusSeconds(60), cameras), who);
        if (r.statusCode() != 201) throw new AssertionError("grant for " + who.user() + " failed: " + r.statusCode() + " " + r.body());
        return json(r).get("grantId").asText();
    }

    public static String grantBody(Instant from, Instant to, String... cameras) {
        StringBuilder sb = new StringBuilder("{\"cameras\":[");
        for (int i = 0; i < cameras.length; i++) sb.append(i == 0 ? "" : ",").append('"').append(cameras[i]).append('"');
        return sb.append("],\"from\":\"").append(from).append("\",\"to\":\"").append(to)
                .append("\",\"purpose\":\"crime-prevention\",\"purposeText\":\"theft reported in ward A\"}").toString();
    }

    /** Sends raw bytes over TLS and returns the raw response head and body (for requests HttpClient will not send). */
    public String raw(String request) throws Exception {
        try (SSLSocket s = (SSLSocket) ssl.getSocketFactory().createSocket("127.0.0.1", gateway.httpsPort())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            byte[] buf = new byte[65536];
            int n = s.getInputStream().read(buf);
            return n <= 0 ? "" : new String(buf, 0, n, StandardCharsets.ISO_8859_1);
        }
    }

    @Override
    public void close() {
        gateway.close();
        store.close();
    }
}
