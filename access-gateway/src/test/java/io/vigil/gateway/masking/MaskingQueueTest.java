package io.vigil.gateway.masking;

import static io.vigil.gateway.masking.MaskingFixture.base;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.config.CameraId;
import io.vigil.gateway.GatewayFixture;
import io.vigil.gateway.TestFootage;
import io.vigil.storage.LedgerEntry;
import io.vigil.storage.SegmentStore;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The masking jobs' line through the API over the real store: one job runs at a time, a
 * second waits with its place shown; cancelling the waiting one takes it out of the line,
 * cancelling the running one stops it (its partial output deleted, nothing to review); each
 * cancel is ledgered with who and what the job had read; then the line moves on.
 */
class MaskingQueueTest extends MaskingApiTestBase {
    /** A minute of footage on cam-02 after the fixture's ten seconds: a job long enough to be caught running. */
    private static final int LONG_FROM = 20, LONG_TO = 80;

    @Override
    void record(SegmentStore segments) throws Exception {
        List<byte[]> segs = TestFootage.segments();
        Instant t0 = GatewayFixture.T0;
        for (int i = 0; i < (LONG_TO - LONG_FROM) / TestFootage.SEGMENT_SECONDS; i++) {
            Instant s = t0.plusSeconds(LONG_FROM + (long) i * TestFootage.SEGMENT_SECONDS);
            segments.append(CameraId.of("cam-02"), s, s.plusSeconds(TestFootage.SEGMENT_SECONDS), 100 + i, segs.get(i % segs.size()));
        }
    }

    @Test
    void oneJobAtATimeTheOthersWaitInLineAndEitherCanBeCancelled() throws Exception {
        String running = base(m.approvedViewing("cam-02", LONG_FROM, LONG_TO), "cam-02");
        String waiting = base(m.approvedViewing("cam-01", 0, 2), "cam-01");
        assertEquals(202, m.run(running, LONG_FROM).statusCode());
        JsonNode second = GatewayFixture.json(m.run(waiting, 0));
        assertEquals("queued", second.get("state").asText(), second.toString());
        assertTrue(second.get("queuePosition").asInt() >= 1, "its place in the line is shown: " + second);
        JsonNode first = m.waitFor(running, s -> s.get("state").asText().equals("running"));
        assertEquals(0, first.get("queuePosition").asInt(), first.toString());
        JsonNode queued = GatewayFixture.json(f.get(waiting, manager));
        assertEquals("queued", queued.get("state").asText(), "waits while the other job runs: " + queued);
        assertEquals(1, queued.get("queuePosition").asInt(), "next in line: " + queued);

        // The waiting job leaves the line.
        JsonNode c1 = GatewayFixture.json(f.post(waiting + "/cancel", "{}", manager));
        assertEquals("cancelled", c1.get("state").asText(), c1.toString());
        assertEquals(0, c1.get("queuePosition").asInt(), c1.toString());
        assertEquals("manager", c1.get("cancelledBy").asText(), c1.toString());

        // The running job stops at its next frame: nothing to review, no partial file left.
        HttpResponse<String> c2 = f.post(running + "/cancel", "{}", manager);
        assertEquals(200, c2.statusCode(), c2.body());
        assertEquals("manager", GatewayFixture.json(c2).get("cancelledBy").asText(), "the cancel reached the running job: " + c2.body());
        JsonNode stopped = m.waitFor(running, s -> !s.get("state").asText().equals("running"));
        assertEquals("cancelled", stopped.get("state").asText(), stopped.toString());
        assertTrue(stopped.get("preview").isNull(), stopped.toString());
        assertTrue(stopped.get("segmentsRead").asInt() < stopped.get("segmentsTotal").asInt(),
                "stopped before the end of the window: " + stopped);
        try (Stream<Path> left = Files.list(f.store.dataDir().resolve("masking"))) {
            assertEquals(List.of(), left.filter(p -> p.toString().endsWith(".sealed")).toList(), "the partial output is deleted");
        }
        assertEquals(409, f.post(running + "/release", "{}", manager).statusCode(), "nothing to release after a cancel");

        List<LedgerEntry> cancels = f.store.ledger().search(e -> e.record().type().equals("subject-request.masking-cancel"), 10);
        assertEquals(List.of("queued", "running"), cancels.stream().map(e -> e.record().details().get("state")).toList());
        assertEquals(List.of("manager", "manager"), cancels.stream().map(e -> e.record().actor()).toList());

        // The line moves on: the cancelled job runs again when asked and finishes.
        assertEquals(202, m.run(waiting, 0).statusCode());
        assertEquals("ready", m.waitUntilDone(waiting).get("state").asText());
        // Nothing running: a cancel changes nothing and is not ledgered.
        assertEquals("ready", GatewayFixture.json(f.post(waiting + "/cancel", "{}", manager)).get("state").asText());
        assertEquals(2, f.store.ledger().search(e -> e.record().type().equals("subject-request.masking-cancel"), 10).size());
    }
}
