package io.vigil.ingest.supervisor;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import io.vigil.config.CameraConfig;
import io.vigil.ingest.rtsp.server.PublishAuthority;
import io.vigil.ingest.stream.StreamListenerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The supervisor's view of PUSH cameras: which may publish with which secret, their
 * state (IDLE until a publisher connects), and a watchdog marking a silent publisher
 * STALLED (the RTSP server closes it after its session timeout, which ends the session
 * and records the gap).
 */
final class PushCameras implements PublishAuthority {
    private static final Logger log = LoggerFactory.getLogger(PushCameras.class);

    private final Map<String, CameraConfig> cameras;
    private final Map<String, CameraMonitor> monitors;
    private final StreamListenerFactory listeners;
    private final Duration stallTimeout;
    private ScheduledFuture<?> watchdog;

    PushCameras(Map<String, CameraConfig> cameras, Map<String, CameraMonitor> monitors, StreamListenerFactory listeners, Duration stallTimeout) {
        this.cameras = cameras;
        this.monitors = monitors;
        this.listeners = listeners;
        this.stallTimeout = stallTimeout;
    }

    @Override
    public char[] publishPassword(String cameraId) {
        CameraConfig c = cameras.get(cameraId);
        if (c == null) return null;
        if (c.publishPassword() == null) {
            log.warn("camera {}: refusing a publisher, the camera has no publish password configured", cameraId);
            return null;
        }
        try {
            return c.publishPassword().resolve();
        } catch (IllegalStateException e) {
            log.error("camera {}: cannot read the publish password: {}", cameraId, e.getMessage());
            return null;
        }
    }

    /** The listener factory handed to the RTSP server: monitors state, then the media side. */
    StreamListenerFactory monitoredListeners() {
        return cameraId -> {
            CameraMonitor m = monitors.get(cameraId);
            if (m == null) return listeners.forCamera(cameraId);
            MonitoringListener l = new MonitoringListener(cameraId, m, listeners, CameraState.State.IDLE);
            return l;
        };
    }

    void startWatchdog(EventLoop loop) {
        long period = Math.max(200, Math.min(1000, stallTimeout.toMillis() / 4));
        watchdog = loop.scheduleAtFixedRate(() -> {
            for (String id : cameras.keySet()) {
                CameraMonitor m = monitors.get(id);
                if (m.state() == CameraState.State.RECORDING && m.quietMillis() >= stallTimeout.toMillis()) {
                    m.set(CameraState.State.STALLED, "stalled: the publisher sent no video for " + stallTimeout.toSeconds() + " s");
                    m.error();
                    log.warn("camera {}: publisher sent no video for {} s", id, stallTimeout.toSeconds());
                }
            }
        }, period, period, TimeUnit.MILLISECONDS);
    }

    void stop() {
        if (watchdog != null) watchdog.cancel(false);
    }
}
