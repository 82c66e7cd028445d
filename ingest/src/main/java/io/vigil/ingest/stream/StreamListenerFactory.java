package io.vigil.ingest.stream;

import io.vigil.config.CameraId;

/**
 * Gives the protocol side a listener for a camera when its session starts, and tells the
 * media side what happens to a camera between sessions, so a camera that stays down has
 * a stored gap with a reason while it is down, not only once it comes back.
 */
@FunctionalInterface
public interface StreamListenerFactory {
    StreamListener forCamera(CameraId cameraId);

    /**
     * Camera {@code cameraId} has no session delivering video; {@code reason} is the last
     * failure in words ("cannot connect to 10.0.0.7:554: Connection refused"). Called at
     * every failed attempt and about once a second while the camera stays down; ignored
     * while a session of the camera is open. Must not block. Default: ignored.
     */
    default void cameraDown(CameraId cameraId, String reason) {}

    /**
     * Vigil is stopping and every session of {@code cameraId} has ended: a gap still open
     * ends now. Must not block. Default: ignored.
     */
    default void stopped(CameraId cameraId) {}
}
