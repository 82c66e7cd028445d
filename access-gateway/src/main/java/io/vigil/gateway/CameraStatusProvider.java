package io.vigil.gateway;

import java.util.Map;

/** Live state of every camera, by camera id. Must be cheap and non-blocking. */
@FunctionalInterface
public interface CameraStatusProvider {
    Map<String, CameraStatusView> cameraStatus();

    static CameraStatusProvider none() {
        return Map::of;
    }
}
