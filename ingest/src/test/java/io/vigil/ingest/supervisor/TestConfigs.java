package io.vigil.ingest.supervisor;

import io.vigil.config.CameraConfig;
import io.vigil.config.CameraId;
import io.vigil.config.ListenConfig;
import io.vigil.config.SecretRef;
import io.vigil.config.Transport;
import io.vigil.config.VigilConfig;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Builds the parts of a VigilConfig that ingest reads. */
final class TestConfigs {
    private TestConfigs() {}

    static CameraConfig pull(String id, String url) {
        return new CameraConfig(CameraId.of(id), id, "test bench", CameraConfig.Source.PULL, URI.create(url), Transport.TCP, null, null, null);
    }

    static CameraConfig pull(String id, String url, Transport transport, String user, SecretRef password) {
        return new CameraConfig(CameraId.of(id), id, "test bench", CameraConfig.Source.PULL, URI.create(url), transport, user, password, null);
    }

    static CameraConfig push(String id, SecretRef publishPassword) {
        return new CameraConfig(CameraId.of(id), id, "test bench", CameraConfig.Source.PUSH, null, Transport.TCP, null, null, publishPassword);
    }

    static VigilConfig config(List<CameraConfig> cameras, InetSocketAddress rtsp) {
        return new VigilConfig("test", Path.of("/nonexistent"), Path.of("/nonexistent/keystore"), SecretRef.env("UNUSED"),
                null, Duration.ofSeconds(2), cameras, new ListenConfig(null, null, rtsp), null, Map.of(), List.of());
    }
}
