package io.vigil.ingest.rtsp.server;

import io.vigil.config.CameraId;
import java.util.concurrent.ConcurrentHashMap;

/** At most one publisher per camera: the first ANNOUNCE claims the camera until its session ends. */
final class PublisherRegistry {
    private final ConcurrentHashMap<CameraId, Object> owners = new ConcurrentHashMap<>();

    boolean claim(CameraId cameraId, Object owner) {
        Object prev = owners.putIfAbsent(cameraId, owner);
        return prev == null || prev == owner;
    }

    void release(CameraId cameraId, Object owner) {
        owners.remove(cameraId, owner);
    }

    boolean publishing(CameraId cameraId) {
        return owners.containsKey(cameraId);
    }
}
