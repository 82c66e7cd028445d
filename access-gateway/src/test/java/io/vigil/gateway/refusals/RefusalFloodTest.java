package io.vigil.gateway.refusals;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.gateway.GatewayFixture;
import io.vigil.storage.LedgerEntry;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10: a signed-in user who floods the gateway with refused requests writes at most
 * {@link RefusalLedger#DEFAULT_LIMIT} refusal entries a minute; the rest are counted and
 * summarised in one {@code refusals.suppressed} entry, over real HTTPS.
 */
class RefusalFloodTest {
    @TempDir Path dir;

    @Test
    void aFloodOfRefusalsIsLimitedPerUserAndSummarisedNotLost() throws Exception {
        try (GatewayFixture f = new GatewayFixture(dir)) {
            GatewayFixture.Login staff = f.login("staff");
            GatewayFixture.Login staff2 = f.login("staff2");
            String body = GatewayFixture.grantBody(GatewayFixture.T0, GatewayFixture.T0.plusSeconds(60), "cam-01");
            long before = f.store.ledger().size();
            for (int i = 0; i < 70; i++) assertEquals(403, withoutCsrf(f, staff, body).statusCode());
            for (int i = 0; i < 10; i++) {
                HttpResponse<String> r = f.post("/api/v1/grants/not-a-grant/end", "{}", staff);
                assertEquals(403, r.statusCode(), r.body());
            }
            assertEquals(RefusalLedger.DEFAULT_LIMIT, entries(f, "request.refused", "staff").size());
            assertEquals(0, entries(f, "view.refused", "staff").size(), "the limit covers every kind of refusal");
            assertEquals(RefusalLedger.DEFAULT_LIMIT, f.store.ledger().size() - before);
            // Another user at the same computer has an allowance of its own.
            assertEquals(403, withoutCsrf(f, staff2, body).statusCode());
            assertEquals(1, entries(f, "request.refused", "staff2").size());
            // The flood never stopped legitimate work.
            assertEquals(201, f.post("/api/v1/grants", body, staff).statusCode());

            f.clock.advance(RefusalLedger.DEFAULT_INTERVAL.plusSeconds(1));
            LedgerEntry summary = awaitOne(f, "staff"); // written by the gateway's housekeeping
            assertEquals("60", summary.record().details().get("suppressed"));
            assertEquals("60 further refusals suppressed", summary.record().details().get("summary"));
            assertEquals("request.refused x50, view.refused x10", summary.record().details().get("types"));
            assertEquals("127.0.0.1", summary.record().details().get("client"));
            assertEquals(GatewayFixture.NOW.toString(), summary.record().details().get("from"));

            // A new interval: refusals are written again; a stop summarises what was only counted.
            GatewayFixture.Login again = f.login("staff"); // the old session idled out while the clock moved
            for (int i = 0; i < RefusalLedger.DEFAULT_LIMIT + 3; i++) assertEquals(403, withoutCsrf(f, again, body).statusCode());
            assertEquals(2 * RefusalLedger.DEFAULT_LIMIT, entries(f, "request.refused", "staff").size());
            f.gateway.close();
            List<LedgerEntry> summaries = entries(f, "refusals.suppressed", "staff");
            assertEquals(2, summaries.size());
            assertEquals("3", summaries.get(1).record().details().get("suppressed"));
        }
    }

    private static HttpResponse<String> withoutCsrf(GatewayFixture f, GatewayFixture.Login who, String body) throws Exception {
        return f.send(HttpRequest.newBuilder(f.uri("/api/v1/grants")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)), who, false);
    }

    private static List<LedgerEntry> entries(GatewayFixture f, String type, String actor) {
        return f.store.ledger().search(e -> e.record().type().equals(type) && e.record().actor().equals(actor), 10_000);
    }

    private static LedgerEntry awaitOne(GatewayFixture f, String actor) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            List<LedgerEntry> s = entries(f, "refusals.suppressed", actor);
            if (!s.isEmpty()) {
                assertEquals(1, s.size());
                return s.get(0);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no refusals.suppressed entry for " + actor + " within 30 s");
    }
}
