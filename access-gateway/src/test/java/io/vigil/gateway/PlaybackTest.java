package io.vigil.gateway;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.config.CameraId;
import io.vigil.gateway.GatewayFixture.Login;
import io.vigil.storage.LedgerEntry;
import io.vigil.storage.SegmentInfo;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** video.mp4 over real HTTPS: ffprobe accepts it, Range works, the ledger entry precedes the first byte. */
class PlaybackTest extends SharedGatewayTest {

    @Test
    void wholeVideoPlaysInFfprobeWithEveryFrame() throws Exception {
        Login staff = f.login("staff");
        String grant = f.grant(staff, "cam-01");
        HttpResponse<byte[]> r = f.getBytes("/api/v1/grants/" + grant + "/video.mp4?camera=cam-01", staff);
        assertEquals(200, r.statusCode(), () -> new String(r.body()));
        assertEquals("video/mp4", r.headers().firstValue("Content-Type").orElse(""));
        assertEquals("bytes", r.headers().firstValue("Accept-Ranges").orElse(""));
        assertEquals(Long.toString(r.body().length), r.headers().firstValue("Content-Length").orElse(""));
        assertEquals(GatewayFixture.T0.toString(), r.headers().firstValue("X-Vigil-Footage-Start").orElse(""));
        Path mp4 = dir.resolve("whole.mp4");
        Files.write(mp4, r.body());
        assertEquals(TestFootage.SEGMENTS * TestFootage.FRAMES_PER_SEGMENT, TestFootage.ffprobeFrameCount(mp4));
        assertEquals("", TestFootage.ffprobeErrors(mp4));
    }

    @Test
    void rangeRequestsReturnExactlyThoseBytes() throws Exception {
        Login staff = f.login("staff");
        String grant = f.grant(staff, "cam-01");
        String path = "/api/v1/grants/" + grant + "/video.mp4?camera=cam-01";
        byte[] whole = f.getBytes(path, staff).body();

        HttpResponse<byte[]> mid = f.getBytes(path, staff, "Range", "bytes=1000-99999");
        assertEquals(206, mid.statusCode());
        assertEquals("bytes 1000-99999/" + whole.length, mid.headers().firstValue("Content-Range").orElse(""));
        assertArrayEquals(Arrays.copyOfRange(whole, 1000, 100000), mid.body());

        HttpResponse<byte[]> open = f.getBytes(path, staff, "Range", "bytes=" + (whole.length - 500) + "-");
        assertEquals(206, open.statusCode());
        assertArrayEquals(Arrays.copyOfRange(whole, whole.length - 500, whole.length), open.body());

        HttpResponse<byte[]> suffix = f.getBytes(path, staff, "Range", "bytes=-100");
        assertArrayEquals(Arrays.copyOfRange(whole, whole.length - 100, whole.length), suffix.body());

        HttpResponse<byte[]> bad = f.getBytes(path, staff, "Range", "bytes=" + whole.length + "-");
        assertEquals(416, bad.statusCode());
        assertEquals("bytes */" + whole.length, bad.headers().firstValue("Content-Range").orElse(""));

        // Several range requests of one playback write one view.start, not one per request.
        long starts = f.store.ledger().search(e -> e.record().type().equals("view.start")
                && grant.equals(e.record().details().get("grantId")), 100).size();
        assertEquals(1, starts);
    }

    @Test
    void viewStartIsInTheLedgerWhenTheFirstByteArrives() throws Exception {
        Login staff = f.login("staff");
        String grant = f.grant(staff, "cam-02");
        HttpRequest req = HttpRequest.newBuilder(f.uri("/api/v1/grants/" + grant + "/video.mp4?camera=cam-02"))
                .header("Cookie", staff.cookie()).timeout(Duration.ofSeconds(30)).build();
        HttpResponse<InputStream> r = f.http.send(req, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = r.body()) {
            int first = in.read();
            assertTrue(first >= 0, "a first byte arrives");
            List<LedgerEntry> starts = f.store.ledger().search(e -> e.record().type().equals("view.start")
                    && grant.equals(e.record().details().get("grantId")), 10);
            assertEquals(1, starts.size(), "view.start was durable before the first byte");
            LedgerEntry e = starts.get(0);
            assertEquals("staff", e.record().actor());
            assertEquals("cam-02", e.record().cameraIds());
            assertEquals(GatewayFixture.T0, e.record().footageFrom());
            assertTrue(e.record().purpose().startsWith("crime-prevention: "));
            assertEquals("127.0.0.1", e.record().details().get("client"));
            in.readAllBytes();
        }
        HttpResponse<String> end = f.post("/api/v1/grants/" + grant + "/end", "{}", staff);
        assertEquals(200, end.statusCode(), end.body());
        assertEquals(1, f.store.ledger().search(e -> e.record().type().equals("view.end")
                && grant.equals(e.record().details().get("grantId")), 10).size());
    }

