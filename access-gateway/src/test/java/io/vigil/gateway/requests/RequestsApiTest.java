package io.vigil.gateway.requests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.config.CameraId;
import io.vigil.config.NetworkRange;
import io.vigil.config.Role;
import io.vigil.gateway.GatewayFixture;
import io.vigil.gateway.FreshGatewayTest;
import io.vigil.gateway.GatewayFixture.Login;
import io.vigil.storage.LedgerEntry;
import io.vigil.storage.SegmentNotFoundException;
import io.vigil.storage.VigilStore;
import io.vigil.storage.holds.LegalHold;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The subject-request workflow through the real gateway over a real store: registering,
 * the hold, the ledger (number and hash, no personal data), validation that stores nothing,
 * the four-eyes rule, deadlines against an injected clock (flags, metric, health), deferral,
 * refusal, closing, and the erasure of personal data after the retention period.
 */
class RequestsApiTest extends FreshGatewayTest {
    Login manager, officer, officer2, admin;

    @BeforeEach
    void start() throws Exception {
        f.gateway.accounts().addUser("officer2", Role.PRIVACY_OFFICER, List.of(), GatewayFixture.PASSWORD.toCharArray());
        manager = f.login("manager");
        officer = f.login("officer");
        officer2 = f.login("officer2");
        admin = f.login("admin");
    }

    private JsonNode register(Login who, String body) throws Exception {
        HttpResponse<String> r = f.post("/api/v1/requests", body, who);
        assertEquals(201, r.statusCode(), r.body());
        return GatewayFixture.json(r);
    }

    private List<LedgerEntry> ledger(String type) {
        return f.store.ledger().search(e -> e.record().type().equals(type), 1000);
    }

    @Test
    void aFieldThatIsNotPartOfTheFormIsNamedEvenWhenItsNameIsEmpty() throws Exception {
        for (String name : new String[] {"nickname", ""}) {
            HttpResponse<String> r = f.post("/api/v1/requests", "{\"" + name + "\":null}", manager);
            assertEquals(400, r.statusCode(), r.body());
            assertEquals("\"" + name + "\"", GatewayFixture.json(r).path("params").path("field").asText(), r.body());
        }
    }

    @Test
    void registeringNumbersHoldsAndLedgersWithoutPersonalData() throws Exception {
        JsonNode r = register(manager, RequestFixtures.body("\"view\",\"delete\""));
        String number = r.get("number").asText();
        assertEquals("SR-2026-0001", number);
        assertEquals("received", r.get("state").asText());
        // received 2026-11-24 21:00 in Seoul: the day of receipt is not counted, due by the end of 4 December
        assertEquals("2026-12-04", r.get("lastDay").asText());
        assertEquals(Instant.parse("2026-12-04T15:00:00Z"), Instant.parse(r.get("deadline").asText()));
        assertEquals(10, r.get("daysLeft").asInt());
        assertEquals("none", r.get("deadlineFlag").asText());
        assertEquals(RequestFixtures.NAME, r.get("requesterName").asText());
        assertEquals("SR-2026-0002", register(manager, RequestFixtures.body("\"confirm-existence\"")).get("number").asText());

        LegalHold hold = f.gateway.context().holds().get(r.get("holdId").asText());
        assertEquals("active", hold.stateAt(f.clock.instant()));
        assertEquals(List.of(CameraId.of("cam-01")), hold.cameraIds());
        assertEquals(GatewayFixture.T0, hold.from());
        assertEquals(number, hold.reference());
        assertTrue(f.gateway.context().holds().covers(CameraId.of("cam-01"), GatewayFixture.T0, GatewayFixture.T0.plusSeconds(2), f.clock.instant()));

        List<LedgerEntry> reg = ledger("subject-request.register");
        assertEquals(2, reg.size());
        var rec = reg.get(0).record();
        assertEquals("manager", rec.actor());
        assertEquals(number, rec.details().get("request"));
        assertEquals("cam-01", rec.cameraIds());
        assertEquals("data subject of " + number, rec.recipient());
        byte[] stored = f.store.table(VigilStore.REQUESTS).get("req/" + number).orElseThrow();
        assertEquals(RequestCodec.sha256(stored), rec.details().get("recordSha256"), "the ledger carries the hash of the stored record");
        for (LedgerEntry e : f.store.ledger().range(1, f.store.ledger().size())) {
            String text = e.record().toString();
            for (String personal : List.of(RequestFixtures.NAME, RequestFixtures.CONTACT, RequestFixtures.DESCRIPTION, "bag was stolen")) {
                assertFalse(text.contains(personal), "ledger entry " + e.number() + " contains personal data '" + personal + "': " + text);
            }
        }
    }

