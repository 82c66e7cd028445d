package io.vigil.purge;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.vigil.config.CameraId;
import io.vigil.storage.RecordCodec;
import io.vigil.storage.RecordTable;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Keeps {@link PurgeState} in the {@code meta} table under {@value #KEY}.
 *
 * <p>Upgrade: Vigil before 0.1 kept the same facts under four keys of their own
 * ({@value #LEGACY_CLOCK}, {@value #LEGACY_EMPTIED_DAYS}, {@value #LEGACY_EARLY},
 * {@value #LEGACY_MONOTONIC}). When {@value #KEY} is absent they are read instead, and the
 * first save migrates them: it writes {@value #KEY} and then deletes them. A crash between
 * the two leaves both; {@value #KEY} wins, so nothing is read twice or lost.
 */
final class PurgeStateStore {
    static final String KEY = "purge.state";
    static final String LEGACY_CLOCK = "purge.clock";
    static final String LEGACY_EMPTIED_DAYS = "purge.emptiedDays";
    static final String LEGACY_EARLY = "purge.early.last";
    static final String LEGACY_MONOTONIC = "purge.monotonic";
    private static final List<String> LEGACY_KEYS = List.of(LEGACY_CLOCK, LEGACY_EMPTIED_DAYS, LEGACY_EARLY, LEGACY_MONOTONIC);
    private static final String WHAT = "purge state";
    private static final RecordCodec<PurgeState> STATE = RecordCodec.of(PurgeState.class, WHAT);
    private static final RecordCodec<LegacyClock> OLD_CLOCK = RecordCodec.of(LegacyClock.class, WHAT + " (" + LEGACY_CLOCK + ")");
    private static final RecordCodec<PurgeState.MonotonicMark> OLD_MONOTONIC =
            RecordCodec.of(PurgeState.MonotonicMark.class, WHAT + " (" + LEGACY_MONOTONIC + ")");
    private static final RecordCodec<PurgeState.EarlyDestruction> OLD_EARLY =
            RecordCodec.of(PurgeState.EarlyDestruction.class, WHAT + " (" + LEGACY_EARLY + ")");
    private static final RecordCodec<String[]> OLD_EMPTIED_DAYS = RecordCodec.of(String[].class, WHAT + " (" + LEGACY_EMPTIED_DAYS + ")");

    /** The legacy clock record: the lag was kept in milliseconds. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    private record LegacyClock(Instant lastWall, Instant effective, long lagMillis) {}

    private final RecordTable meta;
    private volatile boolean legacyCleared;

    PurgeStateStore(RecordTable meta) {
        this.meta = meta;
    }

    PurgeState load() {
        Optional<byte[]> current = meta.get(KEY);
        if (current.isPresent()) return STATE.decode(current.get());
        return loadLegacy();
    }

    /** Replaces the state whole (one synced write); the first save also removes the legacy keys. */
    void save(PurgeState state) {
        meta.put(KEY, STATE.encode(state));
        if (!legacyCleared) {
            for (String key : LEGACY_KEYS) {
                if (meta.get(key).isPresent()) meta.delete(key);
            }
            legacyCleared = true;
        }
    }

    private PurgeState loadLegacy() {
        PurgeState.ClockState clock = meta.get(LEGACY_CLOCK)
                .map(OLD_CLOCK::decode)
                .map(c -> new PurgeState.ClockState(c.lastWall(), c.effective(), Duration.ofMillis(c.lagMillis())))
                .orElse(null);
        PurgeState.MonotonicMark monotonic = meta.get(LEGACY_MONOTONIC)
                .map(OLD_MONOTONIC::decode)
                .orElse(null);
        PurgeState.EarlyDestruction early = meta.get(LEGACY_EARLY)
                .map(OLD_EARLY::decode)
                .orElse(null);
        List<PurgeState.EmptiedDay> emptied = new ArrayList<>();
        meta.get(LEGACY_EMPTIED_DAYS).map(OLD_EMPTIED_DAYS::decode)
                .ifPresent(ids -> {
                    for (String id : ids) {
                        // Written as "camera/yyyy-mm-dd"; camera ids contain no '/'.
                        int slash = id.lastIndexOf('/');
                        emptied.add(new PurgeState.EmptiedDay(CameraId.of(id.substring(0, slash)), LocalDate.parse(id.substring(slash + 1))));
                    }
                });
        return new PurgeState(clock, monotonic, emptied, early);
    }
}