    @Test
    void segmentErasedByThePurgeLeavesAGapInTheVideo() throws Exception {
        Login staff = f.login("staff");
        String grant = f.grant(staff, "cam-02");
        String path = "/api/v1/grants/" + grant + "/video.mp4?camera=cam-02";
        byte[] whole = f.getBytes(path, staff).body();
        List<SegmentInfo> segs = f.store.segments().list(CameraId.of("cam-02"), GatewayFixture.T0, GatewayFixture.T0.plusSeconds(60));
        int storedInit = initLength(f.store.segments().read(segs.get(0).key()));
        // The purge erases the fourth segment between two playbacks (or while one is paused).
        f.store.segments().eraseSegment(segs.get(3).key());
        HttpResponse<byte[]> r = f.getBytes(path, staff);
        assertEquals(200, r.statusCode());
        assertEquals(whole.length - (segs.get(3).plaintextBytes() - storedInit), r.body().length,
                "the length follows the index (segment gone from it)");
        Path mp4 = dir.resolve("after-erase.mp4");
        Files.write(mp4, r.body());
        // The footage on both sides of the erased segment plays; ffprobe sees a well-formed file.
        int frames = TestFootage.ffprobeFrameCount(mp4);
        assertEquals(4 * TestFootage.FRAMES_PER_SEGMENT, frames);
        HttpResponse<byte[]> again = f.getBytes(path, staff, "Range", "bytes=0-");
        assertEquals(206, again.statusCode());
    }

    /** Issue 12's activity line: each bucket's peak and its footage time, inside the grant only, as part of the viewing. */
    @Test
    void activityLineGivesEachBucketsPeakInsideTheGrantAndIsPartOfTheViewing() throws Exception {
        List<SegmentInfo> segs = f.store.segments().list(CameraId.of("cam-01"), GatewayFixture.T0, GatewayFixture.T0.plusSeconds(60));
        int[] change = {-1, 40, 900, 120, 30}; // the first keyframe has nothing before it to compare with
        for (int i = 1; i < change.length; i++) f.store.segments().recordActivity(segs.get(i).key(), change[i]);
        Login staff = f.login("staff");
        String grant = f.grant(staff, "cam-01");
        String path = "/api/v1/grants/" + grant + "/activity?camera=cam-01&from=" + GatewayFixture.T0 + "&to="
                + GatewayFixture.T0.plusSeconds(10);
        HttpResponse<String> r = f.get(path + "&buckets=2", staff);
        assertEquals(200, r.statusCode(), r.body());
        com.fasterxml.jackson.databind.JsonNode body = GatewayFixture.json(r);
        assertEquals(5000, body.get("bucketMillis").asLong());
        assertEquals(4, body.get("samples").asInt());
        assertEquals(2, body.get("buckets").size());
        assertEquals(900, body.get("buckets").get(0).get("max").asInt());
        assertEquals(segs.get(2).start().toString(), body.get("buckets").get(0).get("at").asText(), "the peak's footage time");
        assertEquals(120, body.get("buckets").get(1).get("max").asInt());
        assertEquals(segs.get(3).start().toString(), body.get("buckets").get(1).get("at").asText());
        assertEquals(200, f.get(path, staff).statusCode(), "default bucket count");
        assertEquals(1, f.store.ledger().search(e -> e.record().type().equals("view.start")
                && grant.equals(e.record().details().get("grantId")), 10).size(), "one view.start for the viewing, not one per read");

        HttpResponse<String> bad = f.get(path + "&buckets=0", staff);
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("buckets"), bad.body());
        HttpResponse<String> outside = f.get("/api/v1/grants/" + grant + "/activity?camera=cam-01&from="
                + GatewayFixture.T0.minusSeconds(600) + "&to=" + GatewayFixture.T0, staff);
        assertEquals(403, outside.statusCode(), "activity before the granted range is refused");
    }

    private static int initLength(byte[] mp4) {
        return io.vigil.storage.format.BoxReader.initLength(mp4);
    }
}
