package io.vigil.server;

import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vigil.config.VigilConfig;
import io.vigil.gateway.AccessGateway;
import io.vigil.gateway.CameraStatusView;
import io.vigil.gateway.HealthStatus;
import io.vigil.gateway.HealthReport;
import io.vigil.ingest.IngestService;
import io.vigil.ingest.recording.CameraRecorders;
import io.vigil.purge.PurgeDaemon;
import io.vigil.purge.PurgeHealth;
import io.vigil.storage.VigilStore;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: opens the store, then starts ingest, the purge daemon and the
 * gateway over it, sharing one Prometheus registry (served by the gateway at /metrics).
 * The three services never see each other; this class adapts what one exposes to what
 * another needs (camera states for the viewer, purge health for /health).
 */
public final class VigilServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(VigilServer.class);

    private final PrometheusMeterRegistry meters;
    private final VigilStore store;
    private final ExecutorService diskExecutor;
    private final IngestService ingest;
    /** The live wall's pictures: the recorded streams', or a camera's own live stream (liveUrl). */
    private final io.vigil.ingest.live.LiveStreams liveStreams;
    private final PurgeDaemon purge;
    private final AccessGateway gateway;
    private final String viewerUrl;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final LedgerWitness witness;

    private VigilServer(VigilConfig config, Clock clock) {
        java.time.Instant startedAt = clock.instant();
        // A deprecated key still works, but the operator must hear of it where they look: the log at start.
        config.warnings().forEach(w -> log.warn("configuration: {}", w));
        meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(meters);
        new JvmGcMetrics().bindTo(meters);
        new JvmThreadMetrics().bindTo(meters);
        new ProcessorMetrics().bindTo(meters);

        store = StoreOpener.open(config, meters, clock);
        witness = new LedgerWitness(store.ledger(), clock);
        boolean unclean = witness.start(startedAt);
        // Before the cameras connect: the time nobody was recording gets its reason on every timeline.
        new DowntimeGaps(store.segments(), config.retention().retention())
                .record(config.cameraIds(), clock.instant(), unclean);
        // Segment appends (encrypt, write, fsync, index commit) run here, never on Netty threads.
        diskExecutor = Executors.newFixedThreadPool(4, daemonThreads("vigil-disk"));
        CameraRecorders recorders = new CameraRecorders(store.segments(), config.segmentDuration(), meters, clock, diskExecutor);
        ingest = new IngestService(config, recorders, meters, clock);
        purge = new PurgeDaemon(config, store, meters, clock);
        gateway = new AccessGateway(config, store, meters, clock, this::cameraStatus);
        // The live wall's pictures: ingest's memory straight to the gateway's sockets, never through the disk.
        liveStreams = new io.vigil.ingest.live.LiveStreams(config, recorders.live(), clock);
        gateway.liveFeeds(liveStreams);
        gateway.liveSettings(new io.vigil.gateway.live.LiveSettings(config.settings().liveIdleTimeout(), config.settings().liveShiftLength()));
        // The purge daemon's verdict (retention bound at risk, purge failing, early destruction) feeds /health.
        gateway.addHealthReport("retention", () -> {
            PurgeHealth.Result r = purge.health().check();
            return new HealthReport(HealthStatus.valueOf(r.status()),
                    r.coded().stream().map(c -> new HealthReport.Problem(c.code(), c.args())).toList(), r.details());
        });

        try {
            purge.start();
            ingest.start();
            gateway.start();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IllegalStateException("interrupted while starting");
        } catch (RuntimeException e) {
            // A port in use or a bad certificate: release what already started, keep the store consistent.
            close();
            throw e;
        }
        String host = config.listen().https().getHostString();
        if (host.equals("0.0.0.0") || host.equals("::")) host = "127.0.0.1";
        viewerUrl = "https://" + host + ":" + gateway.httpsPort() + "/";
        log.info("Vigil started: {} camera(s), retention {} days, viewer {}", config.cameras().size(), config.retention().days(), viewerUrl);
    }

    public static VigilServer start(VigilConfig config) {
        return start(config, Clock.systemUTC());
    }

    public static VigilServer start(VigilConfig config, Clock clock) {
        return new VigilServer(config, clock);
    }

    private Map<String, CameraStatusView> cameraStatus() {
        Map<String, CameraStatusView> out = new LinkedHashMap<>();
        ingest.states().forEach((id, s) -> out.put(id.value(),
                new CameraStatusView(s.state().name(), s.reason(), s.lastFrame(), s.reasonCode(), s.reasonArgs())));
        return out;
    }

    public String viewerUrl() {
        return viewerUrl;
    }

    /** Where the RTSP server for pushed cameras listens, or null when none is configured. */
    public java.net.InetSocketAddress rtspAddress() {
        return ingest.rtspAddress();
    }

    /** The running gateway (tests shorten the live wall's idle timeout through it). */
    public AccessGateway gateway() {
        return gateway;
    }

    public VigilStore store() {
        return store;
    }

    public PrometheusMeterRegistry meters() {
        return meters;
    }

    /** Blocks until Ctrl-C (SIGINT/SIGTERM) or {@link #close()}. */
    public void awaitShutdown() throws InterruptedException {
        Thread hook = new Thread(this::close, "vigil-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        stopped.await();
    }

    @Override
    public synchronized void close() {
        if (stopped.getCount() == 0) return;
        log.info("Vigil stopping: closing the viewer, the cameras, the purge, then the store");
        closeQuietly("gateway", gateway::close);
        closeQuietly("live streams", liveStreams::close);
        closeQuietly("ingest", ingest::close);
        closeQuietly("purge", purge::close);
        diskExecutor.shutdown();
        try {
            // Let queued segment appends finish so no completed segment is lost.
            if (!diskExecutor.awaitTermination(30, TimeUnit.SECONDS)) log.warn("disk writes did not finish within 30 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeQuietly("ledger", witness::close);
        closeQuietly("store", store::close);
        stopped.countDown();
    }

    private static void closeQuietly(String what, Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            log.warn("closing {} failed: {}", what, e.toString());
        }
    }

    static java.util.concurrent.ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
