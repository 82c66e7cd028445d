package io.vigil.ingest.stream;

/** Gives the protocol side a listener for a camera when its session starts. */
@FunctionalInterface
public interface StreamListenerFactory {
    StreamListener forCamera(String cameraId);
}
