package io.vigil.purge;

import io.micrometer.core.instrument.MeterRegistry;
import io.vigil.config.CameraId;
import io.vigil.config.VigilConfig;
import io.vigil.storage.SegmentStore;
import io.vigil.storage.VigilStore;
import io.vigil.storage.holds.HoldRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The long-lived parts every purge run works with, wired once here so that the daemon,
 * a run, the batch eraser and the recovery share one instance of each (one journal, one
 * state store, one set of meters) and none of them takes a dozen constructor arguments.
 */
final class PurgeContext {
    private static final Logger log = LoggerFactory.getLogger(PurgeContext.class);
    final SegmentStore segments;
    final HoldRegistry holds;
    final PurgeJournal journal;
    final PurgeStateStore states;
    final DestructionLedger destructions;
    final PurgeMetrics metrics;
    final PurgeClock purgeClock;
    final PurgePlanner planner;
    final RealElapsedTime elapsed = new RealElapsedTime();
    final FreeSpaceProbe probe;
    final Clock clock;
    final Duration retention;
    final Duration interval;
    final long floorBytes;
    /** Cameras in the configuration: a configured camera with no footage left reads 0 on the age gauge. */
    final List<CameraId> configuredCameras;

    PurgeContext(VigilConfig config, VigilStore store, MeterRegistry meters, Clock clock, FreeSpaceProbe probe,
                 Duration trustedForwardStep) {
        Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.probe = Objects.requireNonNull(probe, "probe");
        this.retention = config.retention().retention();
        this.interval = config.retention().purgeInterval();
        if (interval == null || interval.isZero() || interval.isNegative()) {
            throw new IllegalArgumentException("retention.purgeInterval must be positive, got " + interval);
        }
        this.floorBytes = config.retention().minFreeBytes();
        this.configuredCameras = config.cameras() == null ? List.of() : config.cameraIds();
        this.segments = store.segments();
        this.holds = new HoldRegistry(store.table(VigilStore.HOLDS), store.ledger(), clock);
        this.journal = new PurgeJournal(store.table(VigilStore.META));
        this.states = new PurgeStateStore(store.table(VigilStore.META));
        this.destructions = new DestructionLedger(store.ledger(), clock, retention, floorBytes);
        this.metrics = new PurgeMetrics(meters, clock);
        this.purgeClock = new PurgeClock(interval, trustedForwardStep);
        this.planner = new PurgePlanner(segments, retention);
    }

    /** Free space now, or -1 when it cannot be read (the plan then says nothing about the disk). */
    long usableOrUnknown() {
        try {
            return probe.usableBytes();
        } catch (RuntimeException e) {
            log.warn("cannot read free space: {}", e.getMessage());
            return -1;
        }
    }
}
