package io.vigil.ingest.rtsp.server;

/** Who may publish to which camera path. */
@FunctionalInterface
public interface PublishAuthority {
    /**
     * The publish password of {@code cameraId} (a fresh copy the caller may wipe), or null
     * when no camera with that id accepts pushes (the server answers 404).
     */
    char[] publishPassword(String cameraId);
}
