package io.vigil.gateway.health;

import io.vigil.config.CameraId;
import io.vigil.gateway.HealthReport;
import io.vigil.gateway.HealthStatus;
import io.vigil.storage.SegmentInfo;
import io.vigil.storage.SegmentStore;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The disk's part of {@code /health}: free space on the data directory's file system, the
 * write rate of the last hour (from the segment index, so it is known right after a
 * restart) and how many days of footage the free space still holds at that rate. Fewer
 * than {@link #WARN_DAYS} days is DEGRADED: the purge would soon erase footage early
 * (disk pressure) to keep recording. The rate is re-read at most once a minute.
 */
public final class DiskHealth {
    static final double WARN_DAYS = 1.0;
    static final Duration WINDOW = Duration.ofHours(1);
    static final Duration REREAD = Duration.ofMinutes(1);
    /** Less recording than this in the window gives no rate (just started). */
    static final Duration MIN_SPAN = Duration.ofSeconds(30);

    private final Path dataDir;
    private final SegmentStore segments;
    private final Supplier<Collection<CameraId>> cameras;
    private final Clock clock;
    private Instant rateReadAt;
    private Double rate;

    public DiskHealth(Path dataDir, SegmentStore segments, Supplier<Collection<CameraId>> cameras, Clock clock) {
        this.dataDir = dataDir;
        this.segments = segments;
        this.cameras = cameras;
        this.clock = clock;
    }

    public HealthReport check() {
        Map<String, Object> details = new LinkedHashMap<>();
        long free;
        long total;
        try {
            FileStore fs = Files.getFileStore(dataDir);
            free = fs.getUsableSpace();
            total = fs.getTotalSpace();
        } catch (IOException e) {
            return new HealthReport(HealthStatus.DOWN, List.of(new HealthReport.Problem("health.disk.unreadable",
                    Map.of("path", dataDir.toString(), "error", String.valueOf(e.getMessage())))), details);
        }
        details.put("freeBytes", free);
        details.put("totalBytes", total);
        Double bytesPerSecond = rate();
        details.put("writeBytesPerSecond", bytesPerSecond == null ? null : Math.round(bytesPerSecond));
        if (bytesPerSecond == null || bytesPerSecond <= 0) {
            details.put("daysLeft", null);
            return new HealthReport(HealthStatus.UP, List.of(), details);
        }
        double days = free / bytesPerSecond / 86_400.0;
        details.put("daysLeft", Math.round(days * 10) / 10.0);
        if (days < WARN_DAYS) {
            return new HealthReport(HealthStatus.DEGRADED, List.of(new HealthReport.Problem("health.disk.low",
                    Map.of("hours", (long) Math.floor(days * 24), "path", dataDir.toString()))), details);
        }
        return new HealthReport(HealthStatus.UP, List.of(), details);
    }

    /** Bytes per second stored over the last hour (or since recording began within it), or null when too little. */
    private synchronized Double rate() {
        Instant now = clock.instant();
        if (rateReadAt != null && Duration.between(rateReadAt, now).compareTo(REREAD) < 0) return rate;
        Instant from = now.minus(WINDOW);
        long bytes = 0;
        Instant earliest = null;
        for (CameraId camera : cameras.get()) {
            for (SegmentInfo s : segments.list(camera, from, now)) {
                if (s.start().isBefore(from)) continue;
                bytes += s.storedBytes();
                if (earliest == null || s.start().isBefore(earliest)) earliest = s.start();
            }
        }
        Duration span = earliest == null ? Duration.ZERO : Duration.between(earliest, now);
        rate = span.compareTo(MIN_SPAN) < 0 ? null : bytes / (double) span.toMillis() * 1000.0;
        rateReadAt = rate == null ? null : now; // too little yet: look again next time
        return rate;
    }
}
