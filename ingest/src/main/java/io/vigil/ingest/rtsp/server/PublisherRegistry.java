package io.vigil.ingest.rtsp.server;

import java.util.concurrent.ConcurrentHashMap;

/** At most one publisher per camera: the first ANNOUNCE claims the camera until its session ends. */
final class PublisherRegistry {
    private final ConcurrentHashMap<String, Object> owners = new ConcurrentHashMap<>();

    boolean claim(String cameraId, Object owner) {
        Object prev = owners.putIfAbsent(cameraId, owner);
        return prev == null || prev == owner;
    }

    void release(String cameraId, Object owner) {
        owners.remove(cameraId, owner);
    }

    boolean publishing(String cameraId) {
        return owners.containsKey(cameraId);
    }
}
