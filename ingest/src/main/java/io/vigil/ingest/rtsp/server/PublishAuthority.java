package io.vigil.ingest.rtsp.server;

import io.vigil.config.CameraId;

/** Who may publish to which camera path. */
@FunctionalInterface
public interface PublishAuthority {
    /**
     * The publish password of {@code cameraId} (a fresh copy the caller may wipe), or null
     * when no camera with that id accepts pushes (the server answers 404). The id is the
     * publisher's RTSP path, parsed once by the server: a path that is no camera id never
     * gets here.
     */
    char[] publishPassword(CameraId cameraId);
}
