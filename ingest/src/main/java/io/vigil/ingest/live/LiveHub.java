package io.vigil.ingest.live;

import io.vigil.config.CameraId;
import io.vigil.storage.LiveFeeds;
import io.vigil.storage.LiveViewer;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Every camera's {@link LiveTap}, by camera id: what the server hands the gateway as {@link LiveFeeds}. */
public final class LiveHub implements LiveFeeds {
    private final Clock clock;
    private final Map<CameraId, LiveTap> taps = new ConcurrentHashMap<>();

    public LiveHub(Clock clock) {
        this.clock = clock;
    }

    public LiveTap tap(CameraId cameraId) {
        return taps.computeIfAbsent(cameraId, id -> new LiveTap(clock));
    }

    @Override
    public AutoCloseable watch(CameraId cameraId, LiveViewer viewer) {
        return tap(cameraId).watch(viewer);
    }
}
