package io.vigil.ingest.live;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.vigil.config.CameraConfig;
import io.vigil.config.CameraId;
import io.vigil.config.VigilConfig;
import io.vigil.storage.LiveFeeds;
import io.vigil.storage.LiveViewer;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * What the server hands the gateway as the live wall's pictures: for a camera with a
 * {@code liveUrl}, its own smaller stream ({@link Substream}: pulled only while watched,
 * never recorded; the recorded stream's pictures while it fails); for every other camera, the recorded stream's pictures from the
 * recorder's {@link LiveHub}.
 */
public final class LiveStreams implements LiveFeeds, AutoCloseable {
    private final LiveHub recorded;
    private final Map<CameraId, Substream> substreams = new HashMap<>();
    private final EventLoopGroup loops;
    private final ExecutorService secrets;

    public LiveStreams(VigilConfig config, LiveHub recorded, Clock clock) {
        this(config, recorded, clock, Substream.LINGER);
    }

    /** @param linger how long a live stream stays pulled after its last viewer left */
    public LiveStreams(VigilConfig config, LiveHub recorded, Clock clock, Duration linger) {
        this.recorded = recorded;
        boolean any = config.cameras().stream().anyMatch(c -> c.liveUrl() != null);
        this.loops = any ? new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("vigil-live-pull", true), NioIoHandler.newFactory())
                : null;
        this.secrets = any ? Executors.newSingleThreadExecutor(new DefaultThreadFactory("vigil-live-secrets", true)) : null;
        for (CameraConfig c : config.cameras()) {
            if (c.liveUrl() != null) substreams.put(c.id(), new Substream(c, clock, loops, secrets, linger, recorded));
        }
    }

    @Override
    public AutoCloseable watch(CameraId cameraId, LiveViewer viewer) {
        Substream s = substreams.get(cameraId);
        return s != null ? s.watch(viewer) : recorded.watch(cameraId, viewer);
    }

    /** Whether {@code cameraId}'s live-only stream is being pulled now (false for a camera without one). */
    public boolean pullingLiveStream(CameraId cameraId) {
        Substream s = substreams.get(cameraId);
        return s != null && s.pulling();
    }

    @Override
    public void close() {
        substreams.values().forEach(Substream::close);
        if (secrets != null) secrets.shutdownNow();
        if (loops != null) loops.shutdownGracefully(0, 2, TimeUnit.SECONDS);
    }
}
