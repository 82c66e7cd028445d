package io.vigil.bench.gateway;

import io.vigil.bench.BenchFiles;
import io.vigil.bench.ProcessSampler;
import io.vigil.config.CameraId;
import io.vigil.gateway.AccessGateway;
import io.vigil.storage.VigilStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Benchmark {@code ./bench gateway-viewers [flat|paced] [WORKDIR]}: 16 viewers stream 4 Mbit/s footage
 * through the gateway as fast as they can read, for a minute, while 16 simulated cameras
 * append a 1 MB (2 s at 4 Mbit/s) encrypted segment each every 2 seconds through the
 * store's normal durable append (what ingest does). Reports each viewer's throughput
 * against the 0.5 MB/s real-time need and its longest wait for data, and the recorders'
 * append latency (an append slower than the 2 s segment period would make a recorder fall
 * behind, i.e. lose frames). With {@code paced} the viewers read like a
 * player instead (start after 2 s of buffer, keep at most 10 s ahead) and every time the
 * buffer runs dry after playback started is counted as a stall; the start-up time (until
 * 2 s of video is buffered, TLS handshake included) is reported separately.
 */
public final class GatewayViewersBench {
    static final int CAMERAS = 16, CLIP_SEGMENTS = 20, SEGMENT_BYTES = 1 << 20, RUN_SECONDS = 60;
    /** "paced": viewers read like a player (real time, bounded buffer) instead of flat out. */
    static boolean PACED;

    private GatewayViewersBench() {}

    /** Arguments: [flat|paced, default flat] [work directory, deleted afterwards; default /tmp/vigil-gateway-viewers-bench]. */
    public static void main(String[] args) throws Exception {
        if (args.length > 0 && !args[0].equals("flat") && !args[0].equals("paced")) {
            throw new IllegalArgumentException("gateway-viewers: first argument is flat or paced, not " + args[0]);
        }
        PACED = args.length > 0 && args[0].equals("paced");
        sixteenViewersWhileSixteenCamerasRecord(Path.of(args.length > 1 ? args[1] : "/tmp/vigil-gateway-viewers-bench"));
    }

    static void sixteenViewersWhileSixteenCamerasRecord(Path work) throws Exception {
        System.out.printf("Vigil gateway viewers-while-recording benchmark, %s, %d cores, Java %s%n", Instant.now(),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        SyntheticSegments segments = SyntheticSegments.fromTestFootage();
        try (GatewayBenchSite site = GatewayBenchSite.open(work, CAMERAS)) {
            Instant clipStart = appendClips(site.store, site.cameras, segments);
            try (AccessGateway gw = site.startGateway()) {
                GatewayBenchSite.Session session = site.login(gw);
                AtomicBoolean running = new AtomicBoolean(true);
                AtomicLong plays = new AtomicLong();
                BenchRecorders recorders = new BenchRecorders(site.store, site.cameras, segments, running);
                List<BenchViewer> viewers = new ArrayList<>();
                List<Thread> viewerThreads = new ArrayList<>();
                for (CameraId cam : site.cameras) {
                    BenchViewer viewer = new BenchViewer(session, cam, clipStart, PACED, running, plays);
                    viewers.add(viewer);
                    viewerThreads.add(new Thread(viewer, "viewer-" + cam));
                }
                recorders.start();
                viewerThreads.forEach(Thread::start);
                sleepQuietly(RUN_SECONDS * 1000L);
                running.set(false);
                for (Thread v : viewerThreads) v.join();
                recorders.join();
                report(viewers, plays.get(), recorders.sortedAppendNanos());
            }
        } finally {
            BenchFiles.deleteTree(work);
        }
    }

    /** The clip the viewers play: {@link #CLIP_SEGMENTS} segments per camera, an hour ago; returns its start. */
    private static Instant appendClips(VigilStore store, List<CameraId> cams, SyntheticSegments segments) throws Exception {
        Instant clipStart = Instant.now().minusSeconds(3600);
        Random random = new Random(7);
        for (CameraId cam : cams) {
            for (int i = 0; i < CLIP_SEGMENTS; i++) {
                Instant s = clipStart.plusSeconds(2L * i);
                store.segments().append(cam, s, s.plusSeconds(2), i, segments.segment(i, random));
            }
        }
        return clipStart;
    }

    /** The viewers' throughput, waits, start-up and stalls, the machine's load, the recorders' append latency. */
    private static void report(List<BenchViewer> viewers, long plays, long[] all) {
        double[] mbPerSec = viewers.stream().mapToDouble(v -> v.mbPerSec).sorted().toArray();
        long[] startup = viewers.stream().mapToLong(v -> v.startup).sorted().toArray();
        long[] longestWait = viewers.stream().mapToLong(v -> v.longestWait).sorted().toArray();
        long stalls = viewers.stream().mapToLong(v -> v.stallCount).sum();
        if (PACED) {
            System.out.printf("viewers start-up (first request, incl. TLS handshake, until 2 s of video is buffered): median %.0f ms, max %.0f ms%n",
                    startup[CAMERAS / 2] / 1e6, startup[CAMERAS - 1] / 1e6);
        }
        System.out.printf("viewers (%s): %d x %d s, %d playbacks; per-viewer throughput min %.2f MB/s, median %.2f MB/s (real time needs 0.52 MB/s); "
                        + "longest wait for data: median %.0f ms, max %.0f ms; playback stalls: %s%n",
                PACED ? "paced like a player: 2 s start-up buffer, at most 10 s ahead" : "reading as fast as possible",
                CAMERAS, RUN_SECONDS, plays, mbPerSec[0], mbPerSec[CAMERAS / 2], longestWait[CAMERAS / 2] / 1e6, longestWait[CAMERAS - 1] / 1e6,
                PACED ? Long.toString(stalls) : "n/a");
        System.out.printf("machine load average (1, 5, 15 min) at the end: %s%n", ProcessSampler.loadAverages());
        System.out.printf("recorders: %d appends of 1 MB; append latency p50 %.0f ms, p99 %.0f ms, max %.0f ms; appends slower than the 2 s period: %d%n",
                all.length, all[all.length / 2] / 1e6, all[(int) Math.ceil(all.length * 0.99) - 1] / 1e6, all[all.length - 1] / 1e6,
                Arrays.stream(all).filter(x -> x > 2_000_000_000L).count());
    }

    static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
