package io.vigil.purge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.storage.SegmentKey;
import io.vigil.storage.SegmentNotFoundException;
import io.vigil.storage.VigilStore;
import io.vigil.storage.LedgerEntry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** close() during a run: the run stops after its batch, records what it did, and the next run finishes. */
class PurgeCloseTest {
    static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

    @TempDir Path dir;

    @Test
    void closeStopsARunBetweenBatchesAndItsEntrySaysSo() throws Exception {
        try (TestStore t = TestStore.create(dir, T0)) {
            List<SegmentKey> all = new ArrayList<>();
            for (String cam : List.of("cam-01", "cam-02", "cam-03", "cam-04")) {
                all.addAll(t.record(cam, T0, T0.plus(Duration.ofDays(2)), Duration.ofHours(1), 256));
            }
            t.clock.set(T0.plus(Duration.ofDays(16)).minus(Duration.ofMinutes(30)));
            PurgeDaemon purge = new PurgeDaemon(t.config(), t.store, t.meters, t.clock, () -> Long.MAX_VALUE);
            assertEquals(4, purge.plan().days().size(), "four whole camera-days to erase by day key");
            assertEquals(4, purge.plan().segments().size(), "and 23 h of the next day of each camera by segment key");
            CompletableFuture<PurgeReport> run = CompletableFuture.supplyAsync(purge::runOnce);
            // Close as soon as the run is under way (its journal exists).
            PurgeSchedulingTest.waitFor(() -> t.store.table(VigilStore.META).get(PurgeJournal.KEY).isPresent() || run.isDone(),
                    "the run to start");
            purge.close();
            PurgeReport stopped = run.get(60, TimeUnit.SECONDS);
            assertTrue(stopped.stoppedEarly());
            assertTrue(stopped.daysErased() < 4 || stopped.segmentsErased() < 4 * 47, "stopped before the end");
            List<LedgerEntry> entries = t.store.ledger().search(e -> e.record().type().equals("destruction"), 10);
            if (stopped.segmentsErased() > 0) {
                assertEquals(1, entries.size());
                assertTrue(entries.get(0).record().details().get("result").contains("stopped early"),
                        entries.get(0).record().details().toString());
            }
            assertTrue(t.store.table(VigilStore.META).get(PurgeJournal.KEY).isEmpty(), "a stopped run clears its journal");

            PurgeDaemon next = new PurgeDaemon(t.config(), t.store, t.meters, t.clock, () -> Long.MAX_VALUE);
            PurgeReport finish = next.runOnce();
            assertTrue(finish.complete());
            assertEquals(all.size() - 4L * 1, stopped.segmentsErased() + finish.segmentsErased(),
                    "all but the last hour of each camera is erased exactly once");
            for (SegmentKey k : all) {
                if (k.start().isBefore(T0.plus(Duration.ofDays(2)).minus(Duration.ofHours(1)))) {
                    assertThrows(SegmentNotFoundException.class, () -> t.store.segments().read(k));
                } else {
                    assertEquals(256, t.store.segments().read(k).length);
                }
            }
        }
    }
}
