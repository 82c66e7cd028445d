package io.vigil.bench.gateway;

import io.vigil.config.CameraId;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One viewer of the gateway-viewers benchmark: a grant over the clip of its camera, then the
 * clip played again and again while {@code running}, read flat out or, when {@code paced},
 * like a player (start after 2 s of buffer, at most 10 s ahead, a stall counted whenever the
 * buffer runs dry after playback started). Its figures are read after its thread ends.
 */
final class BenchViewer implements Runnable {
    /** Bytes per second of video (4 Mbit/s): a 1 MB segment every 2 s. */
    private static final double RATE = GatewayViewersBench.SEGMENT_BYTES / 2.0;

    private final GatewayBenchSite.Session session;
    private final CameraId cam;
    private final Instant clipStart;
    private final boolean paced;
    private final AtomicBoolean running;
    private final AtomicLong plays;

    private long bytes, maxGap, began, requested, stalls;
    private boolean playing;
    /** Results: throughput (MB/s), longest wait for data (ns), time to 2 s of buffer (ns, paced only), stalls. */
    double mbPerSec;
    long longestWait, startup, stallCount;

    BenchViewer(GatewayBenchSite.Session session, CameraId cam, Instant clipStart, boolean paced, AtomicBoolean running, AtomicLong plays) {
        this.session = session;
        this.cam = cam;
        this.clipStart = clipStart;
        this.paced = paced;
        this.running = running;
        this.plays = plays;
    }

    @Override
    public void run() {
        try {
            String grant = grant();
            began = System.nanoTime();
            requested = began;
            byte[] buf = new byte[1 << 16];
            while (running.get()) {
                HttpResponse<InputStream> r = session.http().send(HttpRequest.newBuilder(URI.create(session.base() + "/api/v1/grants/" + grant
                        + "/video.mp4?camera=" + cam)).header("Cookie", session.cookie()).build(), HttpResponse.BodyHandlers.ofInputStream());
                plays.incrementAndGet();
                try (InputStream in = r.body()) {
                    read(in, buf);
                }
            }
            mbPerSec = bytes / 1e6 / ((System.nanoTime() - began) / 1e9);
            stallCount = stalls;
            longestWait = maxGap;
        } catch (Exception e) {
            System.out.println("viewer " + cam + " failed: " + e);
        }
    }

    /** A viewing grant over the whole clip of the camera. */
    private String grant() throws Exception {
        HttpResponse<String> g = session.http().send(session.request("/api/v1/grants")
                .POST(HttpRequest.BodyPublishers.ofString("{\"cameras\":[\"" + cam + "\"],\"from\":\"" + clipStart
                        + "\",\"to\":\"" + clipStart.plusSeconds(2L * GatewayViewersBench.CLIP_SEGMENTS)
                        + "\",\"purpose\":\"facility-safety\",\"purposeText\":\"benchmark\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        return g.body().replaceAll(".*\"grantId\":\"([^\"]+)\".*", "$1");
    }

    /** Reads one playback to its end, keeping the longest wait between reads and, when paced, the player's buffer. */
    private void read(InputStream in, byte[] buf) throws IOException {
        long last = System.nanoTime();
        int n;
        while ((n = in.read(buf)) > 0) {
            long now = System.nanoTime();
            maxGap = Math.max(maxGap, now - last);
            last = now;
            bytes += n;
            if (paced) playLikeAPlayer(now);
        }
    }

    private void playLikeAPlayer(long now) {
        if (!playing && bytes >= 2 * RATE) {
            // Like a player: playback starts once 2 s of video is buffered.
            playing = true;
            began = now - 2_000_000_000L;
            startup = now - requested;
        }
        if (playing) {
            double played = Math.max(0, (now - began) / 1e9 - 2.0) * RATE;
            if (bytes < played) {
                stalls++;
                System.out.printf("stall: viewer %s at %.1f s of playback, %.0f ms of video short%n", cam,
                        (now - began) / 1e9, (played - bytes) / RATE * 1000);
                began += (long) ((played - bytes) / RATE * 1e9); // the player waits, then resumes
            }
            double ahead = (bytes - played) / RATE;
            if (ahead > 10) GatewayViewersBench.sleepQuietly((long) ((ahead - 10) * 1000)); // buffer full: the player stops reading
        }
    }
}
