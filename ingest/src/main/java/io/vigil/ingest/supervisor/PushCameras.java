package io.vigil.ingest.supervisor;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import io.vigil.config.CameraConfig;
import io.vigil.config.CameraId;
import io.vigil.ingest.rtsp.server.PublishAuthority;
import io.vigil.ingest.stream.StreamListenerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The supervisor's view of PUSH cameras: which may publish with which secret, their
 * state (IDLE until a publisher connects), and a watchdog. A publisher silent for the
 * stall timeout is marked STALLED and its recording ends then (partial segment and gap
 * stored with "publisher sent no video for 10 s"); the connection stays open, so video
 * resuming on it starts a new recording (the RTSP server still closes it after its 60 s
 * session timeout). While a camera has no recording the watchdog reports it down, so
 * its stored gap reaches up to about now.
 */
final class PushCameras implements PublishAuthority {
    private static final Logger log = LoggerFactory.getLogger(PushCameras.class);

    private final Map<CameraId, CameraConfig> cameras;
    private final Map<CameraId, CameraMonitor> monitors;
    private final StreamListenerFactory listeners;
    private final Duration stallTimeout;
    /** The listener of each camera's current publisher (the server allows one per camera). */
    private final Map<CameraId, MonitoringListener> publishers = new ConcurrentHashMap<>();
    private volatile boolean stopped;
    private ScheduledFuture<?> watchdog;

    PushCameras(Map<CameraId, CameraConfig> cameras, Map<CameraId, CameraMonitor> monitors, StreamListenerFactory listeners, Duration stallTimeout) {
        this.cameras = cameras;
        this.monitors = monitors;
        this.listeners = listeners;
        this.stallTimeout = stallTimeout;
    }

    @Override
    public char[] publishPassword(CameraId cameraId) {
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
            MonitoringListener[] self = new MonitoringListener[1];
            MonitoringListener l = new MonitoringListener(cameraId, m, listeners, CameraState.State.IDLE,
                    () -> publishers.remove(cameraId, self[0]));
            self[0] = l;
            if (stopped) {
                l.endRecording(io.vigil.storage.Reason.of("gap.reason.vigilStopped").encode(), 0, false); // nothing is recorded once stopping began
            } else {
                publishers.put(cameraId, l);
            }
            return l;
        };
    }

    void startWatchdog(EventLoop loop) {
        long period = Math.max(200, Math.min(1000, stallTimeout.toMillis() / 4));
        watchdog = loop.scheduleAtFixedRate(this::check, period, period, TimeUnit.MILLISECONDS);
    }

    private void check() {
        if (stopped) return;
        for (CameraId id : cameras.keySet()) {
            try {
                checkCamera(id, monitors.get(id));
            } catch (RuntimeException e) {
                // One camera's trouble must not end the watchdog of the others (a throwing task is not rescheduled).
                log.error("camera {}: watchdog failed: {}", id, e.toString());
            }
        }
    }

    private void checkCamera(CameraId id, CameraMonitor m) {
        String silent = "publisher sent no video for " + stallTimeout.toSeconds() + " s";
        // The stored gap's reason, worded by the pages in the reader's language.
        String silentReason = io.vigil.storage.Reason.of("gap.reason.publisherSilent", "seconds", stallTimeout.toSeconds()).encode();
        if (m.state() == CameraState.State.RECORDING) {
            if (m.quietMillis() < stallTimeout.toMillis()) return;
            MonitoringListener publisher = publishers.get(id);
            // End the recording now rather than at the RTSP session timeout: the gap is stored
            // with its reason at once. The lock in endRecording re-checks the silence.
            if (publisher != null && !publisher.endRecording(silentReason, stallTimeout.toMillis(), true)) return;
            m.set(CameraState.State.STALLED, CameraReason.of(CameraReason.PUBLISHER_SILENT, "stalled: the " + silent,
                    "seconds", String.valueOf(stallTimeout.toSeconds())));
            m.error();
            log.warn("camera {}: {}; recording ended, the connection is kept in case it resumes", id, silent);
        }
        // No recording: the media side keeps the camera's gap reaching up to now.
        listeners.cameraDown(id, m.state() == CameraState.State.STALLED ? silentReason : m.reason());
    }

    /** Ends the recording of every publisher (Vigil is stopping); their connections close with the event loops. */
    void stop() {
        stopped = true;
        if (watchdog != null) watchdog.cancel(false);
        for (MonitoringListener l : publishers.values()) l.endRecording(io.vigil.storage.Reason.of("gap.reason.vigilStopped").encode(), 0, false);
    }
}
