package io.vigil.purge;

import io.vigil.config.CameraId;
import io.vigil.storage.CameraDay;
import io.vigil.storage.SegmentInfo;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * What a purge run erases and why, and what legal holds keep: computed by
 * {@link PurgePlanner}, executed by {@link PurgeDaemon#runOnce()}, printed by
 * {@code vigil purge --dry-run} through {@link #toText()}.
 *
 * @param clock       the times the plan was made with
 * @param retention   the retention period
 * @param cutoff      footage that ended at or before this instant is expired ({@code purge clock - retention})
 * @param days        camera-days wholly expired and unheld: erased by destroying the day key
 * @param segments    expired unheld segments of days that are not wholly expired or partly held
 * @param held        expired footage kept by active legal holds
 * @param usableBytes free space of the data directory's file system when planned, or -1 if unknown
 * @param floorBytes  the configured free-space floor
 */
public record PurgePlan(
        ClockReading clock,
        Duration retention,
        Instant cutoff,
        List<DayErase> days,
        List<SegmentErase> segments,
        List<HeldFootage> held,
        long usableBytes,
        long floorBytes) {

    /** A whole camera-day erased with its day key. */
    public record DayErase(CameraId cameraId, LocalDate day, int segmentCount, long bytes, Instant from, Instant to) {
        CameraDay cameraDay() {
            return new CameraDay(cameraId, day);
        }
    }

    /** Expired segments of one camera-day erased one key each. */
    public record SegmentErase(CameraId cameraId, LocalDate day, List<SegmentInfo> segments) {
        CameraDay cameraDay() {
            return new CameraDay(cameraId, day);
        }

        public long bytes() {
            return segments.stream().mapToLong(SegmentInfo::storedBytes).sum();
        }

        public Instant from() {
            return segments.get(0).start();
        }

        public Instant to() {
            return segments.stream().map(SegmentInfo::end).max(Instant::compareTo).orElseThrow();
        }
    }

    /** Expired footage of one camera kept by the listed holds (contiguous or not). */
    public record HeldFootage(CameraId cameraId, List<String> holdIds, int segmentCount, long bytes, Instant from, Instant to,
                              Instant keptUntil) {}

    public int segmentCount() {
        return days.stream().mapToInt(DayErase::segmentCount).sum()
                + segments.stream().mapToInt(s -> s.segments().size()).sum();
    }

    public long bytes() {
        return days.stream().mapToLong(DayErase::bytes).sum() + segments.stream().mapToLong(SegmentErase::bytes).sum();
    }

    public long heldBytes() {
        return held.stream().mapToLong(HeldFootage::bytes).sum();
    }

    public boolean belowFloor() {
        return usableBytes >= 0 && usableBytes < floorBytes;
    }

    public boolean isEmpty() {
        return days.isEmpty() && segments.isEmpty();
    }

    /** The plan in words, one line per item, for operators. */
    public String toText() {
        StringBuilder b = new StringBuilder();
        b.append("Purge plan at ").append(clock.wall());
        if (!clock.effective().equals(clock.wall())) b.append(" (purge clock ").append(clock.effective()).append(')');
        b.append("\nRetention ").append(retention.toDays()).append(" days: footage that ended at or before ")
                .append(cutoff).append(" is erased.\n");
        Optional<ClockAnomaly> a = clock.anomaly();
        a.ifPresent(x -> b.append("Clock: ").append(x.kind()).append(" step of ").append(x.step())
                .append(" since the last run at ").append(x.lastWall()).append("; ").append(x.action()).append('\n'));
        if (!clock.lag().isZero()) {
            b.append("Clock: the purge clock is held ").append(clock.lag())
                    .append(" behind the wall clock until an operator confirms the time.\n");
        }
        if (isEmpty()) {
            b.append("Would erase: nothing.\n");
        } else {
            b.append("Would erase ").append(segmentCount()).append(" segments, ").append(human(bytes())).append(":\n");
            for (DayErase d : days) {
                if (d.segmentCount() == 0) {
                    b.append(String.format("  %-12s day key of %s (its segments were erased one by one earlier)%n",
                            d.cameraId(), d.day()));
                    continue;
                }
                b.append(String.format("  %-12s whole day %s (day key destroyed)  %d segments  %s  %s .. %s%n",
                        d.cameraId(), d.day(), d.segmentCount(), human(d.bytes()), d.from(), d.to()));
            }
            for (SegmentErase s : segments) {
                b.append(String.format("  %-12s segments of %s (segment keys destroyed)  %d segments  %s  %s .. %s%n",
                        s.cameraId(), s.day(), s.segments().size(), human(s.bytes()), s.from(), s.to()));
            }
        }
        if (held.isEmpty()) {
            b.append("Kept by legal holds: nothing past retention.\n");
        } else {
            b.append("Kept by legal holds past retention (").append(human(heldBytes())).append("):\n");
            for (HeldFootage h : held) {
                b.append(String.format("  %-12s held by %s  %d segments  %s  %s .. %s  until %s at the latest%n",
                        h.cameraId(), String.join(",", h.holdIds()), h.segmentCount(), human(h.bytes()), h.from(), h.to(),
                        h.keptUntil()));
            }
        }
        if (usableBytes >= 0) {
            b.append("Disk: ").append(human(usableBytes)).append(" free, floor ").append(human(floorBytes));
            b.append(belowFloor()
                    ? ": BELOW the floor; the run would also erase the oldest unheld footage early until above it.\n"
                    : ": ok.\n");
        }
        return b.toString();
    }

    /** A byte count as people read it: {@code 512 B}, {@code 1.5 MiB} (also what {@code vigil purge} prints). */
    public static String human(long bytes) {
        if (bytes < 1024) return bytes + " B";
        double v = bytes;
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        int i = -1;
        while (v >= 1024 && i < units.length - 1) {
            v /= 1024;
            i++;
        }
        return String.format(java.util.Locale.ROOT, "%.1f %s", v, units[i]);
    }
}