    @Test
    void badInputNamesTheFieldAndStoresNothing() throws Exception {
        Instant now = GatewayFixture.NOW;
        Map<String, String> cases = Map.of(
                RequestFixtures.body("\"view\"").replace("\"documentType\":\"passport\",", ""), "documentType:",
                RequestFixtures.body("\"view\"").replace("\"to\":\"" + GatewayFixture.T0.plusSeconds(10), "\"to\":\"" + GatewayFixture.T0.plus(Duration.ofDays(15))), "to: the window is longer than the retention period",
                RequestFixtures.body("\"view\"").replace("[\"cam-01\"]", "[\"cam-99\"]"), "cameras: the hospital has no camera 'cam-99'",
                RequestFixtures.body("\"view\"", "\"childUnder14\":true"), "representativeName: is required",
                RequestFixtures.body("\"view\"", "\"childUnder14\":true,\"representativeName\":\"Kim Sora\",\"representativeRelationship\":\"mother\""), "representativeProof: is required",
                RequestFixtures.body("\"view\"", "\"documentNumber\":\"M12345678\""), "documentNumber: Vigil records how identity was checked, never",
                RequestFixtures.body(""), "kinds:",
                RequestFixtures.body("\"view\"").replace("\"checkedAt\":\"" + now.minusSeconds(600) + "\",", ""), "checkedAt: is required");
        long ledgerBefore = f.store.ledger().size();
        int holdsBefore = f.gateway.context().holds().all().size();
        for (Map.Entry<String, String> c : cases.entrySet()) {
            HttpResponse<String> r = f.post("/api/v1/requests", c.getKey(), manager);
            assertEquals(400, r.statusCode(), c.getValue() + " -> " + r.body());
            String message = GatewayFixture.json(r).get("message").asText();
            assertTrue(message.startsWith(c.getValue()), "expected '" + c.getValue() + "...', got '" + message + "'");
        }
        assertEquals(ledgerBefore, f.store.ledger().size(), "nothing ledgered");
        assertEquals(holdsBefore, f.gateway.context().holds().all().size(), "no hold placed");
        assertTrue(f.store.table(VigilStore.REQUESTS).scan("").isEmpty(), "nothing stored, not even a number");
        // and a child's request with its representative is accepted
        register(manager, RequestFixtures.body("\"view\"", "\"childUnder14\":true,\"representativeName\":\"Kim Sora\","
                + "\"representativeRelationship\":\"mother\",\"representativeProof\":\"family relations certificate\""));
    }

    @Test
    void theRegistrarCannotDecideAndOnlyOfficersDecide() throws Exception {
        String byOfficer = register(officer, RequestFixtures.body("\"view\"")).get("number").asText();
        for (String action : List.of("review", "approve", "refuse", "defer")) {
            HttpResponse<String> r = f.post("/api/v1/requests/" + byOfficer + "/" + action,
                    "{\"until\":\"2026-12-10\",\"reason\":\"x-ray\",\"grounds\":[\"pipa-35-4-1\"],\"text\":\"t\"}", officer);
            assertEquals(403, r.statusCode(), action + ": " + r.body());
            assertTrue(r.body().contains("registered request " + byOfficer), r.body());
        }
        String byManager = register(manager, RequestFixtures.body("\"view\"")).get("number").asText();
        HttpResponse<String> r = f.post("/api/v1/requests/" + byManager + "/approve", "{}", manager);
        assertEquals(403, r.statusCode(), r.body());
        assertEquals(0, ledger("subject-request.approve").size());
        JsonNode approved = GatewayFixture.json(f.post("/api/v1/requests/" + byOfficer + "/approve", "{\"reason\":\"shows the requester\"}", officer2));
        assertEquals("approved", approved.get("state").asText());
        assertTrue(approved.get("kioskCode").asText().matches("[A-Z2-9]{5}-[A-Z2-9]{5}"), approved.toString());
        LedgerEntry e = ledger("subject-request.approve").get(0);
        assertEquals("officer2", e.record().actor());
        assertEquals(byOfficer, e.record().details().get("request"));
        assertEquals("shows the requester", e.record().details().get("reason"));
        assertFalse(e.record().toString().contains(approved.get("kioskCode").asText()), "the code never reaches the ledger");
    }

