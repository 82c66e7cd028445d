package io.vigil.gateway;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
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
import io.vigil.gateway.http.HttpsRedirectInitializer;
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
import java.net.InetSocketAddress;
import java.security.KeyPair;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
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
    private final ScheduledExecutorService housekeeping;
    private final MaskingService masking;
    private EventLoopGroup boss;
    private EventLoopGroup io;
    private Channel httpsChannel;
    private Channel redirectChannel;
    private volatile int httpsPort = -1;

    public AccessGateway(VigilConfig config, VigilStore store, PrometheusMeterRegistry meters, Clock clock, CameraStatusProvider cameraStatus) {
        this(config, store, meters, clock, cameraStatus, new AccountService(store, clock));
    }

    /** With a given account service (tests pass one with lighter Argon2 parameters). */
    public AccessGateway(VigilConfig config, VigilStore store, PrometheusMeterRegistry meters, Clock clock,
                         CameraStatusProvider cameraStatus, AccountService accounts) {
        this.ctx = new GatewayContext(config, store, meters, clock, cameraStatus, accounts);
        store.ledgerKeyPair().ifPresent(k -> ctx.exportSigningKey = k);
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(WORKERS, WORKERS, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(1024), r -> {
            Thread t = new Thread(r, "gateway-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.workers = pool;
        Gauge.builder("vigil.gateway.worker.queue", pool, p -> p.getQueue().size()).register(meters);
        this.housekeeping = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "gateway-housekeeping");
            t.setDaemon(true);
            return t;
        });
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
        new KioskApi(ctx, masking, new KioskViewings(clock)).register(router);
        new io.vigil.gateway.api.NoticesApi(ctx).register(router);
        new LiveApi(ctx).register(router);
        RequestDeadlineWatch.registerGauges(meters, ctx::requests);
        addHealthCheck("requests", () -> RequestDeadlineWatch.anyFlagged(ctx.requests()) ? HealthStatus.DEGRADED : HealthStatus.UP);
        // What an operator watches: every camera's state, the disk, the ledger (docs/health.md).
        CameraHealth cameras = new CameraHealth(config, ctx.cameraStatus(), clock);
        addHealthReport("cameras", cameras::check);
        DiskHealth disk = new DiskHealth(config.dataDir(), store.segments(),
                () -> config.cameras().stream().map(c -> c.id()).toList(), clock);
        addHealthReport("disk", disk::check);
        addHealthReport("ledger", new LedgerHealth(store.ledger())::check);
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
        if (httpsChannel != null) throw new IllegalStateException("gateway already started");
        // A configuration that changed the published policy is ledgered with the date before anyone reads it.
        policy.publishIfChanged();
        VigilConfig config = ctx.config();
        GatewayTls.Material tls = GatewayTls.load(config.tls(), config.dataDir().resolve("tls"), ctx.clock());
        SslContext ssl = GatewayTls.serverContext(tls);
        boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        io = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        try {
            InetSocketAddress https = config.listen().https();
            httpsChannel = new ServerBootstrap().group(boss, io).channel(NioServerSocketChannel.class)
                    .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(256 * 1024, 1024 * 1024))
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new GatewayChannelInitializer(ssl, router, workers, ctx.meters(),
                            () -> new LiveUpgrade(auth::signedIn, ctx.live(), ctx.liveFeeds(), workers)))
                    .bind(https).sync().channel();
            httpsPort = ((InetSocketAddress) httpsChannel.localAddress()).getPort();
            InetSocketAddress redirect = config.listen().httpRedirect();
            if (redirect != null) {
                redirectChannel = new ServerBootstrap().group(boss, io).channel(NioServerSocketChannel.class)
                        .childHandler(new HttpsRedirectInitializer(() -> httpsPort)).bind(redirect).sync().channel();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IllegalStateException("interrupted while binding the gateway");
        } catch (Exception e) { // Netty's sync() rethrows BindException unchecked
            boolean httpsBound = httpsChannel != null;
            close();
            throw httpsBound
                    ? bindFailure(e, config.listen().httpRedirect(), "the plain-HTTP redirect", "listen.httpRedirect")
                    : bindFailure(e, config.listen().https(), "the web viewer and API (HTTPS)", "listen.https");
        }
        housekeeping.scheduleWithFixedDelay(() -> {
            try {
                ctx.sessions().sweep();
            } catch (RuntimeException e) {
                log.warn("session sweep failed: {}", e.toString());
            }
        }, 5, 5, TimeUnit.MINUTES);
        housekeeping.scheduleWithFixedDelay(() -> {
            try {
                ctx.live().sweep();
            } catch (RuntimeException e) {
                log.warn("ending idle live walls failed: {}", e.toString());
            }
        }, 1, 1, TimeUnit.SECONDS);
        housekeeping.scheduleWithFixedDelay(() -> {
            try {
                ctx.refusals().flushDue();
            } catch (RuntimeException e) {
                log.warn("writing the summaries of suppressed refusals failed: {}", e.toString());
            }
        }, 5, 5, TimeUnit.SECONDS);
        housekeeping.scheduleWithFixedDelay(() -> {
            try {
                ctx.grants().endExpiredViewings();
                ctx.grants().deleteLongExpired();
            } catch (RuntimeException e) {
                log.warn("ending expired viewings failed: {}", e.toString());
            }
        }, 1, 1, TimeUnit.MINUTES);
        housekeeping.scheduleWithFixedDelay(() -> {
            try {
                masking.sweep();
            } catch (RuntimeException e) {
                log.warn("deleting the masked copies of closed subject requests failed: {}", e.toString());
            }
        }, 1, 1, TimeUnit.MINUTES);
        housekeeping.scheduleWithFixedDelay(() -> {
            try {
                int n = ctx.requests().erasePersonalDataDue();
                if (n > 0) log.info("erased the personal data of {} closed subject request(s) past their retention", n);
            } catch (RuntimeException e) {
                log.warn("erasing due subject-request personal data failed: {}", e.toString());
            }
        }, 2, 60, TimeUnit.MINUTES);
        log.info("Access gateway listening on https://{}:{}/", config.listen().https().getHostString(), httpsPort);
        if (ctx.exportSigningKey == null) {
            log.warn("No export signing key: exports will be refused (503). The store's ledgerKeyPair() is empty and "
                    + "exportSigningKey(KeyPair) was not called with the keystore's ledger key pair.");
        }
    }

    /** A bind failure in words: which port, what wanted it, which setting changes it. */
    private static IllegalStateException bindFailure(Exception e, InetSocketAddress address, String what, String setting) {
        String where = address.getHostString() + ":" + address.getPort();
        if (e instanceof java.net.BindException || e.getCause() instanceof java.net.BindException) {
            return new IllegalStateException("cannot listen on " + where + " for " + what + ": the port is already in use by "
                    + "another program (or the address is not this machine's); change " + setting + " in the config", e);
        }
        return new IllegalStateException("cannot listen on " + where + " for " + what + " (" + setting + "): " + e.getMessage(), e);
    }

    /** The bound HTTPS port (the real one when configured as 0). */
    public int httpsPort() {
        return httpsPort;
    }

    /** The bound redirect port, or -1. */
    public int httpRedirectPort() {
        return redirectChannel == null ? -1 : ((InetSocketAddress) redirectChannel.localAddress()).getPort();
    }

    @Override
    public synchronized void close() {
        try {
            ctx.live().endAll(EndReason.SERVER_STOPPED);
        } catch (RuntimeException e) {
            log.warn("ending open live walls failed: {}", e.toString());
        }
        if (httpsChannel != null) httpsChannel.close().syncUninterruptibly();
        if (redirectChannel != null) redirectChannel.close().syncUninterruptibly();
        if (boss != null) boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        if (io != null) io.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        housekeeping.shutdownNow();
        masking.close();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(5, TimeUnit.SECONDS)) workers.shutdownNow();
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
        try {
            ctx.refusals().flushAll(); // counted refusals are summarised, not lost, when the gateway stops
        } catch (RuntimeException e) {
            log.warn("writing the summaries of suppressed refusals failed: {}", e.toString());
        }
        httpsChannel = null;
        redirectChannel = null;
    }
}
