package io.vigil.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.config.CameraId;
import io.vigil.config.ConfigLoader;
import io.vigil.config.VigilConfig;
import io.vigil.storage.LedgerEntry;
import io.vigil.storage.SegmentInfo;
import io.vigil.storage.Span;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10: the ledger's vigil.start / vigil.stop entries and the start-up gap's reason,
 * after a real Vigil process killed with SIGKILL and after a clean stop.
 */
class StartStopLedgerTest {
    @TempDir Path dir;

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void anUncleanStopAndACleanOneAreLedgeredAndTheDowntimeGapHasItsReason() throws Exception {
        Instant killedAt = runAndKill();
        VigilConfig config = ConfigLoader.load(dir.resolve("vigil.yaml"));

        Instant lastSegmentEnd;
        Instant restart;
        Instant firstGapEnd;
        try (VigilServer server = VigilServer.start(config)) {
            List<LedgerEntry> runs = startsAndStops(server);
            assertEquals(List.of("vigil.start", "vigil.stop", "vigil.start"), types(runs));
            assertEquals("none", runs.get(0).record().details().get("previousStop"), "the very first start");
            LedgerEntry uncleanStop = runs.get(1);
            assertEquals("false", uncleanStop.record().details().get("clean"));
            assertEquals(runs.get(0).record().time().toString(), uncleanStop.record().details().get("previousStart"));
            LedgerEntry start = runs.get(2);
            assertEquals("unclean", start.record().details().get("previousStop"));
            assertTrue(start.record().details().get("note").contains("previous run did not stop cleanly"), start.toString());
            assertFalse(Instant.parse(start.record().details().get("lastEntry")).isAfter(killedAt), "the last sign of life precedes the kill");
            restart = start.record().time();

            List<SegmentInfo> segs = server.store().segments().list(CameraId.of("cam01"), Instant.EPOCH, killedAt.plusSeconds(60));
            assertTrue(segs.size() >= 2, "the killed run recorded " + segs.size() + " segments");
            lastSegmentEnd = segs.get(segs.size() - 1).end();
            Span downtime = downtimeGap(server, lastSegmentEnd.minusSeconds(1), restart);
            assertEquals(lastSegmentEnd, downtime.start(), "the gap starts where the footage of the killed run ends");
            assertTrue(downtime.end().isAfter(killedAt) && !downtime.end().isAfter(restart.plusSeconds(1)), downtime.toString());
            firstGapEnd = downtime.end();
            // Stored as a code the pages word in the reader's language (gap.reason.* of the web bundles).
            assertEquals("gap.reason.notRunningUnclean", io.vigil.storage.Reason.readable(downtime.gapReason()));
            assertTrue(server.store().ledger().verify().ok(), server.store().ledger().verify().problem());
        } // a clean stop

        try (VigilServer server = VigilServer.start(config)) {
            List<LedgerEntry> runs = startsAndStops(server);
            assertEquals(List.of("vigil.start", "vigil.stop", "vigil.start", "vigil.stop", "vigil.start"), types(runs));
            assertEquals("true", runs.get(3).record().details().get("clean"));
            assertEquals("clean", runs.get(4).record().details().get("previousStop"));
            assertEquals(null, runs.get(4).record().details().get("note"));
            Span downtime = downtimeGap(server, firstGapEnd, runs.get(4).record().time());
            assertEquals("gap.reason.notRunning", io.vigil.storage.Reason.readable(downtime.gapReason()));
            assertTrue(downtime.start().isAfter(restart), "the second gap starts after the first restart: " + downtime);
            assertFalse(downtime.start().isAfter(runs.get(3).record().time()), "and where the clean stop left the timeline: " + downtime);
            assertTrue(server.store().ledger().verify().ok(), server.store().ledger().verify().problem());
        }
    }

    /** Runs a real Vigil in a child JVM until it has recorded, then kills it with SIGKILL; returns the time of the kill. */
    private Instant runAndKill() throws Exception {
        Path javaBin = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(javaBin.toString(), "-cp", System.getProperty("java.class.path"),
                RunningServerChild.class.getName(), dir.toString())
                .redirectError(dir.resolve("child.log").toFile()).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String ready = out.readLine();
            assertEquals("ready", ready, "the child Vigil did not record: " + ready + "\n"
                    + java.nio.file.Files.readString(dir.resolve("child.log")));
            Instant killedAt = Instant.now();
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no vigil.stop, no RocksDB close
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the child did not die");
            return killedAt;
        } finally {
            child.destroyForcibly();
        }
    }

    private static List<LedgerEntry> startsAndStops(VigilServer server) {
        return server.store().ledger().search(e -> e.record().type().startsWith("vigil."), 100);
    }

    private static List<String> types(List<LedgerEntry> entries) {
        return entries.stream().map(e -> e.record().type()).toList();
    }

    /** The one gap with a "Vigil was not running" reason in [from, to + 1 s). */
    private static Span downtimeGap(VigilServer server, Instant from, Instant to) {
        List<Span> gaps = server.store().segments().timeline(CameraId.of("cam01"), from, to.plusSeconds(1)).stream()
                .filter(s -> !s.recorded() && s.gapReason() != null && s.gapReason().startsWith(DowntimeGaps.REASON)).toList();
        assertEquals(1, gaps.size(), "downtime gaps: " + gaps);
        return gaps.get(0);
    }
}
