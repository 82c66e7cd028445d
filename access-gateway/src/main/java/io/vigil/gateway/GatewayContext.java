package io.vigil.gateway;

import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vigil.config.NetworkRange;
import io.vigil.config.Role;
import io.vigil.config.VigilConfig;
import io.vigil.gateway.accounts.AccountAdministration;
import io.vigil.gateway.accounts.AccountService;
import io.vigil.gateway.accounts.SessionService;
import io.vigil.gateway.grants.GrantService;
import io.vigil.gateway.live.MonitoringSessions;
import io.vigil.gateway.refusals.RefusalLedger;
import io.vigil.gateway.requests.RequestSettings;
import io.vigil.gateway.requests.RequestWorkflow;
import io.vigil.storage.VigilStore;
import io.vigil.storage.holds.HoldRegistry;
import java.net.InetAddress;
import java.security.KeyPair;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/** The services every API handler needs, built once by {@link AccessGateway}. */
public final class GatewayContext {
    final VigilConfig config;
    final VigilStore store;
    final Clock clock;
    final PrometheusMeterRegistry meters;
    final CameraStatusProvider cameraStatus;
    final AccountService accounts;
    final SessionService sessions;
    final GrantService grants;
    final HoldRegistry holds;
    final AccountAdministration administration;
    final MonitoringSessions live;
    final RefusalLedger refusals;
    volatile io.vigil.storage.LiveFeeds liveFeeds = io.vigil.storage.LiveFeeds.none();
    final Map<String, Supplier<io.vigil.gateway.HealthReport>> healthChecks = new ConcurrentHashMap<>();
    volatile KeyPair exportSigningKey;
    volatile RequestWorkflow requests;
    final io.vigil.gateway.media.SegmentChecks segmentChecks;

    GatewayContext(VigilConfig config, VigilStore store, PrometheusMeterRegistry meters, Clock clock,
                   CameraStatusProvider cameraStatus, AccountService accounts) {
        this.config = config;
        this.store = store;
        this.clock = clock;
        this.meters = meters;
        this.cameraStatus = cameraStatus == null ? CameraStatusProvider.none() : cameraStatus;
        this.accounts = accounts;
        this.sessions = new SessionService(store, clock, config.settings().idleTimeout());
        this.refusals = new RefusalLedger(store.ledger(), clock);
        this.grants = new GrantService(store, clock, refusals);
        this.holds = new HoldRegistry(store.table(VigilStore.HOLDS), store.ledger(), clock);
        this.administration = new AccountAdministration(accounts, sessions, store.ledger(), clock, id -> config.camera(id) != null);
        this.live = new MonitoringSessions(store.ledger(), clock, refusals);
        this.segmentChecks = new io.vigil.gateway.media.SegmentChecks(store.segments());
        requestSettings(RequestSettings.defaults().withZone(config.settings().timeZone())
                .withKioskNetworks(config.subjectRequests().kioskNetworks()));
    }

    /** Subject requests handled with these settings (kiosk networks, periods, zone). */
    void requestSettings(RequestSettings settings) {
        this.requests = new RequestWorkflow(store.table(VigilStore.REQUESTS), holds, store.ledger(), clock, settings,
                new java.util.LinkedHashSet<>(config.cameraIds()), config.retention().retention());
    }

    public VigilConfig config() { return config; }
    public VigilStore store() { return store; }
    public Clock clock() { return clock; }
    public PrometheusMeterRegistry meters() { return meters; }
    public CameraStatusProvider cameraStatus() { return cameraStatus; }
    public AccountService accounts() { return accounts; }
    public SessionService sessions() { return sessions; }
    public GrantService grants() { return grants; }
    public HoldRegistry holds() { return holds; }
    public RequestWorkflow requests() { return requests; }
    public AccountAdministration administration() { return administration; }
    public MonitoringSessions live() { return live; }
    /** Where refusals are ledgered, limited per user and address (docs/security.md). */
    public RefusalLedger refusals() { return refusals; }
    public io.vigil.storage.LiveFeeds liveFeeds() { return liveFeeds; }
    public Map<String, Supplier<io.vigil.gateway.HealthReport>> healthChecks() { return healthChecks; }
    public KeyPair exportSigningKey() { return exportSigningKey; }
    /** Which stored segments play, remembered per segment (playback, footage maps and exports share it). */
    public io.vigil.gateway.media.SegmentChecks segmentChecks() { return segmentChecks; }

    /** Whether a role may connect from this address (a role without a list may connect from anywhere). */
    public boolean networkAllowed(Role role, InetAddress client) {
        Map<Role, List<NetworkRange>> allowed = config.allowedNetworks();
        if (allowed == null) return true;
        List<NetworkRange> nets = allowed.get(role);
        if (nets == null || nets.isEmpty()) return true;
        return nets.stream().anyMatch(n -> n.contains(normalize(client)));
    }

    public boolean monitoringAllowed(InetAddress client) {
        List<NetworkRange> nets = config.monitoringNetworks();
        return nets != null && nets.stream().anyMatch(n -> n.contains(normalize(client)));
    }

    /** An IPv4 client seen through an IPv6 socket (::ffff:a.b.c.d) is matched as IPv4. */
    private static InetAddress normalize(InetAddress a) {
        byte[] b = a.getAddress();
        if (b.length == 16) {
            boolean mapped = true;
            for (int i = 0; i < 10; i++) if (b[i] != 0) mapped = false;
            if (mapped && (b[10] & 0xFF) == 0xFF && (b[11] & 0xFF) == 0xFF) {
                try {
                    return InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
                } catch (java.net.UnknownHostException e) {
                    return a;
                }
            }
        }
        return a;
    }

    public void countRefusal(String kind) {
        Counter.builder("vigil.gateway.refusals").tag("kind", kind).register(meters).increment();
    }
}
