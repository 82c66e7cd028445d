package io.vigil.purge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.config.CameraId;
import io.vigil.storage.RecordTable;
import io.vigil.storage.SegmentKey;
import io.vigil.storage.SegmentNotFoundException;
import io.vigil.storage.VigilStore;
import io.vigil.storage.LedgerEntry;
import io.vigil.storage.LedgerRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data directory written by the Vigil before the one state record: its four purge keys
 * and its journal are read exactly as that version wrote them, and the first run migrates
 * the keys into {@code purge.state}.
 */
class PurgeStateUpgradeTest {
    static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    static final Instant LAST_RUN = T0.plus(Duration.ofDays(20));
    static final Duration LAG = Duration.ofDays(3);

    @TempDir Path dir;

    @Test
    void legacyKeysAreReadAndMigratedByTheFirstRun() {
        try (TestStore t = TestStore.create(dir, T0)) {
            RecordTable meta = t.store.table(VigilStore.META);
            // Byte for byte what the earlier PurgeDaemon and PurgeClock wrote.
            put(meta, "purge.clock", "{\"lastWall\":\"" + LAST_RUN + "\",\"effective\":\"" + LAST_RUN.minus(LAG)
                    + "\",\"lagMillis\":" + LAG.toMillis() + "}");
            put(meta, "purge.emptiedDays", "[\"cam-09/2026-11-02\"]");
            put(meta, "purge.early.last", "{\"at\":\"" + LAST_RUN + "\",\"segments\":8,\"bytes\":4096,\"runId\":\"P-old\"}");
            put(meta, "purge.monotonic", "{\"bootId\":\"boot-a\",\"nanos\":5000000000}");

            t.clock.set(LAST_RUN.plus(TestStore.INTERVAL));
            PurgeDaemon purge = new PurgeDaemon(t.config(), t.store, t.meters, t.clock, () -> Long.MAX_VALUE);
            assertEquals(LAST_RUN, purge.status().lastEarlyAt(), "early destruction remembered");
            assertEquals(8, purge.status().lastEarlySegments());
            PurgePlan plan = purge.plan();
            assertEquals(LAG, plan.clock().lag(), "the lag of an unconfirmed forward step survives the upgrade");
            assertEquals(List.of(new PurgePlan.DayErase(CameraId.of("cam-09"), LocalDate.parse("2026-11-02"), 0, 0,
                    Instant.parse("2026-11-02T00:00:00Z"), Instant.parse("2026-11-03T00:00:00Z"))), plan.days(),
                    "the emptied day's key is still destroyed");
            // Ten minutes of real time since the legacy monotonic reading, as the wall clock says: no anomaly.
            purge.useMonotonicClock(() -> 5_000_000_000L + TestStore.INTERVAL.toNanos(), "boot-a");
            PurgeReport r = purge.runOnce();
            assertTrue(r.clock().anomaly().isEmpty(), r.clock().anomaly().toString());
            assertEquals(LAG, r.clock().lag());

            for (String legacy : List.of("purge.clock", "purge.emptiedDays", "purge.early.last", "purge.monotonic")) {
                assertTrue(meta.get(legacy).isEmpty(), legacy + " migrated away");
            }
            assertTrue(meta.get(PurgeStateStore.KEY).isPresent());
            PurgeDaemon restarted = new PurgeDaemon(t.config(), t.store, t.meters, t.clock, () -> Long.MAX_VALUE);
            assertEquals(LAST_RUN, restarted.status().lastEarlyAt());
            assertEquals(LAG, restarted.plan().clock().lag());
            assertTrue(restarted.plan().days().isEmpty(), "the emptied day was done and forgotten");
        }
    }

    @Test
    void journalOfARunKilledBeforeTheUpgradeIsRecorded() {
        try (TestStore t = TestStore.create(dir, T0)) {
            List<SegmentKey> keys = t.record("cam-01", T0, T0.plus(Duration.ofMinutes(30)), Duration.ofMinutes(10), 256);
            // The dead run had erased the first segment and had the second in flight, which also went.
            t.store.segments().eraseSegment(keys.get(0));
            t.store.segments().eraseSegment(keys.get(1));
            SegmentKey inflight = keys.get(1);
            Instant s0 = keys.get(0).start();
            put(t.store.table(VigilStore.META), PurgeJournal.KEY, "{\"runId\":\"P-dead\",\"startedAt\":\"" + T0.plus(Duration.ofDays(15))
                    + "\",\"done\":{\"cameras\":{\"cam-01\":{\"segments\":1,\"bytes\":300,\"ranges\":[[" + s0.toEpochMilli() + ","
                    + s0.plusSeconds(600).toEpochMilli() + ",1]]}},\"keyIds\":[\"segment:cam-01@" + s0 + "#x\"],\"unknownKeyIds\":0,"
                    + "\"keyOnlyDays\":[]},\"early\":{\"cameras\":{},\"keyIds\":[],\"unknownKeyIds\":0,\"keyOnlyDays\":[]},"
                    + "\"inflight\":{\"early\":false,\"camera\":\"cam-01\",\"daySegments\":0,\"dayBytes\":0,\"from\":\""
                    + inflight.start() + "\",\"to\":\"" + inflight.start().plusSeconds(600) + "\",\"segments\":[["
                    + inflight.startMillis() + "," + inflight.sequence() + "," + inflight.start().plusSeconds(600).toEpochMilli()
                    + ",256,300]]}}");

            t.clock.set(T0.plus(Duration.ofDays(15)));
            PurgeReport r = new PurgeDaemon(t.config(), t.store, t.meters, t.clock, () -> Long.MAX_VALUE).runOnce();
            assertEquals("P-dead", r.recoveredRunId().orElseThrow());
            LedgerRecord dead = t.store.ledger().search(e -> "P-dead".equals(e.record().details().get("runId")), 10).stream()
                    .map(LedgerEntry::record).findFirst().orElseThrow();
            assertEquals("destruction", dead.type());
            assertTrue(dead.details().get("result").startsWith("interrupted: run P-dead"), dead.details().get("result"));
            assertEquals("2", dead.details().get("segments"), "the done segment and the in-flight one that went");
            assertEquals("600", dead.details().get("bytes"));
            assertTrue(dead.details().containsKey("keyIdsUnknownFor"));
            assertFalse(t.store.table(VigilStore.META).get(PurgeJournal.KEY).isPresent(), "journal cleared");
            assertThrows(SegmentNotFoundException.class, () -> t.store.segments().read(keys.get(2)), "the rest is erased too");
        }
    }

    private static void put(RecordTable meta, String key, String json) {
        meta.put(key, json.getBytes(StandardCharsets.UTF_8));
    }
}
