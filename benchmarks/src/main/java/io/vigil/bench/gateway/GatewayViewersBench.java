package io.vigil.bench.gateway;

import io.vigil.bench.ProcessSampler;
import io.vigil.bench.BenchFiles;
import io.vigil.config.CameraId;
import io.vigil.gateway.AccessGateway;
import io.vigil.gateway.TestFootage;
import io.vigil.storage.format.BoxReader;
import io.vigil.storage.VigilStore;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
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
        byte[] template = TestFootage.segments().get(0);
        int initLen = BoxReader.initLength(template);
        long timescale = BoxReader.timescale(template, initLen);
        try (GatewayBenchSite site = GatewayBenchSite.open(work, CAMERAS)) {
            VigilStore store = site.store;
            List<CameraId> cams = site.cameras;
            Instant clipStart = Instant.now().minusSeconds(3600);
            Random random = new Random(7);
            for (CameraId cam : cams) {
                for (int i = 0; i < CLIP_SEGMENTS; i++) {
                    Instant s = clipStart.plusSeconds(2L * i);
                    store.segments().append(cam, s, s.plusSeconds(2), i, segment(template, initLen, timescale, i, random));
                }
            }
            try (AccessGateway gw = site.startGateway()) {
                GatewayBenchSite.Session session = site.login(gw);
                HttpClient http = session.http();
                String base = session.base(), cookie = session.cookie(), csrf = session.csrf();

                AtomicBoolean running = new AtomicBoolean(true);
                Instant recordStart = Instant.now();
                List<long[]> appendTimes = new ArrayList<>();
                List<Thread> recorders = new ArrayList<>();
                for (int c = 0; c < CAMERAS; c++) {
                    CameraId cam = cams.get(c);
                    long[] times = new long[RUN_SECONDS / 2 + 5];
                    appendTimes.add(times);
                    Thread t = new Thread(() -> {
                        Random r = new Random(cam.value().hashCode());
                        byte[] data = segment(template, initLen, timescale, 0, r);
                        for (int i = 0; running.get() && i < times.length; i++) {
                            Instant s = recordStart.plusSeconds(2L * i);
                            long due = s.plusSeconds(2).toEpochMilli();
                            long wait = due - System.currentTimeMillis();
                            if (wait > 0) sleepQuietly(wait); // a camera delivers a segment every 2 s
                            long t0 = System.nanoTime();
                            store.segments().append(cam, s, s.plusSeconds(2), 1_000_000 + i, data);
                            times[i] = System.nanoTime() - t0;
                        }
                    }, "recorder-" + cam);
                    recorders.add(t);
                }
                double[] mbPerSec = new double[CAMERAS];
                long[] longestWait = new long[CAMERAS];
                long[] startup = new long[CAMERAS];
                AtomicLong plays = new AtomicLong();
                AtomicLong stallCount = new AtomicLong();
                CountDownLatch viewersDone = new CountDownLatch(CAMERAS);
                List<Thread> viewers = new ArrayList<>();
                for (int c = 0; c < CAMERAS; c++) {
                    int idx = c;
                    CameraId cam = cams.get(c);
                    Thread v = new Thread(() -> {
                        try {
                            HttpResponse<String> g = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/grants"))
                                    .header("Cookie", cookie).header("X-CSRF-Token", csrf)
                                    .POST(HttpRequest.BodyPublishers.ofString("{\"cameras\":[\"" + cam + "\"],\"from\":\"" + clipStart
                                            + "\",\"to\":\"" + clipStart.plusSeconds(2L * CLIP_SEGMENTS) + "\",\"purpose\":\"facility-safety\",\"purposeText\":\"benchmark\"}")).build(),
                                    HttpResponse.BodyHandlers.ofString());
                            String grant = g.body().replaceAll(".*\"grantId\":\"([^\"]+)\".*", "$1");
                            long bytes = 0, maxGap = 0, began = System.nanoTime(), stalls = 0;
                            final long requested = began;
                            boolean playing = false;
                            final double rate = SEGMENT_BYTES / 2.0; // bytes per second of video (4 Mbit/s)
                            byte[] buf = new byte[1 << 16];
                            while (running.get()) {
                                HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/grants/" + grant
                                        + "/video.mp4?camera=" + cam)).header("Cookie", cookie).build(), HttpResponse.BodyHandlers.ofInputStream());
                                plays.incrementAndGet();
                                try (InputStream in = r.body()) {
                                    long last = System.nanoTime();
                                    int n;
                                    while ((n = in.read(buf)) > 0) {
                                        long now = System.nanoTime();
                                        maxGap = Math.max(maxGap, now - last);
                                        last = now;
                                        bytes += n;
                                        if (PACED && !playing && bytes >= 2 * rate) {
                                            // Like a player: playback starts once 2 s of video is buffered.
                                            playing = true;
                                            began = now - 2_000_000_000L;
                                            startup[idx] = now - requested;
                                        }
                                        if (PACED && playing) {
                                            double played = Math.max(0, (now - began) / 1e9 - 2.0) * rate;
                                            if (bytes < played) {
                                                stalls++;
                                                System.out.printf("stall: viewer %s at %.1f s of playback, %.0f ms of video short%n", cam,
                                                        (now - began) / 1e9, (played - bytes) / rate * 1000);
                                                began += (long) ((played - bytes) / rate * 1e9); // the player waits, then resumes
                                            }
                                            double ahead = (bytes - played) / rate;
                                            if (ahead > 10) sleepQuietly((long) ((ahead - 10) * 1000)); // buffer full: the player stops reading
                                        }
                                    }
                                }
                            }
                            mbPerSec[idx] = bytes / 1e6 / ((System.nanoTime() - began) / 1e9);
                            stallCount.addAndGet(stalls);
                            longestWait[idx] = maxGap;
                        } catch (Exception e) {
                            System.out.println("viewer " + cam + " failed: " + e);
                        } finally {
                            viewersDone.countDown();
                        }
                    }, "viewer-" + cam);
                    viewers.add(v);
                }
                recorders.forEach(Thread::start);
                viewers.forEach(Thread::start);
                sleepQuietly(RUN_SECONDS * 1000L);
                running.set(false);
                viewersDone.await();
                for (Thread t : recorders) t.join();

                Arrays.sort(mbPerSec);
                Arrays.sort(startup);
                if (PACED) {
                    System.out.printf("viewers start-up (first request, incl. TLS handshake, until 2 s of video is buffered): median %.0f ms, max %.0f ms%n",
                            startup[CAMERAS / 2] / 1e6, startup[CAMERAS - 1] / 1e6);
                }
                Arrays.sort(longestWait);
                long[] all = appendTimes.stream().flatMapToLong(Arrays::stream).filter(x -> x > 0).sorted().toArray();
                System.out.printf("viewers (%s): %d x %d s, %d playbacks; per-viewer throughput min %.2f MB/s, median %.2f MB/s (real time needs 0.52 MB/s); "
                                + "longest wait for data: median %.0f ms, max %.0f ms; playback stalls: %s%n",
                        PACED ? "paced like a player: 2 s start-up buffer, at most 10 s ahead" : "reading as fast as possible",
                        CAMERAS, RUN_SECONDS, plays.get(), mbPerSec[0], mbPerSec[CAMERAS / 2], longestWait[CAMERAS / 2] / 1e6, longestWait[CAMERAS - 1] / 1e6,
                        PACED ? Long.toString(stallCount.get()) : "n/a");
                System.out.printf("machine load average (1, 5, 15 min) at the end: %s%n", ProcessSampler.loadAverages());
                System.out.printf("recorders: %d appends of 1 MB; append latency p50 %.0f ms, p99 %.0f ms, max %.0f ms; appends slower than the 2 s period: %d%n",
                        all.length, all[all.length / 2] / 1e6, all[(int) Math.ceil(all.length * 0.99) - 1] / 1e6, all[all.length - 1] / 1e6,
                        Arrays.stream(all).filter(x -> x > 2_000_000_000L).count());
            }
        } finally {
            BenchFiles.deleteTree(work);
        }
    }

    /** The template's init and first moof, the moof's decode time set for position i, then an mdat of 1 MB. */
    static byte[] segment(byte[] template, int initLen, long timescale, int i, Random random) {
        List<BoxReader.Box> boxes = BoxReader.children(template, initLen, template.length);
        BoxReader.Box moof = BoxReader.find(boxes, "moof");
        byte[] out = new byte[initLen + moof.size() + 8 + SEGMENT_BYTES];
        System.arraycopy(template, 0, out, 0, initLen + moof.size());
        ByteBuffer.wrap(out, initLen + moof.size(), 8).putInt(8 + SEGMENT_BYTES).put("mdat".getBytes());
        byte[] payload = new byte[SEGMENT_BYTES];
        random.nextBytes(payload);
        System.arraycopy(payload, 0, out, initLen + moof.size() + 8, SEGMENT_BYTES);
        setDecodeTime(out, initLen, initLen + moof.size(), 2L * i * timescale);
        return out;
    }

    static void setDecodeTime(byte[] data, int from, int to, long value) {
        for (BoxReader.Box b : BoxReader.children(data, from, to)) {
            if (!b.type().equals("moof")) continue;
            for (BoxReader.Box traf : BoxReader.children(data, b.bodyOffset(), b.end())) {
                if (!traf.type().equals("traf")) continue;
                BoxReader.Box tfdt = BoxReader.find(BoxReader.children(data, traf.bodyOffset(), traf.end()), "tfdt");
                int p = tfdt.bodyOffset();
                if ((data[p] & 0xFF) == 1) ByteBuffer.wrap(data).putLong(p + 4, value);
                else ByteBuffer.wrap(data).putInt(p + 4, (int) value);
            }
        }
    }

    static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
