package io.vigil.purge;

import io.vigil.storage.SegmentInfo;
import io.vigil.storage.SegmentStore;
import io.vigil.storage.holds.LegalHold;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decides what is expired: every segment whose filming ended at or before
 * {@code purge clock - retention}. A camera-day (UTC, the unit of a day key) whose every
 * segment is expired and none held is erased by its day key; otherwise the expired,
 * unheld segments are erased one key each. Walks each camera one day at a time from its
 * oldest footage, so memory stays bounded by one camera-day of index rows.
 */
final class PurgePlanner {
    private final SegmentStore segments;
    private final Duration retention;

    PurgePlanner(SegmentStore segments, Duration retention) {
        this.segments = segments;
        this.retention = retention;
    }

    /**
     * @param emptiedDays camera-days ("camera/yyyy-mm-dd") whose segments earlier runs erased one by
     *                    one before the day was over: once the day is past and none of its segments is
     *                    left, its day key is destroyed too (a day erase of zero segments)
     */
    PurgePlan plan(ClockReading clock, List<LegalHold> holds, long usableBytes, long floorBytes, Set<String> emptiedDays) {
        Instant cutoff = clock.effective().minus(retention);
        List<LegalHold> protecting = protecting(holds, clock);
        List<PurgePlan.DayErase> days = new ArrayList<>();
        List<PurgePlan.SegmentErase> erase = new ArrayList<>();
        Map<String, HeldAccumulator> held = new LinkedHashMap<>();

        for (String camera : new TreeSet<>(segments.cameras())) {
            Optional<Instant> oldest = segments.oldestStart(camera);
            if (oldest.isEmpty() || !oldest.get().isBefore(cutoff)) continue;
            LocalDate last = day(cutoff);
            for (LocalDate d = day(oldest.get()); !d.isAfter(last); d = d.plusDays(1)) {
                Instant dayStart = d.atStartOfDay(ZoneOffset.UTC).toInstant();
                Instant dayEnd = d.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
                boolean dayPast = !dayEnd.isAfter(cutoff);
                List<SegmentInfo> ofDay = new ArrayList<>();
                for (SegmentInfo s : segments.list(camera, dayStart, dayPast ? dayEnd : cutoff)) {
                    // list() returns overlaps; a segment belongs to the day its filming started (its day key).
                    if (!s.start().isBefore(dayStart) && s.start().isBefore(dayEnd)) ofDay.add(s);
                }
                if (ofDay.isEmpty()) continue;
                List<SegmentInfo> expired = new ArrayList<>();
                List<SegmentInfo> kept = new ArrayList<>();
                for (SegmentInfo s : ofDay) {
                    if (s.end().isAfter(cutoff)) continue;
                    List<LegalHold> by = holding(protecting, s);
                    if (by.isEmpty()) {
                        expired.add(s);
                    } else {
                        kept.add(s);
                        String ids = String.join(",", by.stream().map(LegalHold::id).toList());
                        Instant until = by.stream().map(h -> h.releasedAt() != null && h.releasedAt().isBefore(h.expiresAt())
                                ? h.releasedAt() : h.expiresAt()).max(Comparator.naturalOrder()).orElseThrow();
                        held.computeIfAbsent(camera + "|" + ids, k -> new HeldAccumulator(camera, by)).add(s, until);
                    }
                }
                if (dayPast && kept.isEmpty() && expired.size() == ofDay.size()) {
                    long bytes = expired.stream().mapToLong(SegmentInfo::storedBytes).sum();
                    Instant to = expired.stream().map(SegmentInfo::end).max(Comparator.naturalOrder()).orElseThrow();
                    days.add(new PurgePlan.DayErase(camera, d, expired.size(), bytes, expired.get(0).start(), to));
                } else if (!expired.isEmpty()) {
                    erase.add(new PurgePlan.SegmentErase(camera, d, List.copyOf(expired)));
                }
            }
        }
        for (String id : new TreeSet<>(emptiedDays)) {
            int slash = id.lastIndexOf('/');
            String camera = id.substring(0, slash);
            LocalDate d = LocalDate.parse(id.substring(slash + 1));
            Instant dayStart = d.atStartOfDay(ZoneOffset.UTC).toInstant();
            Instant dayEnd = d.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            if (dayEnd.isAfter(cutoff)) continue;
            boolean anyLeft = segments.list(camera, dayStart, dayEnd).stream()
                    .anyMatch(s -> !s.start().isBefore(dayStart) && s.start().isBefore(dayEnd));
            if (!anyLeft) days.add(new PurgePlan.DayErase(camera, d, 0, 0, dayStart, dayEnd));
        }
        List<PurgePlan.HeldFootage> heldList = held.values().stream().map(HeldAccumulator::toHeld).toList();
        return new PurgePlan(clock, retention, cutoff, days, erase, heldList, usableBytes, floorBytes);
    }

    /**
     * Holds protecting footage now. A hold counts if it is active by the wall clock or by the
     * purge clock: when the two disagree after a clock step, keeping is the safe side.
     */
    static List<LegalHold> protecting(List<LegalHold> holds, ClockReading clock) {
        return holds.stream().filter(h -> h.activeAt(clock.wall()) || h.activeAt(clock.effective())).toList();
    }

    static List<LegalHold> holding(List<LegalHold> protecting, SegmentInfo s) {
        List<LegalHold> by = new ArrayList<>(1);
        for (LegalHold h : protecting) {
            if (h.coversFootage(s.cameraId(), s.start(), s.end())) by.add(h);
        }
        return by;
    }

    static LocalDate day(Instant t) {
        return LocalDate.ofInstant(t, ZoneOffset.UTC);
    }

    private static final class HeldAccumulator {
        final String camera;
        final List<String> holdIds;
        int count;
        long bytes;
        Instant from;
        Instant to;
        Instant until;

        HeldAccumulator(String camera, List<LegalHold> by) {
            this.camera = camera;
            this.holdIds = by.stream().map(LegalHold::id).toList();
        }

        void add(SegmentInfo s, Instant keptUntil) {
            count++;
            bytes += s.storedBytes();
            if (from == null || s.start().isBefore(from)) from = s.start();
            if (to == null || s.end().isAfter(to)) to = s.end();
            if (until == null || keptUntil.isAfter(until)) until = keptUntil;
        }

        PurgePlan.HeldFootage toHeld() {
            return new PurgePlan.HeldFootage(camera, holdIds, count, bytes, from, to, until);
        }
    }
}
