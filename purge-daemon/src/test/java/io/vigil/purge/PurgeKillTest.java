package io.vigil.purge;

import io.vigil.config.CameraId;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.storage.FsckReport;
import io.vigil.storage.SegmentKey;
import io.vigil.storage.SegmentNotFoundException;
import io.vigil.storage.VigilStore;
import io.vigil.storage.holds.HoldRegistry;
import io.vigil.storage.LedgerEntry;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 during a purge, again and again: after each kill the store is consistent (fsck
 * clean, or repaired without touching any intact segment), footage inside the window is
 * untouched, and finally one run finishes the job; the ledger's destruction entries add up
 * to exactly what was destroyed, each run recorded once.
 */
class PurgeKillTest {
    static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    static final Duration SEG = Duration.ofMinutes(30);
    static final int ROUNDS = 6;
    static final int BYTES = 1024;

    @TempDir Path dir;

    @Test
    void killedPurgesLeaveAConsistentStoreAndTheNextRunFinishes() throws Exception {
        Instant now = T0.plus(Duration.ofDays(17)).plus(Duration.ofHours(12));
        Instant cutoff = now.minus(Duration.ofDays(14));
        List<SegmentKey> all = new ArrayList<>();
        Set<SegmentKey> expired = new HashSet<>();
        try (TestStore t = TestStore.create(dir, T0)) {
            for (String cam : List.of("cam-01", "cam-02", "cam-03")) {
                all.addAll(t.record(cam, T0, T0.plus(Duration.ofDays(4)), SEG, BYTES));
            }
            t.clock.set(T0.plus(Duration.ofDays(4)));
            // A hold over the first hour of each day of two cameras puts those days in segment mode.
            HoldRegistry holds = new HoldRegistry(t.store.table(VigilStore.HOLDS), t.store.ledger(), t.clock);
            for (int d = 0; d < 4; d++) {
                Instant day = T0.plus(Duration.ofDays(d));
                holds.place(List.of(CameraId.of("cam-01"), CameraId.of("cam-02")), day, day.plus(Duration.ofHours(1)), "kill test", null,
                        now.plus(Duration.ofDays(30)), "officer");
            }
            for (SegmentKey k : all) {
                Instant dayStart = k.start().truncatedTo(java.time.temporal.ChronoUnit.DAYS);
                boolean held = (k.cameraId().value().equals("cam-01") || k.cameraId().value().equals("cam-02"))
                        && k.start().isBefore(dayStart.plus(Duration.ofHours(1)));
                if (!held && !k.start().plus(SEG).isAfter(cutoff)) expired.add(k);
            }
        }
        assertTrue(expired.size() > 250, "enough work to be killed in the middle of: " + expired.size());

        Random random = new Random(42);
        int killedMidRun = 0;
        for (int round = 0; round < ROUNDS; round++) {
            long t0 = System.nanoTime();
            Process child = new ProcessBuilder(javaBinary(), "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                    PurgeChild.class.getName(), dir.toString(), now.toString()).redirectErrorStream(true).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = out.readLine()) != null && !line.equals("READY")) {
                // skip start-up log lines
            }
            assertEquals("READY", line, "child did not start");
            // Kill inside the run: wait until the purge has visibly started destroying (a segment file
            // is gone), then a random few milliseconds more. A run with nothing left to do just finishes.
            long before = segmentFiles(dir);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (child.isAlive() && segmentFiles(dir) >= before && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            long delayMillis = random.nextInt(25);
            boolean finished = child.waitFor(delayMillis, TimeUnit.MILLISECONDS);
            if (!finished) {
                child.destroyForcibly(); // SIGKILL
                killedMidRun++;
            }
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
            out.close();
            System.out.printf("round %d: %s after %d ms (child ran %d ms)%n", round, finished ? "finished" : "killed",
                    delayMillis, (System.nanoTime() - t0) / 1_000_000);

            try (TestStore t = TestStore.create(dir, now)) {
                FsckReport check = t.store.fsck(false);
                if (!check.clean()) {
                    FsckReport repair = t.store.fsck(true);
                    assertTrue(repair.problems().stream().noneMatch(p -> p.action() != null && p.action().contains("intact")),
                            repair.problems().toString());
                    assertTrue(t.store.fsck(false).clean(), "repaired store is clean: " + t.store.fsck(false).problems());
                }
                for (SegmentKey k : all) {
                    if (expired.contains(k)) {
                        try {
                            assertArrayEquals(TestStore.content(k.cameraId(), k.start(), BYTES), t.store.segments().read(k));
                        } catch (SegmentNotFoundException erased) {
                            // erased by a killed run: fine
                        }
                    } else {
                        assertArrayEquals(TestStore.content(k.cameraId(), k.start(), BYTES), t.store.segments().read(k),
                                k + " is inside the window or held and must be intact after round " + round);
                    }
                }
            }
        }
        assertTrue(killedMidRun >= 2, "at least two rounds killed a run in progress: " + killedMidRun);

        try (TestStore t = TestStore.create(dir, now)) {
            PurgeDaemon purge = new PurgeDaemon(t.config(), t.store, t.meters, t.clock, () -> Long.MAX_VALUE);
            PurgeReport last = purge.runOnce();
            assertTrue(last.complete(), last.errors().toString());
            assertTrue(purge.plan().isEmpty(), "nothing left to do");
            for (SegmentKey k : all) {
                if (expired.contains(k)) {
                    assertThrows(SegmentNotFoundException.class, () -> t.store.segments().read(k));
                } else {
                    assertArrayEquals(TestStore.content(k.cameraId(), k.start(), BYTES), t.store.segments().read(k));
                }
            }
            assertTrue(t.store.table(VigilStore.META).get(PurgeJournal.KEY).isEmpty(), "journal cleared");
            assertTrue(t.store.ledger().verify().ok());
            List<LedgerEntry> destructions = t.store.ledger().search(e -> e.record().type().equals("destruction"), 1000);
            long recorded = destructions.stream().mapToLong(e -> Long.parseLong(e.record().details().get("segments"))).sum();
            assertEquals(expired.size(), recorded, "destruction entries add up to what was destroyed");
            Set<String> runIds = new HashSet<>();
            for (LedgerEntry e : destructions) assertTrue(runIds.add(e.record().details().get("runId")), "one entry per run");
            assertFalse(destructions.isEmpty());
            assertTrue(t.store.fsck(false).clean());
        }
    }

    /** Segment files currently on disk (the purge deletes a file after destroying its key). */
    static long segmentFiles(Path root) throws java.io.IOException {
        Path segments = root.resolve("data").resolve("segments");
        if (!java.nio.file.Files.exists(segments)) return 0;
        try (var files = java.nio.file.Files.walk(segments)) {
            return files.filter(f -> f.toString().endsWith(".vseg")).count();
        } catch (java.io.UncheckedIOException racedWithDelete) {
            return -1; // a directory vanished while walking: files are being deleted
        }
    }

    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
