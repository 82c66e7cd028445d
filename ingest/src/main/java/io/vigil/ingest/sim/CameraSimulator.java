package io.vigil.ingest.sim;

import io.vigil.config.CameraId;
import io.vigil.ingest.stream.RtpSource;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code vigil camera-sim}: N synthetic cameras named {@code cam01..camNN}, each an
 * {@link RtpSource} to register with the RTSP server
 * ({@code rtspServer.registerSource(camera.id().value(), camera)}, with
 * {@code rtspServer.servePlayers(RtspPlaySession.FACTORY)}).
 *
 * <p>{@link Mode#LIVE} encodes every camera's picture in real time (wall-clock burned in;
 * about 16 cameras at 640x360/10 fps fit on two cores). {@link Mode#REPLAY} encodes a
 * two-second loop once and replays it to all cameras with rewritten timestamps, for
 * scale benchmarks with hundreds of streams.
 */
public final class CameraSimulator implements AutoCloseable {
    public enum Mode { LIVE, REPLAY }

    private final Mode mode;
    private final SimSettings settings;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final Map<CameraId, SimulatedCamera> cameras = new LinkedHashMap<>();
    private EncodedLoop loop;

    public CameraSimulator(Mode mode, SimSettings settings, Clock clock) {
        this.mode = mode;
        this.settings = settings;
        this.clock = clock;
        int threads = mode == Mode.LIVE ? Math.max(1, Runtime.getRuntime().availableProcessors()) : 1;
        AtomicInteger n = new AtomicInteger();
        ScheduledThreadPoolExecutor s = new ScheduledThreadPoolExecutor(threads, r -> {
            Thread t = new Thread(r, "camera-sim-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        s.setRemoveOnCancelPolicy(true);
        this.scheduler = s;
    }

    /** Starts {@code count} more cameras; returns them in order, ids cam01, cam02, ... */
    public synchronized List<RtpSource> start(int count) {
        if (count < 1) throw new IllegalArgumentException("camera count must be at least 1, got " + count);
        if (mode == Mode.REPLAY && loop == null) loop = EncodedLoop.encode(settings, 2, clock);
        List<RtpSource> started = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            CameraId id = CameraId.of(String.format("cam%02d", cameras.size() + 1));
            SimulatedCamera camera = mode == Mode.LIVE
                    ? new SyntheticCamera(id, settings, clock, scheduler)
                    : new ReplayCamera(id, loop, scheduler);
            cameras.put(id, camera);
            started.add(camera);
        }
        return started;
    }

    /** Every camera started so far, by id, in order. */
    public synchronized Map<CameraId, SimulatedCamera> cameras() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(cameras));
    }

    /** The replayed loop's bit rate, or 0 in live mode. */
    public synchronized double replayBitsPerSecond() {
        return loop == null ? 0 : loop.bitsPerSecond();
    }

    @Override
    public synchronized void close() {
        for (SimulatedCamera c : cameras.values()) c.close();
        cameras.clear();
        scheduler.shutdownNow();
    }
}
