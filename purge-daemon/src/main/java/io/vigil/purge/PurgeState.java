package io.vigil.purge;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.vigil.config.CameraId;
import io.vigil.storage.CameraDay;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What the purge remembers between runs and across restarts, as one record in the
 * {@code meta} table ({@link PurgeStateStore}). It is written once when a run completes
 * (and when an operator confirms the clock), so the clock, the emptied days and the last
 * early destruction always describe the same run. The progress of a run under way is the
 * journal's business ({@link PurgeJournal}), not this record's.
 *
 * @param clock       the purge clock after the last run ({@link PurgeClock}); null before the first
 * @param monotonic   the monotonic clock at the last run, to tell a wall-clock step from downtime; null when unknown
 * @param emptiedDays camera-days whose segments were erased one by one while the day was not over:
 *                    their day key is destroyed once the day is past and empty
 * @param lastEarly   the last early destruction under disk pressure; null if none
 *
 * <p>Stored by the typed {@link io.vigil.storage.RecordCodec}; absent facts are left out
 * ({@code NON_NULL}), as the hand-set codec before it wrote them.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record PurgeState(ClockState clock, MonotonicMark monotonic, List<EmptiedDay> emptiedDays, EarlyDestruction lastEarly) {

    /** Wall time of the last run, the purge clock at it, and how far the purge clock is held behind. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ClockState(Instant lastWall, Instant effective, Duration lag) {}

    /** {@link System#nanoTime()} at the last run, valid only within the boot it was read in. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record MonotonicMark(String bootId, long nanos) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record EmptiedDay(CameraId camera, LocalDate day) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record EarlyDestruction(Instant at, long segments, long bytes, String runId) {}

    static final PurgeState NONE = new PurgeState(null, null, List.of(), null);

    PurgeState {
        emptiedDays = emptiedDays == null ? List.of() : List.copyOf(emptiedDays);
    }

    /** The emptied days as camera-days, in order. */
    SortedSet<CameraDay> emptiedCameraDays() {
        TreeSet<CameraDay> days = new TreeSet<>();
        emptiedDays.forEach(d -> days.add(new CameraDay(d.camera(), d.day())));
        return days;
    }

    static List<EmptiedDay> emptied(SortedSet<CameraDay> days) {
        return days.stream().map(d -> new EmptiedDay(d.cameraId(), d.day())).toList();
    }

    PurgeState withClock(ClockState c) {
        return new PurgeState(c, monotonic, emptiedDays, lastEarly);
    }

    PurgeState withMonotonic(MonotonicMark m) {
        return new PurgeState(clock, m, emptiedDays, lastEarly);
    }

    PurgeState withEmptiedDays(SortedSet<CameraDay> days) {
        return new PurgeState(clock, monotonic, emptied(days), lastEarly);
    }

    PurgeState withLastEarly(EarlyDestruction e) {
        return new PurgeState(clock, monotonic, emptiedDays, e);
    }
}
