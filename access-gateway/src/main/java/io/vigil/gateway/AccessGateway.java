package io.vigil.gateway;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.handler.ssl.SslContext;
import io.vigil.config.VigilConfig;
import io.vigil.gateway.accounts.AccountService;
import io.vigil.gateway.api.AuthApi;
import io.vigil.gateway.api.CamerasApi;
import io.vigil.gateway.api.ExportApi;
import io.vigil.gateway.api.ExportsApi;
import io.vigil.gateway.api.ThumbnailsApi;
import io.vigil.gateway.api.GrantsApi;
import io.vigil.gateway.api.HoldsApi;
import io.vigil.gateway.api.I18nApi;
import io.vigil.gateway.api.KioskApi;
import io.vigil.gateway.api.LedgerApi;
import io.vigil.gateway.api.MaskingApi;
import io.vigil.gateway.api.LiveApi;
import io.vigil.gateway.api.MonitoringApi;
import io.vigil.gateway.health.CameraHealth;
import io.vigil.gateway.health.DiskHealth;
import io.vigil.gateway.health.HealthApi;
import io.vigil.gateway.health.LedgerHealth;
import io.vigil.gateway.policy.PolicyApi;
import io.vigil.gateway.policy.PolicyContent;
import io.vigil.gateway.policy.PolicyPublication;
import io.vigil.gateway.api.RequestsApi;
import io.vigil.gateway.api.UsersApi;
import io.vigil.gateway.http.GatewayChannelInitializer;
import io.vigil.gateway.http.GatewayListeners;
import io.vigil.gateway.http.Router;
import io.vigil.gateway.live.EndReason;
import io.vigil.gateway.masking.KioskViewings;
import io.vigil.gateway.masking.MaskingService;
import io.vigil.gateway.masking.MaskingWorkDir;
import io.vigil.gateway.live.LiveSettings;
import io.vigil.gateway.live.LiveUpgrade;
import io.vigil.gateway.http.StaticFiles;
import io.vigil.gateway.requests.RequestDeadlineWatch;
import io.vigil.gateway.requests.RequestSettings;
import io.vigil.gateway.tls.GatewayTls;
import io.vigil.storage.LiveFeeds;
import io.vigil.storage.VigilStore;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The access gateway: HTTPS API and web viewer over a {@link VigilStore}. The server's
 * composition root builds it, optionally registers health checks and the export signing
 * key, then calls {@link #start()}. Requests are decoded on Netty event loops and handled
 * on a separate worker pool (all storage, ledger and Argon2 work blocks).
 */
public final class AccessGateway implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AccessGateway.class);
    private static final int WORKERS = 16;

    private final GatewayContext ctx;
    private final Router router;
    private final AuthApi auth;
    private final PolicyPublication policy;
    private final ExecutorService workers;
    private final Housekeeping housekeeping = new Housekeeping("gateway-housekeeping");
    private final MaskingService masking;
    private GatewayListeners listeners;
    private volatile int httpsPort = -1;

    public AccessGateway(VigilConfig config, VigilStore store, PrometheusMeterRegistry meters, Clock clock, CameraStatusProvider cameraStatus) {
        this(config, store, meters, clock, cameraStatus, new AccountService(store, clock));
    }

    /** With a given account service (tests pass one with lighter Argon2 parameters). */
    public AccessGateway(VigilConfig config, VigilStore store, PrometheusMeterRegistry meters, Clock clock,
                         CameraStatusProvider cameraStatus, AccountService accounts) {
        this.ctx = new GatewayContext(config, store, meters, clock, cameraStatus, accounts);
        store.ledgerKeyPair().ifPresent(k -> ctx.exportSigningKey = k);
        this.workers = workerPool(meters);
        StaticFiles statics = new StaticFiles(AccessGateway.class.getClassLoader(), ex -> {
            ctx.countRefusal("path-traversal");
            log.warn("refused path traversal attempt from {}: {}", ex.clientText(), ex.rawPath());
        });
        AuthApi auth = new AuthApi(ctx);
        this.auth = auth;
        this.router = new Router(auth, statics);
        auth.register(router);
        new CamerasApi(ctx).register(router);
        new GrantsApi(ctx).register(router);
        new ExportApi(ctx).register(router);
        new ExportsApi(ctx).register(router);
        new ThumbnailsApi(ctx).register(router);
        new io.vigil.gateway.api.ActivityLineApi(ctx).register(router);
        new io.vigil.gateway.api.FootageApi(ctx).register(router);
        new LedgerApi(ctx).register(router);
        new UsersApi(ctx).register(router);
        new HoldsApi(ctx).register(router);
        new MonitoringApi(ctx).register(router);
        new HealthApi(ctx).register(router);
        this.policy = new PolicyPublication(store.ledger(), clock, PolicyContent.of(config));
        new PolicyApi(policy).register(router);
        new I18nApi(ctx).register(router);
        new RequestsApi(ctx).register(router);
        this.masking = new MaskingService(store, ctx::requests, ctx::exportSigningKey, clock,
                MaskingWorkDir.prepare(config.dataDir()));
        new MaskingApi(ctx, masking).register(router);
        new KioskApi(ctx, masking, new KioskViewings(clock, config.subjectRequests().kioskViewingLength())).register(router);
        new io.vigil.gateway.api.NoticesApi(ctx).register(router);
        new LiveApi(ctx).register(router);
        RequestDeadlineWatch.registerGauges(meters, ctx::requests);
        addHealthCheck("requests", () -> RequestDeadlineWatch.anyFlagged(ctx.requests()) ? HealthStatus.DEGRADED : HealthStatus.UP);
        // What an operator watches: every camera's state, the disk, the ledger (docs/health.md).
        CameraHealth cameras = new CameraHealth(config, ctx.cameraStatus(), clock);
        addHealthReport("cameras", cameras::check);
        DiskHealth disk = new DiskHealth(config.dataDir(), store.segments(), config::cameraIds, clock);
        addHealthReport("disk", disk::check);
        addHealthReport("ledger", new LedgerHealth(store.ledger())::check);
    }

    /** The pool requests are handled on (all storage, ledger and Argon2 work blocks), its queue length a gauge. */
    private static ExecutorService workerPool(PrometheusMeterRegistry meters) {
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(WORKERS, WORKERS, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(1024), r -> {
            Thread t = new Thread(r, "gateway-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        Gauge.builder("vigil.gateway.worker.queue", pool, p -> p.getQueue().size()).register(meters);
        return pool;
    }

    /** Lets the server add checks that say only a status; /health reports the worst. */
    public void addHealthCheck(String name, Supplier<HealthStatus> check) {
        ctx.healthChecks.put(name, () -> HealthReport.of(check.get()));
    }

    /** Lets the server add checks with reasons and facts (e.g. the purge daemon's bound); /health reports the worst. */
    public void addHealthReport(String name, Supplier<HealthReport> check) {
        ctx.healthChecks.put(name, check);
    }

    /** Subject requests handled with these settings (kiosk networks, periods, zone); call before {@link #start()}. */
    public void requestSettings(RequestSettings settings) {
        ctx.requestSettings(settings);
    }

    /** Where live pictures come from (the server hands ingest's); call before {@link #start()}. */
    public void liveFeeds(LiveFeeds feeds) {
        ctx.liveFeeds = feeds == null ? LiveFeeds.none() : feeds;
    }

    /** How long a wall lasts without activity and at most (a shift). */
    public void liveSettings(LiveSettings settings) {
        ctx.live().settings(settings);
    }

    /** The Ed25519 key that signs export manifests (the server's ledger key) when the store does not provide it. */
    public void exportSigningKey(KeyPair key) {
        ctx.exportSigningKey = key;
    }

    public AccountService accounts() {
        return ctx.accounts();
    }

    public GatewayContext context() {
        return ctx;
    }

    public List<Router.Route> routes() {
        return router.routes();
    }

    public synchronized void start() {
        if (listeners != null) throw new IllegalStateException("gateway already started");
        // A configuration that changed the published policy is ledgered with the date before anyone reads it.
        policy.publishIfChanged();
        masking.restore(); // released masked copies kept by the previous run, before anyone asks for them
        VigilConfig config = ctx.config();
        GatewayTls.Material tls = GatewayTls.load(config.tls(), config.dataDir().resolve("tls"), ctx.clock());
        SslContext ssl = GatewayTls.serverContext(tls);
        GatewayChannelInitializer gateway = new GatewayChannelInitializer(ssl, router, workers, ctx.meters(),
                () -> new LiveUpgrade(auth::signedIn, ctx.live(), ctx.liveFeeds(), workers));
        try {
            listeners = GatewayListeners.bind(config.listen().https(), config.listen().httpRedirect(), gateway);
        } catch (IllegalStateException e) {
            close();
            throw e;
        }
        httpsPort = listeners.httpsPort();
        scheduleHousekeeping();
        log.info("Access gateway listening on https://{}:{}/", config.listen().https().getHostString(), httpsPort);
        if (ctx.exportSigningKey == null) {
            log.warn("No export signing key: exports will be refused (503). The store's ledgerKeyPair() is empty and "
                    + "exportSigningKey(KeyPair) was not called with the keystore's ledger key pair.");
        }
    }

    private void scheduleHousekeeping() {
        housekeeping.every(Duration.ofMinutes(5), "session sweep", () -> ctx.sessions().sweep());
        housekeeping.every(Duration.ofSeconds(1), "ending idle live walls", () -> ctx.live().sweep());
        housekeeping.every(Duration.ofSeconds(5), "writing the summaries of suppressed refusals", () -> ctx.refusals().flushDue());
        housekeeping.every(Duration.ofMinutes(1), "ending expired viewings", () -> {
            ctx.grants().endExpiredViewings();
            ctx.grants().deleteLongExpired();
        });
        housekeeping.every(Duration.ofMinutes(1), "deleting the masked copies of closed subject requests", masking::sweep);
        housekeeping.every(Duration.ofMinutes(2), Duration.ofMinutes(60), "erasing due subject-request personal data", () -> {
            int n = ctx.requests().erasePersonalDataDue();
            if (n > 0) log.info("erased the personal data of {} closed subject request(s) past their retention", n);
        });
    }

    /**
     * Runs every periodic chore (sweeps, expiries, the deletion of closed requests' masked
     * copies, ...) once now on the housekeeping thread, as its next tick would, and returns
     * when they are done; after {@link #start()} only. Tests drive the periodic paths with
     * it instead of waiting for the minute.
     */
    public void housekeepingTick() {
        housekeeping.tickNow(Duration.ofMinutes(2));
    }

    /** The bound HTTPS port (the real one when configured as 0). */
    public int httpsPort() {
        return httpsPort;
    }

    /** The bound redirect port, or -1. */
    public int httpRedirectPort() {
        GatewayListeners l = listeners;
        return l == null ? -1 : l.redirectPort();
    }

    @Override
    public synchronized void close() {
        Housekeeping.runLogged("ending open live walls", () -> ctx.live().endAll(EndReason.SERVER_STOPPED));
        if (listeners != null) listeners.close();
        housekeeping.close();
        masking.close();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(5, TimeUnit.SECONDS)) workers.shutdownNow();
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
        // counted refusals are summarised, not lost, when the gateway stops
        Housekeeping.runLogged("writing the summaries of suppressed refusals", () -> ctx.refusals().flushAll());
        listeners = null;
    }
}
