package io.vigil.gateway.health;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.config.NetworkRange;
import io.vigil.gateway.GatewayFixture;
import io.vigil.gateway.GatewaySite;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /health} over real HTTPS: a stranger learns the status only; a signed-in
 * administrator (and the monitoring networks) see which camera is down and why, the disk,
 * the retention bound and the ledger. The fixture's cam-01 records; cam-02 and cam-03
 * never sent a frame, so they count as down from the gateway's start, and once that is
 * longer than the configured limit (default 5 min) health is DEGRADED, naming them.
 */
class HealthApiTest {
    @TempDir
    Path dir;

    @Test
    void strangersSeeTheStatusOnlyAdministratorsSeeWhyAndCamerasDownTooLongDegrade() throws Exception {
        try (GatewayFixture f = new GatewayFixture(dir)) {
            HttpResponse<String> fresh = f.get("/health", null);
            assertEquals(200, fresh.statusCode(), fresh.body());
            assertEquals("UP", GatewayFixture.json(fresh).get("status").asText(), "down for 0 s is within the limit");

            f.clock.advance(Duration.ofMinutes(6));
            HttpResponse<String> anonymous = f.get("/health", null);
            assertEquals(200, anonymous.statusCode());
            JsonNode pub = GatewayFixture.json(anonymous);
            assertEquals("DEGRADED", pub.get("status").asText());
            assertEquals(1, pub.size(), "nothing but the status for a stranger: " + anonymous.body());
            assertFalse(anonymous.body().contains("Camera cam-02"), anonymous.body());

            HttpResponse<String> staff = f.get("/health", f.login("staff"));
            assertEquals(1, GatewayFixture.json(staff).size(), "security staff see the status only: " + staff.body());

            JsonNode full = GatewayFixture.json(f.get("/health", f.login("admin")));
            assertEquals("DEGRADED", full.get("status").asText());
            JsonNode cameras = full.get("checks").get("cameras");
            assertEquals("DEGRADED", cameras.get("status").asText());
            assertEquals(1, cameras.get("recording").asInt());
            assertEquals(300, cameras.get("downAfterSeconds").asInt());
            List<String> problems = cameras.get("problems").findValuesAsText("text");
            assertEquals(2, problems.size(), problems.toString());
            // The site speaks Korean by default: the reason comes from the ko bundle with the name filled in.
            assertTrue(problems.get(0).startsWith("Camera cam-02(cam-02) 카메라가 6분 동안"), problems.get(0));
            assertEquals("health.camera.down", cameras.get("problems").get(0).get("key").asText());
            JsonNode row = cameras.get("cameras").get(1);
            assertEquals("cam-02", row.get("id").asText());
            assertEquals("UNKNOWN", row.get("state").asText());
            assertTrue(row.get("overLimit").asBoolean());
            assertEquals(360, row.get("downSeconds").asInt());
            assertEquals("RECORDING", cameras.get("cameras").get(0).get("state").asText());
            assertFalse(cameras.get("cameras").get(0).has("downSince"));

            JsonNode disk = full.get("checks").get("disk");
            assertTrue(disk.get("freeBytes").asLong() > 0, disk.toString());
            assertTrue(disk.get("totalBytes").asLong() >= disk.get("freeBytes").asLong(), disk.toString());
            JsonNode ledger = full.get("checks").get("ledger");
            assertEquals("UP", ledger.get("status").asText());
            assertTrue(ledger.get("verified").asBoolean());
            assertEquals(f.store.ledger().size(), ledger.get("entries").asLong(), "nothing is ledgered by reading health");
            f.store.ledger().signHead();
            JsonNode head = GatewayFixture.json(f.get("/health", f.login("admin"))).get("checks").get("ledger").get("lastHead");
            assertEquals(64, head.get("hash").asText().length());
        }
    }

    @Test
    void monitoringNetworksSeeTheDetailsWithoutSigningIn() throws Exception {
        try (GatewayFixture f = new GatewayFixture(dir, GatewaySite.api().withMonitoring(List.of(NetworkRange.parse("127.0.0.0/8"))))) {
            JsonNode body = GatewayFixture.json(f.get("/health", null));
            assertEquals("UP", body.get("status").asText());
            assertEquals("UP", body.get("checks").get("cameras").get("status").asText());
            assertEquals(3, body.get("checks").get("cameras").get("cameras").size());
        }
    }

    @Test
    void aCheckThatThrowsIsDownWithItsErrorNotA500() throws Exception {
        try (GatewayFixture f = new GatewayFixture(dir, GatewaySite.api().withMonitoring(List.of(NetworkRange.parse("127.0.0.0/8"))))) {
            f.gateway.addHealthReport("broken", () -> {
                throw new IllegalStateException("sensor unplugged");
            });
            HttpResponse<String> r = f.get("/health", null);
            assertEquals(503, r.statusCode(), r.body());
            JsonNode broken = GatewayFixture.json(r).get("checks").get("broken");
            assertEquals("DOWN", broken.get("status").asText());
            assertTrue(broken.get("problems").get(0).get("text").asText().contains("sensor unplugged"), r.body());
        }
    }
}