    @Test
    void deadlinesAreFlaggedCountedAndDegradeHealth() throws Exception {
        String n = register(manager, RequestFixtures.body("\"confirm-existence\"")).get("number").asText();
        assertEquals("UP", health().get("checks").get("requests").get("status").asText());
        assertEquals(0, gauge("near"));
        f.clock.advance(Duration.ofDays(7)); // 1 December, 21:00 in Seoul: 3 days left
        assertEquals(3, get(n).get("daysLeft").asInt());
        assertEquals("none", get(n).get("deadlineFlag").asText());
        f.clock.advance(Duration.ofDays(1)); // 2 December: 2 days left
        assertEquals(2, get(n).get("daysLeft").asInt());
        assertEquals("near", get(n).get("deadlineFlag").asText());
        assertEquals(1, gauge("near"));
        assertEquals("DEGRADED", health().get("status").asText());
        assertEquals("DEGRADED", health().get("checks").get("requests").get("status").asText());
        f.clock.advance(Duration.between(f.clock.instant(), Instant.parse("2026-12-04T14:59:59Z"))); // the last second of 4 December in Seoul
        assertEquals(0, get(n).get("daysLeft").asInt());
        assertEquals("near", get(n).get("deadlineFlag").asText());
        f.clock.advance(Duration.ofSeconds(1));
        assertEquals("overdue", get(n).get("deadlineFlag").asText());
        assertEquals(-1, get(n).get("daysLeft").asInt());
        assertEquals(1, gauge("overdue"));
        assertEquals(0, gauge("near"));
        // deciding ends the count: a refused request owes nothing more
        assertEquals(200, f.post("/api/v1/requests/" + n + "/refuse", "{\"grounds\":[\"cannot-mask\"],\"text\":\"crowded waiting room\"}",
                f.login("officer")).statusCode());
        assertEquals("none", get(n).get("deadlineFlag").asText());
        assertEquals(0, gauge("overdue"));
        assertEquals("UP", health().get("checks").get("requests").get("status").asText());
    }

