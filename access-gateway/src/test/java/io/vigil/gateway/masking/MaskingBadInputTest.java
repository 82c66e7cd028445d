package io.vigil.gateway.masking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.config.CameraId;
import io.vigil.gateway.GatewayFixture;
import io.vigil.gateway.TestFootage;
import io.vigil.storage.SegmentStore;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input through the gateway's masking API, over the real store: a window with no
 * footage, a mark outside the picture, a camera whose resolution changes inside the window,
 * a corrupt stored segment. Each ends the job as failed with the bundle key of its kind
 * (the page shows it in Korean or English) and the module's sentence naming the problem;
 * nothing can be released and no sealed file is left in {@code <dataDir>/masking}.
 */
class MaskingBadInputTest extends MaskingApiTestBase {
    @Override
    void record(SegmentStore segments) throws Exception {
        Instant t0 = GatewayFixture.T0;
        // cam-03: a 320x240 segment, then the same camera at 160x120; later, a segment of garbage.
        segments.append(CameraId.of("cam-03"), t0, t0.plusSeconds(2), 0, TestFootage.segments().get(0));
        segments.append(CameraId.of("cam-03"), t0.plusSeconds(2), t0.plusSeconds(4), 1, TestFootage.segments("160x120").get(1));
        byte[] garbage = new byte[40_000];
        new Random(7).nextBytes(garbage);
        segments.append(CameraId.of("cam-03"), t0.plusSeconds(20), t0.plusSeconds(22), 2, garbage);
    }

    /** Each bad input: camera, window [T0+from, T0+to), mark time T0+markAt and box; the job's bundle key and a piece of its sentence. */
    static Stream<Arguments> badInputs() {
        return Stream.of(
                Arguments.of("a window with no footage", "cam-03", 40, 42, 40, "{\"x\":10,\"y\":10,\"w\":60,\"h\":60}",
                        "masking.error.no-footage", "has no footage"),
                Arguments.of("a mark outside the picture", "cam-01", 0, 2, 0, "{\"x\":300,\"y\":200,\"w\":100,\"h\":100}",
                        "masking.error.bad-mark", "is not a box of at least 8x8 px inside the 320x240 frame"),
                Arguments.of("a resolution change inside the window", "cam-03", 0, 4, 0, "{\"x\":10,\"y\":10,\"w\":60,\"h\":60}",
                        "masking.error.resolution-change", "changes resolution inside the window: 320x240"),
                Arguments.of("a corrupt segment", "cam-03", 20, 22, 20, "{\"x\":10,\"y\":10,\"w\":60,\"h\":60}",
                        "masking.error.corrupt-segment", "it may be corrupt"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void endsTheJobAsFailedAndReleasesNothing(String input, String camera, int from, int to, int markAt, String box, String key,
                                              String detail) throws Exception {
        assertFailed(runUntilDone(camera, from, to, markAt, box), key, detail);
    }

    @Test
    void aMarkOutsideTheWindowIsRefusedAtOnce() throws Exception {
        String n = m.approvedViewing("cam-01", 0, 2);
        HttpResponse<String> r = m.run(MaskingFixture.base(n, "cam-01"), 5, "{\"x\":10,\"y\":10,\"w\":60,\"h\":60}");
        assertEquals(422, r.statusCode(), r.body());
        assertTrue(r.body().contains("lies outside the window"), r.body());
        HttpResponse<String> frame = f.get("/api/v1/requests/" + n + "/masking/cam-01/frame?at=" + GatewayFixture.T0.plusSeconds(5), manager);
        assertEquals(400, frame.statusCode(), frame.body());
        assertTrue(frame.body().contains("masking.refused.outside-window"), frame.body());
    }

    private void assertFailed(JsonNode s, String key, String detail) throws Exception {
        assertEquals("failed", s.get("state").asText(), s.toString());
        assertEquals(key, s.get("error").get("key").asText(), s.toString());
        assertTrue(s.get("error").get("message").asText().contains(detail), s.toString());
        assertTrue(s.get("error").get("message").asText().contains("Nothing was released"), s.toString());
        assertTrue(s.get("preview").isNull(), s.toString());
        String base = "/api/v1/requests/" + s.get("request").asText() + "/masking/" + s.get("camera").asText();
        HttpResponse<String> release = f.post(base + "/release", "{}", manager);
        assertEquals(409, release.statusCode(), release.body());
        assertEquals(404, f.get(base + "/copy", manager).statusCode());
        try (Stream<Path> left = Files.list(f.store.dataDir().resolve("masking"))) {
            assertEquals(List.of(), left.toList(), "no sealed file left behind");
        }
    }

    /** Registers and approves a viewing of {@code camera} over [T0+from, T0+to), runs the masking, polls until it ends. */
    private JsonNode runUntilDone(String camera, int from, int to, int markAt, String box) throws Exception {
        String base = MaskingFixture.base(m.approvedViewing(camera, from, to), camera);
        HttpResponse<String> run = m.run(base, markAt, box);
        assertEquals(202, run.statusCode(), run.body());
        return m.waitUntilDone(base);
    }
}
