package io.vigil.ingest.supervisor;

import io.vigil.config.CameraId;
import java.time.Clock;
import java.time.Instant;

/**
 * The live state of one camera: written by its session's event loop and its recorder,
 * read by {@code states()} from any thread (hence volatile and one snapshot per read).
 */
final class CameraMonitor {
    private final CameraId cameraId;
    private final Clock clock;
    private final IngestMetrics metrics;
    private volatile CameraState.State state;
    private volatile CameraReason reason;
    private volatile long lastPacketMillis;
    private volatile long reconnects;
    private volatile long recordingSinceMillis;

    CameraMonitor(CameraId cameraId, Clock clock, IngestMetrics metrics, CameraState.State initial, CameraReason reason) {
        this.cameraId = cameraId;
        this.clock = clock;
        this.metrics = metrics;
        this.state = initial;
        this.reason = reason;
    }

    void set(CameraState.State newState, CameraReason newReason) {
        if (newState == CameraState.State.RECORDING && state != CameraState.State.RECORDING) recordingSinceMillis = clock.millis();
        state = newState;
        reason = newReason;
    }

    CameraState.State state() {
        return state;
    }

    /** The reason in English words (the log, the stored gap). */
    String reason() {
        return reason.text();
    }

    void packet(int length) {
        long now = clock.millis();
        lastPacketMillis = now;
        metrics.packet(length, now);
        if (state == CameraState.State.STALLED) {
            set(CameraState.State.RECORDING, CameraReason.of(CameraReason.RECEIVING_AGAIN, "receiving video"));
        }
    }

    long lastPacketMillis() {
        return lastPacketMillis;
    }

    /** Milliseconds since the last packet, or since recording started when none came since. */
    long quietMillis() {
        return clock.millis() - Math.max(lastPacketMillis, recordingSinceMillis);
    }

    void reconnect() {
        reconnects++;
        metrics.reconnect();
    }

    void error() {
        metrics.error();
    }

    long nowMillis() {
        return clock.millis();
    }

    CameraState snapshot() {
        long last = lastPacketMillis;
        CameraReason r = reason;
        return new CameraState(cameraId, state, r.text(), last == 0 ? null : Instant.ofEpochMilli(last), reconnects, r.code(), r.args());
    }
}