    @Test
    void deferralMovesTheDeadlineAndExtendsTheHold() throws Exception {
        JsonNode r = register(manager, RequestFixtures.body("\"view\""));
        String n = r.get("number").asText();
        LegalHold before = f.gateway.context().holds().get(r.get("holdId").asText());
        HttpResponse<String> bad = f.post("/api/v1/requests/" + n + "/defer", "{\"until\":\"2026-11-24\",\"reason\":\"police\"}", officer);
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("until: must be a day after today"), bad.body());
        JsonNode d = GatewayFixture.json(f.post("/api/v1/requests/" + n + "/defer",
                "{\"until\":\"2026-12-20\",\"reason\":\"a police investigation concerns the same footage\"}", officer));
        assertEquals("deferred", d.get("state").asText());
        assertEquals("2026-12-20", d.get("lastDay").asText());
        assertEquals("2026-12-20", d.get("decision").get("deferredUntil").asText());
        LegalHold after = f.gateway.context().holds().get(r.get("holdId").asText());
        assertTrue(after.expiresAt().isAfter(before.expiresAt()), before.expiresAt() + " -> " + after.expiresAt());
        assertEquals("2026-12-20", ledger("subject-request.defer").get(0).record().details().get("deferredUntil"));
        // an unknown ground, and a refusal without grounds, are refused with the field named
        assertTrue(f.post("/api/v1/requests/" + n + "/refuse", "{\"grounds\":[\"because\"],\"text\":\"x\"}", officer).body().contains("grounds:"));
        assertTrue(f.post("/api/v1/requests/" + n + "/refuse", "{\"text\":\"x\"}", officer).body().contains("grounds: choose at least one"));
    }

    @Test
    void closingReleasesOnlyTheRequestsHold() throws Exception {
        JsonNode r = register(manager, RequestFixtures.body("\"view\""));
        String n = r.get("number").asText();
        LegalHold police = f.gateway.context().holds().place(List.of(CameraId.of("cam-01")), GatewayFixture.T0, GatewayFixture.T0.plusSeconds(60),
                "police request", "case 7", GatewayFixture.NOW.plus(Duration.ofDays(30)), "officer");
        assertEquals(409, f.post("/api/v1/requests/" + n + "/fulfil", "{}", manager).statusCode(), "not approved yet");
        assertEquals(200, f.post("/api/v1/requests/" + n + "/approve", "{}", officer).statusCode());
        assertEquals(200, f.post("/api/v1/requests/" + n + "/fulfil", "{\"note\":\"viewed\"}", manager).statusCode());
        HttpResponse<String> c = f.post("/api/v1/requests/" + n + "/close", "{\"reason\":\"done\"}", manager);
        assertEquals(200, c.statusCode(), c.body());
        assertEquals("closed", GatewayFixture.json(c).get("state").asText());
        Instant now = f.clock.instant();
        assertEquals("released", f.gateway.context().holds().get(r.get("holdId").asText()).stateAt(now));
        assertEquals("active", f.gateway.context().holds().get(police.id()).stateAt(now));
        assertEquals(409, f.post("/api/v1/requests/" + n + "/approve", "{}", officer).statusCode());
        List<String> types = f.store.ledger().search(e -> n.equals(e.record().details().get("request"))
                || n.equals(e.record().details().get("reference")), 100).stream().map(e -> e.record().type()).toList();
        assertEquals(List.of("hold.place", "subject-request.register", "subject-request.approve", "subject-request.fulfil", "hold.release", "subject-request.close"), types);
    }

    @Test
    void personalDataIsErasedAfterTheRetentionPeriod() throws Exception {
        String n = register(manager, RequestFixtures.body("\"confirm-existence\"")).get("number").asText();
        f.post("/api/v1/requests/" + n + "/close", "{\"reason\":\"withdrawn by the requester\"}", manager);
        assertEquals(0, f.gateway.context().requests().erasePersonalDataDue());
        f.clock.advance(RequestSettings.DEFAULT_PERSONAL_DATA_RETENTION.plusSeconds(1));
        assertEquals(1, f.gateway.context().requests().erasePersonalDataDue());
        JsonNode r = get(n);
        assertTrue(r.get("requesterName").isNull());
        assertTrue(r.get("requesterContact").isNull());
        assertTrue(r.get("description").isNull());
        assertNotNull(r.get("personalDataErasedAt").asText());
        assertEquals("closed", r.get("state").asText());
        String raw = new String(f.store.table(VigilStore.REQUESTS).get("req/" + n).orElseThrow());
        assertFalse(raw.contains(RequestFixtures.NAME), raw);
        assertEquals(1, ledger("subject-request.personal-data-erased").size());
        assertNull(ledger("subject-request.personal-data-erased").get(0).record().details().get("requesterName"));
    }

    @Test
    void confirmingExistenceStatesSpansAndGapsWithoutFootage() throws Exception {
        Instant t0 = GatewayFixture.T0;
        String body = RequestFixtures.body("\"confirm-existence\"").replace("\"from\":\"" + t0, "\"from\":\"" + t0.minusSeconds(60))
                .replace("\"to\":\"" + t0.plusSeconds(10), "\"to\":\"" + t0.plusSeconds(60));
        String n = register(manager, body).get("number").asText();
        assertEquals(409, f.post("/api/v1/requests/" + n + "/existence", "{}", manager).statusCode(), "not approved yet");
        f.post("/api/v1/requests/" + n + "/approve", "{}", officer);
        HttpResponse<String> r = f.post("/api/v1/requests/" + n + "/existence", "{}", manager);
        assertEquals(200, r.statusCode(), r.body());
        JsonNode spans = GatewayFixture.json(r).get("cameras").get(0).get("spans");
        assertEquals(3, spans.size(), spans.toString());
        assertFalse(spans.get(0).get("recorded").asBoolean());
        assertEquals(t0.minusSeconds(60).toString(), spans.get(0).get("start").asText());
        assertTrue(spans.get(1).get("recorded").asBoolean());
        assertEquals(t0.toString(), spans.get(1).get("start").asText());
        assertEquals(t0.plusSeconds(10).toString(), spans.get(1).get("end").asText());
        assertFalse(spans.get(2).get("recorded").asBoolean());
        LedgerEntry e = ledger("subject-request.existence").get(0);
        assertEquals("10", e.record().details().get("recordedSeconds"));
        assertEquals("manager", e.record().actor());
        assertEquals(0, f.store.ledger().search(x -> x.record().type().startsWith("view."), 10).size(), "no footage was viewed");
        assertEquals(1, GatewayFixture.json(f.get("/api/v1/requests/" + n, manager)).get("fulfilments").size());
    }

    @Test
    void erasingDestroysTheFootageInScopeButNotWhatAnotherHoldKeeps() throws Exception {
        Instant t0 = GatewayFixture.T0;
        String body = RequestFixtures.body("\"delete\"").replace("\"to\":\"" + t0.plusSeconds(10), "\"to\":\"" + t0.plusSeconds(4));
        String n = register(manager, body).get("number").asText();
        assertEquals(409, f.post("/api/v1/requests/" + n + "/erase", "{}", manager).statusCode(), "not approved yet");
        f.post("/api/v1/requests/" + n + "/approve", "{}", officer);
        LegalHold police = f.gateway.context().holds().place(List.of(CameraId.of("cam-01")), t0.plusSeconds(2), t0.plusSeconds(3),
                "police request", "Seoul police case 2026-118", GatewayFixture.NOW.plus(Duration.ofDays(30)), "officer");
        var before = f.store.segments().list(CameraId.of("cam-01"), t0, t0.plusSeconds(10));
        assertEquals(5, before.size());
        HttpResponse<String> r = f.post("/api/v1/requests/" + n + "/erase", "{}", manager);
        assertEquals(200, r.statusCode(), r.body());
        JsonNode out = GatewayFixture.json(r);
        assertEquals(1, out.get("erasedSegments").asInt());
        assertEquals(1, out.get("keptSegments").asInt());
        assertEquals(police.id(), out.get("keptByHolds").get(0).asText());
        assertEquals("Seoul police case 2026-118", out.get("keptReferences").get(0).asText());
        assertThrows(SegmentNotFoundException.class, () -> f.store.segments().read(before.get(0).key()), "erased in scope");
        f.store.segments().read(before.get(1).key()); // kept by the police hold
        for (int i = 2; i < 5; i++) f.store.segments().read(before.get(i).key()); // outside the window
        assertEquals(5, f.store.segments().list(CameraId.of("cam-02"), t0, t0.plusSeconds(10)).size(), "another camera untouched");
        LedgerEntry d = ledger("destruction").get(0);
        assertEquals(n, d.record().details().get("request"));
        assertEquals("1", d.record().details().get("erasedSegments"));
        assertEquals(police.id(), d.record().details().get("keptByHolds"));
        assertEquals("cryptographic erase", d.record().form());
        assertEquals(409, f.post("/api/v1/requests/" + n + "/erase", "{}", manager).statusCode(), "erased once");
    }

    @Test
    void theKioskCodeWorksOnceOnlyFromTheKioskNetworkAndNotAfterItExpires() throws Exception {
        f.gateway.requestSettings(RequestSettings.defaults().withKioskNetworks(List.of(NetworkRange.parse("10.77.0.0/24"))));
        String n = register(manager, RequestFixtures.body("\"view\"")).get("number").asText();
        String code = GatewayFixture.json(f.post("/api/v1/requests/" + n + "/approve", "{}", officer)).get("kioskCode").asText();
        String open = "{\"number\":\"" + n + "\",\"code\":\"" + code + "\"}";
        HttpResponse<String> elsewhere = f.post("/api/v1/kiosk/open", open, manager);
        assertEquals(403, elsewhere.statusCode(), elsewhere.body());
        assertTrue(elsewhere.body().contains("only at the kiosk"), elsewhere.body());

        f.gateway.requestSettings(RequestSettings.defaults().withKioskNetworks(List.of(NetworkRange.parse("127.0.0.0/8"))));
        HttpResponse<String> wrong = f.post("/api/v1/kiosk/open", open.replace(code, "AAAAA-AAAAA"), manager);
        assertEquals(403, wrong.statusCode(), wrong.body());
        // Nothing to show yet: refused, and the code is not used up.
        HttpResponse<String> early = f.post("/api/v1/kiosk/open", open, manager);
        assertEquals(409, early.statusCode(), early.body());
        assertTrue(early.body().contains("The code was not used"), early.body());
        releaseMaskedCopy(n, manager);
        HttpResponse<String> ok = f.post("/api/v1/kiosk/open", open.replace(code, code.toLowerCase().replace("-", " ")), manager);
        assertEquals(200, ok.statusCode(), ok.body());
        assertEquals("manager", GatewayFixture.json(ok).get("staffPresent").asText());
        HttpResponse<String> again = f.post("/api/v1/kiosk/open", open, manager);
        assertEquals(403, again.statusCode(), again.body());
        assertTrue(again.body().contains("already used"), again.body());
        LedgerEntry view = ledger("subject-request.view").get(0);
        assertEquals("data subject of " + n, view.record().actor());
        assertEquals("manager", view.record().details().get("staffPresent"));
        List<String> refusals = ledger("subject-request.kiosk-refused").stream().map(e -> e.record().details().get("reason")).toList();
        assertEquals(4, refusals.size(), refusals.toString());
        assertEquals("not a kiosk network", refusals.get(0));
        assertTrue(refusals.get(2).startsWith("no masked copy released yet"), refusals.toString());
        assertTrue(refusals.get(3).startsWith("this code was already used"), refusals.toString());
        for (LedgerEntry e : f.store.ledger().range(1, f.store.ledger().size())) {
            assertFalse(e.record().toString().contains(code), "the code never reaches the ledger");
        }

        String n2 = register(manager, RequestFixtures.body("\"view\"")).get("number").asText();
        String code2 = GatewayFixture.json(f.post("/api/v1/requests/" + n2 + "/approve", "{}", officer)).get("kioskCode").asText();
        f.clock.advance(RequestSettings.DEFAULT_KIOSK_CODE_VALIDITY.plusSeconds(1));
        HttpResponse<String> late = f.post("/api/v1/kiosk/open", "{\"number\":\"" + n2 + "\",\"code\":\"" + code2 + "\"}", f.login("manager"));
        assertEquals(403, late.statusCode(), late.body());
        assertTrue(late.body().contains("expired"), late.body());
        assertTrue(ledger("subject-request.kiosk-refused").get(4).record().details().get("reason").startsWith("this code expired"));
    }

    /** What the masking review page does: mark the requester on the window's first frame, mask, release the copy. */
    private void releaseMaskedCopy(String n, GatewayFixture.Login who) throws Exception {
        String base = "/api/v1/requests/" + n + "/masking/cam-01";
        HttpResponse<String> run = f.post(base + "/run", "{\"mode\":\"keep-only-requester\",\"marks\":[{\"at\":\""
                + GatewayFixture.T0 + "\",\"x\":100,\"y\":60,\"w\":80,\"h\":100}]}", who);
        assertEquals(202, run.statusCode(), run.body());
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(3);
        String state = GatewayFixture.json(run).get("state").asText();
        while ((state.equals("queued") || state.equals("running")) && System.nanoTime() < deadline) {
            Thread.sleep(200); // polling the job's state with a deadline, as the page does
            state = GatewayFixture.json(f.get(base, who)).get("state").asText();
        }
        assertEquals("ready", state, f.get(base, who).body());
        HttpResponse<String> release = f.post(base + "/release", "{}", who);
        assertEquals(200, release.statusCode(), release.body());
    }

    private JsonNode get(String number) throws Exception {
        HttpResponse<String> r = f.get("/api/v1/requests/" + number, f.login("manager")); // sessions end as the clock moves
        assertEquals(200, r.statusCode(), r.body());
        return GatewayFixture.json(r);
    }

    private JsonNode health() throws Exception {
        return GatewayFixture.json(f.get("/health", f.login("admin")));
    }

    private int gauge(String flag) throws Exception {
        String metrics = f.get("/metrics", f.login("admin")).body();
        for (String line : metrics.split("\n")) {
            if (line.startsWith("vigil_requests_deadline{") && line.contains("flag=\"" + flag + "\"")) {
                return (int) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        throw new AssertionError("no vigil_requests_deadline{flag=" + flag + "} in /metrics");
    }
}
