package io.vigil.purge;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vigil.config.CameraId;
import io.vigil.storage.RecordTable;
import io.vigil.storage.VigilStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9: the purge's records are stored by storage's typed {@code RecordCodec}, the codec
 * every table uses, instead of a hand-set codec of their own. The bytes are exactly those the
 * earlier codec wrote (pinned here as literals: durations as ISO-8601 text, absent facts left
 * out), so a state or a journal written before reads unchanged and a rewritten one is the same.
 */
class PurgeRecordBytesTest {
    static final Instant T = Instant.parse("2026-11-20T03:04:05Z");

    @TempDir Path dir;

    @Test
    void theStateIsWrittenAsBeforeAndReadsBack() {
        try (TestStore t = TestStore.create(dir, T)) {
            RecordTable meta = t.store.table(VigilStore.META);
            PurgeStateStore states = new PurgeStateStore(meta);
            PurgeState full = new PurgeState(new PurgeState.ClockState(T, T.minus(Duration.ofHours(3)), Duration.ofHours(3)),
                    new PurgeState.MonotonicMark("boot-a", 5_000_000_000L),
                    List.of(new PurgeState.EmptiedDay(CameraId.of("cam-01"), LocalDate.parse("2026-11-19"))),
                    new PurgeState.EarlyDestruction(T, 8, 4096, null));
            states.save(full);
            assertEquals("{\"clock\":{\"lastWall\":\"2026-11-20T03:04:05Z\",\"effective\":\"2026-11-20T00:04:05Z\",\"lag\":\"PT3H\"},"
                    + "\"monotonic\":{\"bootId\":\"boot-a\",\"nanos\":5000000000},"
                    + "\"emptiedDays\":[{\"camera\":\"cam-01\",\"day\":\"2026-11-19\"}],"
                    + "\"lastEarly\":{\"at\":\"2026-11-20T03:04:05Z\",\"segments\":8,\"bytes\":4096}}", stored(meta, PurgeStateStore.KEY));
            assertEquals(full, states.load());

            states.save(PurgeState.NONE);
            assertEquals("{\"emptiedDays\":[]}", stored(meta, PurgeStateStore.KEY));
            assertEquals(PurgeState.NONE, states.load());
        }
    }

    @Test
    void aJournalBetweenBatchesLeavesTheInflightBatchOut() {
        try (TestStore t = TestStore.create(dir, T)) {
            RecordTable meta = t.store.table(VigilStore.META);
            PurgeJournal journal = new PurgeJournal(meta);
            journal.save("P-1", T, new ErasureTally(), new ErasureTally(), null);
            String empty = "{\"cameras\":{},\"keyIds\":[],\"unknownKeyIds\":0,\"keyOnlyDays\":[]}";
            assertEquals("{\"runId\":\"P-1\",\"startedAt\":\"2026-11-20T03:04:05Z\",\"done\":" + empty + ",\"early\":" + empty + "}",
                    stored(meta, PurgeJournal.KEY));
            assertEquals("P-1", journal.load().orElseThrow().runId());
        }
    }

    private static String stored(RecordTable meta, String key) {
        return new String(meta.get(key).orElseThrow(), StandardCharsets.UTF_8);
    }
}
