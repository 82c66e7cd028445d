package io.vigil.gateway.web;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vigil.config.CameraConfig;
import io.vigil.config.CameraId;
import io.vigil.config.ListenConfig;
import io.vigil.config.NetworkRange;
import io.vigil.config.RetentionConfig;
import io.vigil.config.Role;
import io.vigil.config.SecretRef;
import io.vigil.config.SiteSettings;
import io.vigil.config.TlsConfig;
import io.vigil.config.VigilConfig;
import io.vigil.gateway.AccessGateway;
import io.vigil.gateway.CameraStatusView;
import io.vigil.gateway.accounts.AccountService;
import io.vigil.gateway.accounts.PasswordHasher;
import io.vigil.storage.StoreOptions;
import io.vigil.storage.VigilStore;
import io.vigil.storage.VigilStores;
import io.vigil.storage.keys.KdfParameters;
import io.vigil.storage.keys.Keystore;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The real access gateway over a real store in a temporary directory, listening on a
 * free port of 127.0.0.1 with its self-signed certificate: what the browser tests talk
 * to. Four cameras; the first two report live status (one recording, one down).
 */
final class GatewayHarness implements AutoCloseable {
    private static final char[] PASSPHRASE = "web test keystore passphrase".toCharArray();
    /** Lighter than production so the tests' logins stay quick on a 2-core machine; still Argon2id. */
    private static final PasswordHasher TEST_HASHER = new PasswordHasher(8 * 1024, 1, 1);

    private final VigilStore store;
    private final AccessGateway gateway;
    private final AccountService accounts;

    private GatewayHarness(VigilStore store, AccessGateway gateway, AccountService accounts) {
        this.store = store;
        this.gateway = gateway;
        this.accounts = accounts;
    }

    static GatewayHarness start(Path root) {
        return start(root, Map.of());
    }

    static GatewayHarness start(Path root, Map<Role, List<NetworkRange>> allowedNetworks) {
        return start(root, allowedNetworks, ENGLISH_IN_SEOUL);
    }

    /**
     * English pages on Seoul's clock unless a test asks otherwise: the browser runs in the
     * machine's zone (UTC here), so every date the pages show goes through the site's zone.
     */
    static final SiteSettings ENGLISH_IN_SEOUL = new SiteSettings("en", java.time.ZoneId.of("Asia/Seoul"));

    static GatewayHarness start(Path root, Map<Role, List<NetworkRange>> allowedNetworks, SiteSettings site) {
        Path dataDir = root.resolve("data");
        Path keystore = root.resolve("vigil.keystore");
        try {
            Files.createDirectories(dataDir);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        // A second start on the same root reopens the same data, as a restarted server does.
        Keystore keys = Files.exists(keystore)
                ? Keystore.open(keystore, PASSPHRASE.clone())
                : Keystore.create(keystore, PASSPHRASE.clone(), new KdfParameters(8 * 1024, 1, 1), Clock.systemUTC());
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        VigilStore store = VigilStores.open(new StoreOptions(dataDir, keystore, PASSPHRASE.clone(), Clock.systemUTC(), meters));
        List<CameraConfig> cameras = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            String id = String.format("cam-%02d", i);
            cameras.add(new CameraConfig(CameraId.of(id), "Ward " + i + " corridor", "Building A, floor " + i, CameraConfig.Source.PULL,
                    URI.create("rtsp://127.0.0.1:1/" + id), null, null, null, null));
        }
        VigilConfig config = new VigilConfig("Web test hospital", dataDir, keystore, SecretRef.env("VIGIL_TEST_UNUSED"),
                new RetentionConfig(14, 30, Duration.ofMinutes(10), 0), Duration.ofSeconds(2), cameras,
                new ListenConfig(new InetSocketAddress("127.0.0.1", 0), null, null), new TlsConfig(null, null),
                allowedNetworks, List.of(), site);
        Instant bootedAt = Instant.now();
        AccountService accounts = new AccountService(store, Clock.systemUTC(), TEST_HASHER);
        AccessGateway gateway = new AccessGateway(config, store, meters, Clock.systemUTC(),
                () -> Map.of(
                        "cam-01", new CameraStatusView("RECORDING", null, Instant.now().minusSeconds(1)),
                        "cam-02", new CameraStatusView("DOWN", "connection refused", bootedAt)),
                accounts);
        // Export manifests are signed with the server's ledger key; should the store not
        // hold one, the harness gives the gateway the keystore's key itself.
        if (store.ledgerKeyPair().isEmpty()) gateway.exportSigningKey(keys.ledgerKeyPair());
        try {
            gateway.start();
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        return new GatewayHarness(store, gateway, accounts);
    }

    String baseUrl() {
        return "https://127.0.0.1:" + gateway.httpsPort();
    }

    VigilStore store() {
        return store;
    }

    AccountService accounts() {
        return accounts;
    }

    /** The gateway itself (e.g. to set the kiosk networks of subject requests). */
    AccessGateway gateway() {
        return gateway;
    }

    void addUser(String name, Role role, List<String> cameras, String password) {
        accounts.addUser(name, role, cameras.stream().map(CameraId::of).toList(), password.toCharArray());
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
