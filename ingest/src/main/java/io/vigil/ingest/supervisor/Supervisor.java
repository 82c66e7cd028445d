package io.vigil.ingest.supervisor;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.EventLoopGroup;
import io.vigil.config.CameraConfig;
import io.vigil.config.CameraId;
import io.vigil.ingest.rtsp.server.PublishAuthority;
import io.vigil.ingest.stream.StreamListenerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one recorder per PULL camera and watches PUSH cameras; owns their states and
 * meters. Each PULL camera gets its own event loop from the group in turn, its own
 * connection and its own timers, so its troubles stay its own.
 */
public final class Supervisor {
    private final List<CameraConfig> cameras;
    private final StreamListenerFactory listeners;
    private final SupervisorOptions options;
    private final Map<CameraId, CameraMonitor> monitors = new LinkedHashMap<>();
    private final List<PullConnection> connections = new ArrayList<>();
    private final PushCameras push;
    /** Reads password files for pull sessions; never an event loop. */
    private final java.util.concurrent.ExecutorService secrets = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "ingest-secrets");
        t.setDaemon(true);
        return t;
    });

    public Supervisor(List<CameraConfig> cameras, StreamListenerFactory listeners, MeterRegistry meters, Clock clock, SupervisorOptions options) {
        this.cameras = List.copyOf(cameras);
        this.listeners = listeners;
        this.options = options;
        Map<CameraId, CameraConfig> pushCameras = new LinkedHashMap<>();
        for (CameraConfig c : this.cameras) {
            IngestMetrics m = new IngestMetrics(meters, c.id());
            boolean isPush = c.source() == CameraConfig.Source.PUSH;
            monitors.put(c.id(), new CameraMonitor(c.id(), clock, m,
                    isPush ? CameraState.State.IDLE : CameraState.State.CONNECTING,
                    isPush ? CameraReason.of(CameraReason.WAITING_FOR_PUBLISHER, "waiting for a publisher")
                            : CameraReason.of(CameraReason.NOT_STARTED, "not started")));
            if (isPush) pushCameras.put(c.id(), c);
        }
        this.push = new PushCameras(pushCameras, monitors, listeners, options.stallTimeout());
    }

    public SupervisorOptions options() {
        return options;
    }

    public void start(EventLoopGroup group) {
        for (CameraConfig c : cameras) {
            if (c.source() != CameraConfig.Source.PULL) continue;
            PullConnection r = new PullConnection(c, group.next(), listeners, monitors.get(c.id()), options, secrets);
            connections.add(r);
            r.start();
        }
        push.startWatchdog(group.next());
    }

    /**
     * Stops every recorder and waits (at most 5 s) until their sessions ended and gaps were
     * reported; then every camera's open gap ends now (reason: why it was down, or "Vigil
     * stopped" for a camera that was recording). Publishers' connections stay open until the
     * event loops close, but nothing more of them is recorded.
     */
    public void stop() {
        List<java.util.concurrent.CompletableFuture<Void>> stopping = new ArrayList<>();
        for (PullConnection r : connections) stopping.add(r.stop());
        connections.clear();
        push.stop();
        try {
            java.util.concurrent.CompletableFuture.allOf(stopping.toArray(new java.util.concurrent.CompletableFuture<?>[0]))
                    .get(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            // Closing the event loops below ends whatever did not stop in time.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (CameraConfig c : cameras) {
            try {
                listeners.stopped(c.id());
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(Supervisor.class).error("camera {}: closing its gap at stop failed: {}", c.id(), e.toString());
            }
        }
        secrets.shutdown();
    }

    public PublishAuthority publishAuthority() {
        return push;
    }

    public StreamListenerFactory pushListeners() {
        return push.monitoredListeners();
    }

    /** Counts an RTSP error the server reports for a camera; one that is not configured has no meters and is not counted. */
    public void rtspError(CameraId cameraId, String description) {
        CameraMonitor m = monitors.get(cameraId);
        if (m != null) m.error();
    }

    /** Each configured camera's state, in the configuration's order. */
    public Map<CameraId, CameraState> states() {
        Map<CameraId, CameraState> out = new LinkedHashMap<>();
        monitors.forEach((id, m) -> out.put(id, m.snapshot()));
        return out;
    }
}
