package io.vigil.gateway.live;

import static org.junit.jupiter.api.Assertions.*;

import io.vigil.gateway.GatewayFixture;
import io.vigil.storage.LedgerEntry;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Monitoring sessions through the real gateway over HTTPS: opened with a purpose (live.start
 * with cameras and purpose), refused to a privacy officer (live.refused), and ended for
 * each reason the ledger names: closed, shift length, idle timeout, sign-out.
 */
class MonitoringSessionsTest {
    private static final String BODY = "{\"cameras\":[\"cam-01\",\"cam-02\"],\"purpose\":\"facility-safety\","
            + "\"purposeText\":\"security monitoring, night shift\"}";

    @Test
    void everyEndIsLedgeredWithItsReason(@TempDir Path dir) throws Exception {
        try (GatewayFixture f = new GatewayFixture(dir)) {
            f.gateway.liveSettings(new LiveSettings(Duration.ofMinutes(10), Duration.ofHours(2)));
            GatewayFixture.Login staff = f.login("staff");

            String closed = open(f, staff);
            List<LedgerEntry> starts = entries(f, "live.start");
            assertEquals(1, starts.size());
            assertEquals("cam-01,cam-02", starts.get(0).record().cameraIds());
            assertEquals("facility-safety: security monitoring, night shift", starts.get(0).record().purpose());
            assertEquals(200, f.post("/api/v1/live/sessions/" + closed + "/end", "{}", staff).statusCode());
            assertEquals(404, f.post("/api/v1/live/sessions/" + closed + "/end", "{}", staff).statusCode(), "ends once");

            // The shift is over: ended whatever the activity.
            String shift = open(f, staff);
            for (int i = 0; i < 13; i++) {
                f.clock.advance(Duration.ofMinutes(9));
                assertEquals(200, f.post("/api/v1/live/sessions/" + shift + "/activity", "{}", staff).statusCode());
                f.gateway.context().live().sweep();
            }
            f.clock.advance(Duration.ofMinutes(4));
            f.gateway.context().live().sweep();
            // Nobody at the wall for the idle timeout.
            String idle = open(f, staff);
            f.clock.advance(Duration.ofMinutes(9));
            assertEquals(0, f.gateway.context().live().sweep(), "not idle yet");
            f.clock.advance(Duration.ofMinutes(1));
            f.gateway.context().live().sweep();
            // Signing out ends the user's walls.
            String signedOut = open(f, staff);
            assertEquals(200, f.post("/api/v1/logout", "{}", staff).statusCode());

            List<LedgerEntry> ends = entries(f, "live.end");
            assertEquals(List.of(closed, shift, idle, signedOut),
                    ends.stream().map(e -> e.record().details().get("monitoringSession")).toList());
            assertEquals(List.of("closed", "shift-length", "idle-timeout", "signed-out"),
                    ends.stream().map(e -> e.record().details().get("reason")).toList());
            assertEquals(0, f.gateway.context().live().openCount());

            // A privacy officer audits, never watches: refused and ledgered.
            GatewayFixture.Login officer = f.login("officer");
            HttpResponse<String> refused = f.post("/api/v1/live/sessions", BODY, officer);
            assertEquals(403, refused.statusCode(), refused.body());
            assertEquals(1, entries(f, "live.refused").size());
            // A camera that does not exist is a field error, nothing ledgered.
            GatewayFixture.Login staff2 = f.login("staff2");
            assertEquals(400, f.post("/api/v1/live/sessions", "{\"cameras\":[\"nope\"],\"purpose\":\"facility-safety\","
                    + "\"purposeText\":\"night shift\"}", staff2).statusCode());
            assertTrue(f.store.ledger().verify().ok());
        }
    }

    private static String open(GatewayFixture f, GatewayFixture.Login who) throws Exception {
        HttpResponse<String> r = f.post("/api/v1/live/sessions", BODY, who);
        assertEquals(201, r.statusCode(), r.body());
        return GatewayFixture.json(r).get("id").asText();
    }

    private static List<LedgerEntry> entries(GatewayFixture f, String type) {
        return f.store.ledger().search(e -> e.record().type().equals(type), 100);
    }
}
