package io.vigil.ingest.supervisor;

import io.vigil.config.CameraId;
import io.vigil.ingest.stream.StreamListener;
import io.vigil.ingest.stream.StreamListenerFactory;
import io.vigil.ingest.stream.VideoTrack;

/**
 * Passes one session to the media side and keeps the camera's state and meters. The
 * media listener is asked for when the session starts (never for a session that failed
 * during negotiation, so no empty recordings are opened).
 *
 * <p>The recording can end before the connection does: {@link #endRecording} (a silent
 * publisher, Vigil stopping) ends the media side's session at once, so the partial
 * segment and the gap are stored then and not when the RTSP session times out. When
 * video arrives again on the same connection a new media session starts with it.
 * {@code endRecording} is called from the supervisor's watchdog thread while packets
 * arrive on the connection's event loop, hence the lock; it is uncontended but for the
 * moment a stall is decided.
 */
final class MonitoringListener implements StreamListener {
    private final CameraId cameraId;
    private final CameraMonitor monitor;
    private final StreamListenerFactory factory;
    private final CameraState.State stateAfterEnd;
    private final Runnable onSessionEnd;
    private VideoTrack track;
    private StreamListener media;
    /** The recording was ended while the connection stays: the next packet starts a new one. */
    private boolean suspended;
    /** No more recording on this connection (Vigil is stopping). */
    private boolean finished;

    /** @param stateAfterEnd state to enter on onEnd, or null to leave it to the recorder */
    MonitoringListener(CameraId cameraId, CameraMonitor monitor, StreamListenerFactory factory, CameraState.State stateAfterEnd) {
        this(cameraId, monitor, factory, stateAfterEnd, () -> { });
    }

    /** @param onSessionEnd run after {@link #onEnd} (the push cameras forget this publisher) */
    MonitoringListener(CameraId cameraId, CameraMonitor monitor, StreamListenerFactory factory, CameraState.State stateAfterEnd,
                       Runnable onSessionEnd) {
        this.cameraId = cameraId;
        this.monitor = monitor;
        this.factory = factory;
        this.stateAfterEnd = stateAfterEnd;
        this.onSessionEnd = onSessionEnd;
    }

    @Override
    public synchronized void onStart(VideoTrack track) {
        this.track = track;
        if (finished) return;
        monitor.set(CameraState.State.RECORDING, CameraReason.of(CameraReason.RECEIVING, "receiving " + track.encoding() + " video",
                "codec", track.encoding()));
        media = factory.forCamera(cameraId);
        media.onStart(track);
    }

    @Override
    public synchronized void onRtp(byte[] packet) {
        monitor.packet(packet.length);
        if (suspended && !finished) {
            // Video again on the connection whose recording was ended: a new recording session,
            // whose first segment closes the gap.
            suspended = false;
            media = factory.forCamera(cameraId);
            media.onStart(track);
        }
        if (media != null) media.onRtp(packet);
    }

    @Override
    public void onEnd(String reason) {
        synchronized (this) {
            if (stateAfterEnd != null) monitor.set(stateAfterEnd, CameraReason.of(CameraReason.PUBLISHER_GONE, reason, "detail", reason));
            if (media != null) media.onEnd(reason);
            media = null;
            suspended = false;
            finished = true;
        }
        onSessionEnd.run();
    }

    /**
     * Ends the media side's session now, keeping the connection.
     *
     * @param quietForMillis end only if no packet arrived for this long (checked under the
     *                       lock, so a packet that came after the watchdog looked wins);
     *                       0 ends regardless
     * @param resumable      whether the next packet starts a new recording
     * @return whether a recording was ended
     */
    synchronized boolean endRecording(String reason, long quietForMillis, boolean resumable) {
        if (!resumable) finished = true;
        if (media == null || (quietForMillis > 0 && monitor.quietMillis() < quietForMillis)) return false;
        media.onEnd(reason);
        media = null;
        suspended = resumable;
        return true;
    }
}
