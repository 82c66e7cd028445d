package io.vigil.purge;

import io.vigil.config.CameraId;
import io.vigil.storage.CameraDay;
import io.vigil.storage.SegmentInfo;
import io.vigil.storage.SegmentStore;
import io.vigil.storage.holds.LegalHold;
import java.time.Duration;
import java.time.Instant;
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
     * @param emptiedDays camera-days whose segments earlier runs erased one by one before the day
     *                    was over: once the day is past and none of its segments is left, its day
     *                    key is destroyed too (a day erase of zero segments)
     */
    PurgePlan plan(ClockReading clock, List<LegalHold> holds, long usableBytes, long floorBytes, Set<CameraDay> emptiedDays) {
        Instant cutoff = clock.effective().minus(retention);
        Walk walk = new Walk(cutoff, protecting(holds, clock));
        for (CameraId camera : new TreeSet<>(segments.cameras())) {
            Optional<Instant> oldest = segments.oldestStart(camera);
            if (oldest.isEmpty() || !oldest.get().isBefore(cutoff)) continue;
            CameraDay last = CameraDay.of(camera, cutoff);
            for (CameraDay d = CameraDay.of(camera, oldest.get()); d.compareTo(last) <= 0; d = d.next()) {
                walk.planDay(d);
            }
        }
        for (CameraDay d : new TreeSet<>(emptiedDays)) {
            if (d.end().isAfter(cutoff)) continue;
            if (!DaySegments.anyLeft(segments, d)) {
                walk.days.add(new PurgePlan.DayErase(d.cameraId(), d.day(), 0, 0, d.start(), d.end()));
            }
        }
        List<PurgePlan.HeldFootage> heldList = walk.held.values().stream().map(HeldAccumulator::toHeld).toList();
        return new PurgePlan(clock, retention, cutoff, walk.days, walk.erase, heldList, usableBytes, floorBytes);
    }

    /** One plan being made: what the camera-days walked so far contribute. */
    private final class Walk {
        final Instant cutoff;
        final List<LegalHold> protecting;
        final List<PurgePlan.DayErase> days = new ArrayList<>();
        final List<PurgePlan.SegmentErase> erase = new ArrayList<>();
        final Map<String, HeldAccumulator> held = new LinkedHashMap<>();

        Walk(Instant cutoff, List<LegalHold> protecting) {
            this.cutoff = cutoff;
            this.protecting = protecting;
        }

        /** A past day wholly expired and unheld goes by its day key; otherwise its expired unheld segments go one by one. */
        void planDay(CameraDay d) {
            boolean dayPast = !d.end().isAfter(cutoff);
            List<SegmentInfo> ofDay = DaySegments.of(segments, d, dayPast ? d.end() : cutoff);
            if (ofDay.isEmpty()) return;
            List<SegmentInfo> expired = new ArrayList<>();
            boolean anyKept = false;
            for (SegmentInfo s : ofDay) {
                if (s.end().isAfter(cutoff)) continue;
                List<LegalHold> by = holding(protecting, s);
                if (by.isEmpty()) {
                    expired.add(s);
                } else {
                    anyKept = true;
                    keep(d.cameraId(), s, by);
                }
            }
            if (dayPast && !anyKept && expired.size() == ofDay.size()) {
                long bytes = expired.stream().mapToLong(SegmentInfo::storedBytes).sum();
                Instant to = expired.stream().map(SegmentInfo::end).max(Comparator.naturalOrder()).orElseThrow();
                days.add(new PurgePlan.DayErase(d.cameraId(), d.day(), expired.size(), bytes, expired.get(0).start(), to));
            } else if (!expired.isEmpty()) {
                erase.add(new PurgePlan.SegmentErase(d.cameraId(), d.day(), List.copyOf(expired)));
            }
        }

        private void keep(CameraId camera, SegmentInfo s, List<LegalHold> by) {
            String ids = String.join(",", by.stream().map(LegalHold::id).toList());
            Instant until = by.stream().map(h -> h.releasedAt() != null && h.releasedAt().isBefore(h.expiresAt())
                    ? h.releasedAt() : h.expiresAt()).max(Comparator.naturalOrder()).orElseThrow();
            held.computeIfAbsent(camera + "|" + ids, k -> new HeldAccumulator(camera, by)).add(s, until);
        }
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

    private static final class HeldAccumulator {
        final CameraId camera;
        final List<String> holdIds;
        int count;
        long bytes;
        Instant from;
        Instant to;
        Instant until;

        HeldAccumulator(CameraId camera, List<LegalHold> by) {
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
