package io.vigil.purge;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Real time elapsed since the last run, from a monotonic clock, so {@link PurgeClock} can
 * tell a wall-clock step from downtime. {@link System#nanoTime()} is CLOCK_MONOTONIC on
 * Linux: it counts from boot, so a reading kept in {@link PurgeState} with the kernel's
 * boot id still measures real elapsed time after Vigil restarts, until a reboot.
 * Unknown (null) when the wall clock is simulated (tests) and nothing was injected.
 */
final class RealElapsedTime {
    private volatile LongSupplier nanos;
    /** Identifies the running kernel; null when not known (readings compare within this process only). */
    private volatile String bootId;
    /** {@link #nanos} at the last run, or -1. */
    private volatile long lastRunNanos = -1;

    /** Cross-checks against {@code nanos}; a {@code remembered} mark of the same boot counts as the last run. */
    void use(LongSupplier nanos, String bootId, PurgeState.MonotonicMark remembered) {
        this.nanos = nanos;
        this.bootId = bootId;
        this.lastRunNanos = -1;
        if (bootId != null && remembered != null && bootId.equals(remembered.bootId())) lastRunNanos = remembered.nanos();
    }

    /** Real time since the last run, or null when unknown. */
    Duration sinceLastRun() {
        LongSupplier m = nanos;
        long last = lastRunNanos;
        return m == null || last < 0 ? null : Duration.ofNanos(m.getAsLong() - last);
    }

    /** Takes the reading for a run that is committing; the mark to persist, or null when it would mean nothing after a restart. */
    PurgeState.MonotonicMark markRun() {
        LongSupplier m = nanos;
        lastRunNanos = m == null ? -1 : m.getAsLong();
        String boot = bootId;
        return boot != null && lastRunNanos >= 0 ? new PurgeState.MonotonicMark(boot, lastRunNanos) : null;
    }

    /** The kernel's boot id, or null off Linux. */
    static String systemBootId() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/random/boot_id")).trim();
        } catch (IOException | RuntimeException e) {
            return null; // not Linux: monotonic readings are trusted within this process only
        }
    }
}
