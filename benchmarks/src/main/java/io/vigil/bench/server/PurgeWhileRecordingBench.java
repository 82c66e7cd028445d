package io.vigil.bench.server;

import io.vigil.bench.BenchFiles;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vigil.config.CameraId;
import io.vigil.config.VigilConfig;
import io.vigil.purge.PurgeDaemon;
import io.vigil.purge.PurgeReport;
import io.vigil.server.VigilServer;
import io.vigil.server.SimulatedSiteConfig;
import io.vigil.server.sim.CameraSimHost;
import io.vigil.storage.VigilStore;
import io.vigil.storage.segments.BenchSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Issue 5's load case with the real parts: a whole Vigil server records 16 simulated 4 Mbit/s
 * cameras over RTSP while the expired day of all 16 cameras (16 × 43,200 two-second segments,
 * with a 1 KiB file each) is purged. Compares ingest during the purge with an equally long
 * window just before it: frames and packets lost, segments dropped or failed, and the mean
 * segment-durable latency.
 *
 * <p>Run {@code ./bench purge-while-recording}; the report also goes to
 * {@code benchmarks/target/purge-bench.txt}.
 */
public final class PurgeWhileRecordingBench {
    static final int CAMERAS = 16;

    private PurgeWhileRecordingBench() {}

    public static void main(String[] args) throws Exception {
        BenchFiles.inTempDir(PurgeWhileRecordingBench::expiredDayOfSixteenCamerasPurgedWhileTheyRecord);
    }

    static void expiredDayOfSixteenCamerasPurgedWhileTheyRecord(Path dir) throws Exception {
        StringBuilder report = new StringBuilder();
        try (CameraSimHost sim = BenchServers.cameras(CAMERAS)) {
            VigilConfig config = SimulatedSiteConfig.write(dir, sim, "retention: {purgeInterval: 24h, minFreeSpace: 0}\n");
            try (VigilServer server = VigilServer.start(config)) {
                VigilStore store = server.store();
                LocalDate expiredDay = LocalDate.now(ZoneOffset.UTC).minusDays(16);
                long fillStart = System.nanoTime();
                int rows = 0;
                Random random = new Random(7);
                for (CameraId cam : config.cameraIds()) rows += BenchSupport.fillDay(store.segments(), cam, expiredDay, 2000, random, 1024);
                BenchSupport.flushAll(store.segments());
                report.append(String.format("filled %,d expired segments with 1 KiB files (%s) in %.1f s while recording%n", rows, expiredDay,
                        (System.nanoTime() - fillStart) / 1e9));

                // Settle, then a baseline window as long as the purge will take.
                Thread.sleep(20_000); // real time must pass for ingest to settle after the fill; not synchronisation
                PrometheusMeterRegistry m = server.meters();
                Snapshot s0 = Snapshot.of(m);
                PurgeDaemon purge = new PurgeDaemon(config, store, new SimpleMeterRegistry(), Clock.systemUTC());
                long t0 = System.nanoTime();
                PurgeReport r = purge.runOnce();
                double purgeSeconds = (System.nanoTime() - t0) / 1e9;
                Snapshot s1 = Snapshot.of(m);
                // The baseline: the same length of time, right after (footage keeps being recorded).
                Thread.sleep((long) (purgeSeconds * 1000)); // an equally long window of plain recording
                Snapshot s2 = Snapshot.of(m);

                report.append(String.format("purge: %,d segments, %.0f MB, %d camera-day(s) erased in %.1f s, complete=%s%n",
                        r.segmentsErased(), r.bytesErased() / 1e6, r.daysErased(), purgeSeconds, r.complete()));
                report.append("during the purge:  ").append(s1.minus(s0)).append('\n');
                report.append("plain recording:   ").append(s2.minus(s1)).append('\n');
                report.append("load: ").append(Files.readString(Path.of("/proc/loadavg")).trim()).append('\n');
            }
        }
        System.out.print(report);
        Files.writeString(Path.of("target", "purge-bench.txt"), report.toString(),
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
    }

    /** Cumulative ingest meters at one instant. */
    record Snapshot(long nanos, double frames, double framesLost, double packetsLost, double dropped, double failed,
                    long latencyCount, double latencyTotalMs) {
        static Snapshot of(PrometheusMeterRegistry m) {
            long count = 0;
            double total = 0;
            for (Timer t : m.find("vigil.ingest.segment.durable.latency").timers()) {
                count += t.count();
                total += t.totalTime(TimeUnit.MILLISECONDS);
            }
            return new Snapshot(System.nanoTime(), BenchServers.sum(m, "vigil.ingest.frames"), BenchServers.sum(m, "vigil.ingest.frames.lost"),
                    BenchServers.sum(m, "vigil.ingest.packets.lost"), BenchServers.sum(m, "vigil.ingest.segments.dropped"),
                    BenchServers.sum(m, "vigil.ingest.segments.failed"), count, total);
        }

        String minus(Snapshot b) {
            double secs = (nanos - b.nanos) / 1e9;
            long n = latencyCount - b.latencyCount;
            return String.format("%.1f s: frames %.0f (%.0f expected at 25 fps), frames lost %.0f, packets lost %.0f, "
                            + "segments dropped %.0f, failed %.0f, %d segments stored, mean durable latency %.0f ms",
                    secs, frames - b.frames, CAMERAS * 25 * secs, framesLost - b.framesLost, packetsLost - b.packetsLost,
                    dropped - b.dropped, failed - b.failed, n, n == 0 ? 0 : (latencyTotalMs - b.latencyTotalMs) / n);
        }
    }
}
