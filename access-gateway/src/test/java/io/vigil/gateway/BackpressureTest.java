package io.vigil.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.config.CameraId;
import io.vigil.gateway.GatewayFixture.Login;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Viewers that stop reading (paused players) must not hold the server's worker threads:
 * the stream is pulled only while the socket is writable. With more stalled streams than
 * workers, other requests are still answered.
 */
class BackpressureTest {
    @TempDir
    Path dir;

    @Test
    void stalledViewersDoNotBlockOtherRequests() throws Exception {
        try (GatewayFixture f = new GatewayFixture(dir)) {
            // 80 s of footage (40 segments, ~1.7 MB) for cam-02, after the fixture's own.
            Instant start = GatewayFixture.T0.plusSeconds(600);
            var segs = TestFootage.segments();
            for (int i = 0; i < 40; i++) {
                Instant s = start.plusSeconds(2L * i);
                f.store.segments().append(CameraId.of("cam-02"), s, s.plusSeconds(2), 1000 + i, segs.get(i % segs.size()));
            }
            Login staff = f.login("staff");
            HttpResponse<String> g = f.post("/api/v1/grants", GatewayFixture.grantBody(start, start.plusSeconds(80), "cam-02"), staff);
            assertEquals(201, g.statusCode(), g.body());
            String grant = GatewayFixture.json(g).get("grantId").asText();
            List<InputStream> stalled = new ArrayList<>();
            try {
                for (int i = 0; i < 24; i++) { // more than the 16 workers
                    HttpResponse<InputStream> r = f.http.send(HttpRequest.newBuilder(f.uri("/api/v1/grants/" + grant + "/video.mp4?camera=cam-02"))
                            .header("Cookie", staff.cookie()).timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofInputStream());
                    assertEquals(200, r.statusCode());
                    InputStream in = r.body();
                    assertTrue(in.read() >= 0);
                    stalled.add(in); // and never read again
                }
                long t0 = System.nanoTime();
                HttpResponse<String> me = f.get("/api/v1/me", staff);
                assertEquals(200, me.statusCode());
                assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(5).toNanos(), "answered while 24 viewers are stalled");
                assertTrue(f.meters.counter("vigil.gateway.stream.pauses").count() > 0, "the server paused streams for slow readers");
                double queued = f.meters.get("vigil.gateway.worker.queue").gauge().value();
                assertEquals(0.0, queued, "no request waits for a worker");
            } finally {
                for (InputStream in : stalled) in.close();
            }
            // A stalled viewer that resumes gets the rest of the video.
            HttpResponse<byte[]> whole = f.getBytes("/api/v1/grants/" + grant + "/video.mp4?camera=cam-02", staff);
            assertEquals(200, whole.statusCode());
            assertEquals(Long.parseLong(whole.headers().firstValue("Content-Length").orElseThrow()), whole.body().length);
            assertTrue(whole.body().length > 1_500_000, "longer than the channel's 1 MiB high-water mark: " + whole.body().length);
        }
    }
}
