package io.vigil.ingest.supervisor;

import io.vigil.ingest.stream.StreamListener;
import io.vigil.ingest.stream.StreamListenerFactory;
import io.vigil.ingest.stream.VideoTrack;

/**
 * Passes one session to the media side and keeps the camera's state and meters. The
 * media listener is asked for when the session starts (never for a session that failed
 * during negotiation, so no empty recordings are opened).
 */
final class MonitoringListener implements StreamListener {
    private final String cameraId;
    private final CameraMonitor monitor;
    private final StreamListenerFactory factory;
    private final CameraState.State stateAfterEnd;
    private StreamListener media;

    /** @param stateAfterEnd state to enter on onEnd, or null to leave it to the recorder */
    MonitoringListener(String cameraId, CameraMonitor monitor, StreamListenerFactory factory, CameraState.State stateAfterEnd) {
        this.cameraId = cameraId;
        this.monitor = monitor;
        this.factory = factory;
        this.stateAfterEnd = stateAfterEnd;
    }

    @Override
    public void onStart(VideoTrack track) {
        monitor.set(CameraState.State.RECORDING, "receiving " + track.encoding() + " video");
        media = factory.forCamera(cameraId);
        media.onStart(track);
    }

    @Override
    public void onRtp(byte[] packet) {
        monitor.packet(packet.length);
        if (media != null) media.onRtp(packet);
    }

    @Override
    public void onEnd(String reason) {
        if (stateAfterEnd != null) monitor.set(stateAfterEnd, reason);
        if (media != null) media.onEnd(reason);
        media = null;
    }
}
