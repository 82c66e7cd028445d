package io.vigil.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vigil.config.CameraId;
import io.vigil.config.ListenConfig;
import io.vigil.config.Role;
import io.vigil.config.SecretRef;
import io.vigil.config.SubjectRequestConfig;
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
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A real gateway for tests, the one way a test starts one: a VigilStore in a temp directory
 * (real RocksDB, keystore, encrypted segments, ledger), HTTPS on 127.0.0.1 with the
 * self-signed certificate it makes, and a JDK HttpClient that trusts exactly that
 * certificate. What the site holds (cameras, clock, settings, accounts, footage) is a
 * {@link GatewaySite}: by default the API tests' clinic ({@link GatewaySite#api()}: one user
 * per role, real footage from ffmpeg, a clock the test moves); the browser tests start
 * {@link GatewaySite#browser()}. A second fixture on the same directory reopens the same
 * data, as a restarted server does. Test classes start it through {@link FreshGatewayTest}
 * (one per test), {@link SharedGatewayTest} (one per class) or web.BrowserPageTest (one per
 * class, with a browser).
 */
public final class GatewayFixture implements AutoCloseable {
    public static final char[] KEYSTORE_PASS = "test-keystore-passphrase".toCharArray();
    public static final String PASSWORD = "correct-horse-battery";
    /** Footage is filmed from here, 5 segments of 2 s per camera. */
    public static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
    public static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");
    public static final List<String> CAMERAS = List.of("cam-01", "cam-02", "cam-03");
    public static final ObjectMapper JSON = new ObjectMapper();
    /** Lighter than production so the tests' logins stay quick on a 2-core machine; still Argon2id. */
    public static final PasswordHasher TEST_HASHER = new PasswordHasher(1024, 1, 1);

    public final Path dir;
    public final GatewaySite site;
    /** The gateway's and the store's clock: standing at {@link #NOW} on the API site, running with the wall clock on the browser site. */
    public final MutableClock clock;
    public final VigilStore store;
    public final KeyPair ledgerKey;
    public final AccountService accounts;
    public final AccessGateway gateway;
    public final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    public final HttpClient http;
    public final SSLContext ssl;
    public final VigilConfig config;

    /** Users of the API site: staff (cam-01, cam-02), staff2 (cam-01), manager (cam-01), officer (cam-01 but audits only), admin (none). */
    public static final Map<String, Role> USERS = Map.of(
            "staff", Role.SECURITY_STAFF,
            "staff2", Role.SECURITY_STAFF,
            "manager", Role.PRIVACY_MANAGER,
            "officer", Role.PRIVACY_OFFICER,
            "admin", Role.ADMINISTRATOR);

    /** The API tests' clinic ({@link GatewaySite#api()}). */
    public GatewayFixture(Path dir) throws Exception {
        this(dir, GatewaySite.api());
    }

    public GatewayFixture(Path dir, GatewaySite site) throws Exception {
        this.dir = dir;
        this.site = site;
        this.clock = site.wallClock() ? MutableClock.running() : new MutableClock(NOW);
        Files.createDirectories(dir);
        Path keystore = dir.resolve("vigil.keystore");
        Keystore ks = Files.exists(keystore)
                ? Keystore.open(keystore, KEYSTORE_PASS.clone())
                : Keystore.create(keystore, KEYSTORE_PASS.clone(), new KdfParameters(8 * 1024, 1, 1), clock);
        this.ledgerKey = ks.ledgerKeyPair();
        Path data = dir.resolve("data");
        Files.createDirectories(data);
        this.store = VigilStores.open(new StoreOptions(data, keystore, KEYSTORE_PASS.clone(), clock, meters));
        InetSocketAddress loopback = new InetSocketAddress("127.0.0.1", 0);
        this.config = new VigilConfig(site.name(), data, keystore, SecretRef.env("VIGIL_TEST_PASS"), site.retention(), Duration.ofSeconds(2),
                site.cameras(), new ListenConfig(loopback, site.httpRedirect() ? loopback : null, null), new TlsConfig(null, null),
                site.allowedNetworks(), site.monitoring(), site.settings(), SubjectRequestConfig.none(), site.policy());
        this.accounts = new AccountService(store, clock, TEST_HASHER);
        this.gateway = new AccessGateway(config, store, meters, clock, site.statuses().provider(clock, clock.instant()), accounts);
        gateway.exportSigningKey(ledgerKey);
        if (site.seeded()) seed();
        try {
            gateway.start();
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        this.ssl = TrustedCertificate.sslContext(data.resolve("tls").resolve(GatewayTls.CERT_FILE));
        this.http = HttpClient.newBuilder().sslContext(ssl).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    /** The API site's accounts ({@link #USERS}) and T0's footage, 5 segments on cam-01 and cam-02. */
    private void seed() throws Exception {
        addUser("staff", Role.SECURITY_STAFF, List.of("cam-01", "cam-02"), PASSWORD);
        addUser("staff2", Role.SECURITY_STAFF, List.of("cam-01"), PASSWORD);
        addUser("manager", Role.PRIVACY_MANAGER, List.of("cam-01"), PASSWORD);
        addUser("officer", Role.PRIVACY_OFFICER, List.of("cam-01"), PASSWORD);
        addUser("admin", Role.ADMINISTRATOR, List.of(), PASSWORD);
        List<byte[]> segs = TestFootage.segments();
        for (CameraId cam : List.of(CameraId.of("cam-01"), CameraId.of("cam-02"))) {
            for (int i = 0; i < segs.size(); i++) {
                Instant start = T0.plusSeconds((long) i * TestFootage.SEGMENT_SECONDS);
                store.segments().append(cam, start, start.plusSeconds(TestFootage.SEGMENT_SECONDS), i, segs.get(i));
            }
        }
    }

    /** Adds an account allowed {@code cameras} (ids as a test writes them). */
    public void addUser(String name, Role role, List<String> cameras, String password) {
        accounts.addUser(name, role, cameras.stream().map(CameraId::of).toList(), password.toCharArray());
    }

    /** The viewer's address, {@code https://127.0.0.1:PORT} (no slash at the end). */
    public String baseUrl() {
        return "https://127.0.0.1:" + gateway.httpsPort();
    }

    public URI uri(String path) {
        return URI.create(baseUrl() + path);
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
        try {
            gateway.close();
        } finally {
            store.close();
        }
    }
}
