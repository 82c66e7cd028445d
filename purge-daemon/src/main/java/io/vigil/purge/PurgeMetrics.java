package io.vigil.purge;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vigil.config.CameraId;
import io.vigil.storage.SegmentStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The purge's Micrometer meters. Gauges read values computed by the last run (no disk
 * I/O on a scrape); the oldest-footage age grows with the clock between runs.
 */
final class PurgeMetrics {
    private final MeterRegistry registry;
    private final Clock clock;
    private final Counter segmentsErased;
    private final Counter bytesErased;
    private final Counter earlySegments;
    private final Counter earlyBytes;
    private final Counter earlyRuns;
    private final Timer duration;
    private final AtomicLong heldBytes = new AtomicLong();
    private final AtomicLong lagSeconds = new AtomicLong();
    private final Map<CameraId, Instant> oldestStart = new ConcurrentHashMap<>();

    PurgeMetrics(MeterRegistry registry, Clock clock) {
        this.registry = registry;
        this.clock = clock;
        segmentsErased = Counter.builder("vigil.purge.segments.erased")
                .description("Segments cryptographically erased for retention").register(registry);
        bytesErased = Counter.builder("vigil.purge.bytes.erased").baseUnit("bytes")
                .description("Stored bytes of segments erased for retention").register(registry);
        earlySegments = Counter.builder("vigil.purge.early.segments.erased")
                .description("Segments erased before the end of retention because free space fell below the floor")
                .register(registry);
        earlyBytes = Counter.builder("vigil.purge.early.bytes.erased").baseUnit("bytes")
                .description("Stored bytes erased early under disk pressure").register(registry);
        earlyRuns = Counter.builder("vigil.purge.early.destructions")
                .description("Runs that destroyed footage early under disk pressure").register(registry);
        duration = Timer.builder("vigil.purge.duration").description("Duration of purge runs").register(registry);
        Gauge.builder("vigil.purge.held.bytes", heldBytes, AtomicLong::get).baseUnit("bytes")
                .description("Stored bytes of expired footage kept by legal holds").register(registry);
        Gauge.builder("vigil.purge.clock.lag.seconds", lagSeconds, AtomicLong::get)
                .description("How far the purge clock is held behind the wall clock after an untrusted forward step")
                .register(registry);
    }

    /** Everything a finished run updates: counters, the held and lag gauges, the oldest footage per camera. */
    void afterRun(PurgeReport r, PurgePlan plan, SegmentStore segments, List<CameraId> configuredCameras) {
        run(r.complete() ? "ok" : (r.stoppedEarly() ? "stopped" : "partial"), r.duration());
        erased(r.segmentsErased(), r.bytesErased());
        if (r.earlySegments() > 0) erasedEarly(r.earlySegments(), r.earlyBytes());
        held(plan.heldBytes());
        lag(r.clock().lag());
        Set<CameraId> stored = segments.cameras();
        for (CameraId camera : stored) oldest(camera, segments.oldestStart(camera).orElse(null));
        for (CameraId camera : configuredCameras) {
            if (!stored.contains(camera)) oldest(camera, null);
        }
    }

    void run(String result, Duration took) {
        Counter.builder("vigil.purge.runs").tag("result", result).description("Purge runs by result")
                .register(registry).increment();
        duration.record(took);
    }

    private void erased(long segments, long bytes) {
        segmentsErased.increment(segments);
        bytesErased.increment(bytes);
    }

    private void erasedEarly(long segments, long bytes) {
        earlySegments.increment(segments);
        earlyBytes.increment(bytes);
        earlyRuns.increment();
    }

    void clockAnomaly(String kind) {
        Counter.builder("vigil.purge.clock.anomalies").tag("kind", kind)
                .description("Wall-clock steps noticed between purge runs").register(registry).increment();
    }

    private void held(long bytes) {
        heldBytes.set(bytes);
    }

    void lag(Duration lag) {
        lagSeconds.set(lag.toSeconds());
    }

    /** Sets the oldest stored footage of a camera (empty camera: removed from the gauge's value, reads 0). */
    private void oldest(CameraId camera, Instant start) {
        if (start == null) {
            oldestStart.remove(camera);
        } else if (oldestStart.put(camera, start) == null) {
            Gauge.builder("vigil.purge.oldest.footage.age.seconds", this, m -> m.ageSeconds(camera))
                    .tag("camera", camera.value()).baseUnit("seconds")
                    .description("Age of the oldest stored footage of the camera (held footage included)")
                    .register(registry);
        }
    }

    /** Oldest stored footage start per camera, as of the last run, in camera order. */
    Map<String, Instant> oldestStarts() {
        Map<String, Instant> out = new java.util.TreeMap<>();
        oldestStart.forEach((camera, start) -> out.put(camera.value(), start));
        return out;
    }

    private double ageSeconds(CameraId camera) {
        Instant s = oldestStart.get(camera);
        return s == null ? 0 : Math.max(0, Duration.between(s, clock.instant()).toMillis() / 1000.0);
    }
}
