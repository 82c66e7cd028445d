package io.vigil.storage.segments;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vigil.config.CameraId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/** The storage meters: what was written, how fast, and what is stored per camera. */
final class StorageMetrics {
    private final MeterRegistry registry;
    private final Clock clock;
    private final Function<CameraId, Optional<Instant>> oldestStart;
    private final Timer writeLatency;
    private final Map<CameraId, PerCamera> cameras = new ConcurrentHashMap<>();

    private final class PerCamera {
        final Counter bytesWritten;
        final Counter segmentsWritten;
        final AtomicLong bytesStored = new AtomicLong();

        PerCamera(CameraId cameraId) {
            String camera = cameraId.value();
            bytesWritten = Counter.builder("vigil.storage.bytes.written")
                    .description("Encrypted bytes written to segment files").baseUnit("bytes")
                    .tag("camera", camera).register(registry);
            segmentsWritten = Counter.builder("vigil.storage.segments.written")
                    .description("Segments stored").tag("camera", camera).register(registry);
            Gauge.builder("vigil.storage.bytes.stored", bytesStored, AtomicLong::get)
                    .description("Encrypted bytes currently stored").baseUnit("bytes")
                    .tag("camera", camera).register(registry);
            Gauge.builder("vigil.storage.oldest.segment.age.seconds", () -> oldestAgeSeconds(cameraId))
                    .description("Age of the oldest stored segment (start of filming); NaN when none")
                    .baseUnit("seconds").tag("camera", camera).register(registry);
        }
    }

    StorageMetrics(MeterRegistry registry, Clock clock, Function<CameraId, Optional<Instant>> oldestStart) {
        this.registry = registry;
        this.clock = clock;
        this.oldestStart = oldestStart;
        this.writeLatency = Timer.builder("vigil.storage.write.latency")
                .description("Time of one append: encrypt, write, fsync, rename, index commit")
                .publishPercentileHistogram()
                .register(registry);
    }

    private PerCamera camera(CameraId cameraId) {
        return cameras.computeIfAbsent(cameraId, PerCamera::new);
    }

    void written(CameraId cameraId, long storedBytes, Duration took) {
        PerCamera c = camera(cameraId);
        c.bytesWritten.increment(storedBytes);
        c.segmentsWritten.increment();
        c.bytesStored.addAndGet(storedBytes);
        writeLatency.record(took);
    }

    void removed(CameraId cameraId, long storedBytes) {
        camera(cameraId).bytesStored.addAndGet(-storedBytes);
    }

    void addStored(CameraId cameraId, long storedBytes) {
        camera(cameraId).bytesStored.addAndGet(storedBytes);
    }

    private double oldestAgeSeconds(CameraId cameraId) {
        return oldestStart.apply(cameraId)
                .map(s -> Math.max(0, clock.millis() - s.toEpochMilli()) / 1000.0)
                .orElse(Double.NaN);
    }
}
