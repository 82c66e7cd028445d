package io.vigil.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.config.NetworkRange;
import io.vigil.config.Role;
import io.vigil.gateway.GatewayFixture.Login;
import io.vigil.gateway.accounts.LoginThrottle;
import io.vigil.storage.LedgerEntry;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Time-dependent refusals (each test moves its own gateway's clock), lockout, and network rules. */
class ExpiryAndLockoutTest {
    @TempDir
    Path dir;

    private static List<LedgerEntry> ledger(GatewayFixture f, String type) {
        return f.store.ledger().search(e -> e.record().type().equals(type), 1000);
    }

    @Test
    void expiredGrantIsRefusedAndRecorded() throws Exception {
        try (GatewayFixture f = new GatewayFixture(dir)) {
            Login staff = f.login("staff");
            String grant = f.grant(staff, "cam-01");
            assertEquals(200, f.getBytes("/api/v1/grants/" + grant + "/video.mp4?camera=cam-01", staff).statusCode());
            assertEquals(0, f.gateway.context().grants().endExpiredViewings(), "still valid: nothing to end");
            f.clock.advance(Duration.ofMinutes(61));
            // The browser never said "end": the viewing is closed in the ledger when the grant expires.
            assertEquals(1, f.gateway.context().grants().endExpiredViewings());
            List<LedgerEntry> ends = ledger(f, "view.end");
            assertEquals(1, ends.size());
            assertEquals(grant, ends.get(0).record().details().get("grantId"));
            assertTrue(ends.get(0).record().details().get("reason").contains("expired"));
            staff = f.login("staff"); // the old session is idle-expired too
            HttpResponse<byte[]> r = f.getBytes("/api/v1/grants/" + grant + "/video.mp4?camera=cam-01", staff);
            assertEquals(403, r.statusCode());
            assertTrue(new String(r.body()).contains("expired"));
            assertTrue(ledger(f, "view.refused").stream().anyMatch(e -> e.record().details().get("reason").contains("expired")));
            // A day after expiry the grant record itself is deleted (the ledger keeps the facts).
            assertEquals(0, f.gateway.context().grants().deleteLongExpired());
            f.clock.advance(Duration.ofHours(25));
            assertEquals(1, f.gateway.context().grants().deleteLongExpired());
            assertTrue(f.gateway.context().grants().find(grant).isEmpty());
        }
    }

    @Test
    void sessionsExpireWhenIdleAndAbsolutely() throws Exception {
        try (GatewayFixture f = new GatewayFixture(dir)) {
            Login idle = f.login("staff");
            f.clock.advance(Duration.ofMinutes(14));
            assertEquals(200, f.get("/api/v1/me", idle).statusCode(), "14 min idle is fine");
            f.clock.advance(Duration.ofMinutes(16));
            assertEquals(401, f.get("/api/v1/me", idle).statusCode(), "16 min idle is too long");

            Login busy = f.login("staff");
            for (int i = 0; i < 8 * 6; i++) { // active every 10 minutes for 8 hours
                f.clock.advance(Duration.ofMinutes(10));
                HttpResponse<String> r = f.get("/api/v1/me", busy);
                if (i < 8 * 6 - 1) assertEquals(200, r.statusCode(), "still within 8 h at step " + i);
                else assertEquals(401, r.statusCode(), "past the absolute 8 h limit");
            }
        }
    }

    @Test
    void bruteForceLocksOutWithGrowingDelayAndIsRecorded() throws Exception {
        try (GatewayFixture f = new GatewayFixture(dir)) {
            String wrong = "{\"username\":\"staff\",\"password\":\"not-the-password\"}";
            for (int i = 0; i < LoginThrottle.FREE_FAILURES; i++) {
                assertEquals(401, f.post("/api/v1/login", wrong, null).statusCode());
            }
            assertEquals(401, f.post("/api/v1/login", wrong, null).statusCode()); // this failure starts a 2 s lock
            HttpResponse<String> locked = f.post("/api/v1/login",
                    "{\"username\":\"staff\",\"password\":\"" + GatewayFixture.PASSWORD + "\"}", null);
            assertEquals(429, locked.statusCode(), "even the right password waits while locked");
            assertEquals("2", locked.headers().firstValue("Retry-After").orElse(""));
            // A colleague at the same computer is not locked out by one user's failures
            // (the address has its own, larger allowance): a wrong password is just wrong.
            // Nor is staff at another computer: knowing the name is not enough to lock its owner out.
            assertEquals(Duration.ZERO, f.gateway.accounts().throttle().remainingLock("staff", "10.9.9.9"));
            assertEquals(401, f.post("/api/v1/login", "{\"username\":\"manager\",\"password\":\"x\"}", null).statusCode());
            f.clock.advance(Duration.ofSeconds(3));
            assertEquals(401, f.post("/api/v1/login", wrong, null).statusCode());
            HttpResponse<String> longer = f.post("/api/v1/login", wrong, null);
            assertEquals(429, longer.statusCode());
            assertEquals("4", longer.headers().firstValue("Retry-After").orElse(""), "the delay doubles");
            f.clock.advance(Duration.ofSeconds(5));
            assertEquals(200, f.post("/api/v1/login", "{\"username\":\"staff\",\"password\":\"" + GatewayFixture.PASSWORD + "\"}", null).statusCode());
            assertEquals(LoginThrottle.FREE_FAILURES + 3, ledger(f, "login.failed").size() + ledger(f, "login.locked").size());
            assertTrue(ledger(f, "login.locked").size() >= 2);
            assertTrue(ledger(f, "login").stream().anyMatch(e -> e.record().actor().equals("staff")));
        }
    }

    @Test
    void roleNetworkRulesRefuseLoginFromElsewhereAndMonitoringNetworksReachHealth() throws Exception {
        Map<Role, List<NetworkRange>> allowed = Map.of(Role.SECURITY_STAFF, List.of(NetworkRange.parse("10.20.0.0/24")));
        try (GatewayFixture f = new GatewayFixture(dir, GatewaySite.api().withAllowedNetworks(allowed).withMonitoring(List.of(NetworkRange.parse("127.0.0.0/8"))))) {
            HttpResponse<String> r = f.post("/api/v1/login", "{\"username\":\"staff\",\"password\":\"" + GatewayFixture.PASSWORD + "\"}", null);
            assertEquals(403, r.statusCode());
            // The network rule is checked before the password: a wrong one gets the same answer.
            HttpResponse<String> wrong = f.post("/api/v1/login", "{\"username\":\"staff\",\"password\":\"wrong-password\"}", null);
            assertEquals(403, wrong.statusCode());
            assertEquals(r.body(), wrong.body());
            List<LedgerEntry> refused = ledger(f, "login.refused");
            assertEquals(2, refused.size());
            assertEquals("staff", refused.get(0).record().actor());
            assertEquals("127.0.0.1", refused.get(0).record().details().get("client"));
            assertEquals(200, f.login("manager") != null ? 200 : 0, "other roles have no network rule");
            HttpResponse<String> health = f.get("/health", null);
            assertEquals(200, health.statusCode(), health.body());
            assertEquals("UP", GatewayFixture.json(health).get("status").asText());
            f.gateway.addHealthCheck("purge-bound", () -> HealthStatus.DEGRADED);
            assertEquals("DEGRADED", GatewayFixture.json(f.get("/health", null)).get("status").asText());
            HttpResponse<String> metrics = f.get("/metrics", null);
            assertEquals(200, metrics.statusCode());
            assertTrue(metrics.body().contains("vigil_gateway_refusals_total"), "Prometheus text of the shared registry");
            assertTrue(metrics.body().contains("vigil_gateway_requests_seconds_count{route=\"POST /api/v1/login\",status=\"403\"}"), metrics.body());
        }
    }
}
