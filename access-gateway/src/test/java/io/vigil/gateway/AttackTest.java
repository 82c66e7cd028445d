package io.vigil.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.gateway.GatewayFixture.Login;
import io.vigil.storage.LedgerEntry;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Attacks are refused, and those by logged-in users recorded in the ledger (the rest counted in metrics). */
class AttackTest extends SharedGatewayTest {

    private List<LedgerEntry> ledger(String type, String actor) {
        return f.store.ledger().search(e -> e.record().type().equals(type) && e.record().actor().equals(actor), 1000);
    }

    private double refusals(String kind) {
        var c = f.meters.find("vigil.gateway.refusals").tag("kind", kind).counter();
        return c == null ? 0 : c.count();
    }

    @Test
    void noSessionIsRefusedEverywhereUnderApi() throws Exception {
        double before = refusals("no-session");
        for (String p : List.of("/api/v1/me", "/api/v1/cameras", "/api/v1/ledger", "/api/v1/users", "/metrics")) {
            HttpResponse<String> r = f.get(p, null);
            assertEquals(401, r.statusCode(), p);
            assertTrue(r.body().contains("\"error\":\"unauthorized\""), r.body());
        }
        assertEquals(before + 5, refusals("no-session"));
        // /health tells a stranger the overall status only (HealthApiTest).
        // A made-up cookie is no better than none.
        HttpResponse<String> r = f.send(HttpRequest.newBuilder(f.uri("/api/v1/me")).header("Cookie", "vigil_session=forged"), null, false);
        assertEquals(401, r.statusCode());
    }

    @Test
    void someoneElsesGrantIsRefusedAndRecorded() throws Exception {
        Login owner = f.login("staff");
        String grant = f.grant(owner, "cam-01");
        Login other = f.login("staff2");
        HttpResponse<byte[]> r = f.getBytes("/api/v1/grants/" + grant + "/video.mp4?camera=cam-01", other);
        assertEquals(403, r.statusCode());
        assertFalse(new String(r.body()).contains("ftyp"));
        List<LedgerEntry> refused = ledger("view.refused", "staff2");
        assertTrue(refused.stream().anyMatch(e -> e.record().details().get("reason").contains("belongs to another user")), refused.toString());
        assertEquals(403, f.post("/api/v1/grants/" + grant + "/export?camera=cam-01", "", other).statusCode());
        assertEquals(403, f.post("/api/v1/grants/" + grant + "/end", "{}", other).statusCode());
    }

    @Test
    void rangeOrCameraOutsideTheGrantIsRefusedAndRecorded() throws Exception {
        Login staff = f.login("staff");
        String grant = f.grant(staff, "cam-01"); // T0 .. T0+60s
        String late = GatewayFixture.T0.plusSeconds(30) + "&to=" + GatewayFixture.T0.plusSeconds(120);
        assertEquals(403, f.getBytes("/api/v1/grants/" + grant + "/video.mp4?camera=cam-01&from=" + late, staff).statusCode());
        assertEquals(403, f.getBytes("/api/v1/grants/" + grant + "/video.mp4?camera=cam-02", staff).statusCode());
        List<LedgerEntry> refused = ledger("view.refused", "staff");
        assertTrue(refused.stream().anyMatch(e -> e.record().details().get("reason").contains("outside grant")), refused.toString());
        assertTrue(refused.stream().anyMatch(e -> e.record().details().get("reason").contains("camera cam-02 is not in grant")));
        // Inside the range is fine.
        String inside = GatewayFixture.T0.plusSeconds(2) + "&to=" + GatewayFixture.T0.plusSeconds(6);
        assertEquals(200, f.getBytes("/api/v1/grants/" + grant + "/video.mp4?camera=cam-01&from=" + inside, staff).statusCode());
    }

    /**
     * A camera id that breaks the rule (a path, upper case, an underscore) is refused where it
     * enters: a 400 naming the field and the rule, before any grant or footage is touched, so
     * nothing is served and no viewing is ledgered; in a body it is no configured camera.
     */
    @Test
    void aMalformedCameraIdIsRefusedWhereItEntersNamingTheRule() throws Exception {
        Login staff = f.login("staff");
        String grant = f.grant(staff, "cam-01");
        int viewsBefore = ledger("view.start", "staff").size();
        for (String bad : List.of("..%2Fcam-01", "CAM-01", "cam_01")) {
            for (String what : List.of("video.mp4", "footage")) {
                HttpResponse<String> r = f.get("/api/v1/grants/" + grant + "/" + what + "?camera=" + bad, staff);
                assertEquals(400, r.statusCode(), what + " " + r.body());
                var error = GatewayFixture.json(r);
                assertEquals("camera", error.path("params").path("field").asText(), r.body());
                assertTrue(error.path("message").asText().contains("is not a valid camera id (" + io.vigil.config.CameraId.RULE + ")"), r.body());
            }
        }
        assertEquals(viewsBefore, ledger("view.start", "staff").size(), "nothing was viewed");
        String body = GatewayFixture.grantBody(GatewayFixture.T0, GatewayFixture.T0.plusSeconds(60), "Cam 1");
        HttpResponse<String> issue = f.post("/api/v1/grants", body, staff);
        assertEquals(400, issue.statusCode(), issue.body());
        assertTrue(issue.body().contains("cameras: no camera 'Cam 1'"), issue.body());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/../pom.xml", "/%2e%2e/%2e%2e/etc/passwd", "/..%2f..%2fetc%2fpasswd", "/%252e%252e/etc/passwd",
            "/web/../../etc/passwd", "/..\\..\\etc\\passwd", "//etc/passwd", "/./index.html"})
    void pathTraversalIsRefused(String path) throws Exception {
        double before = refusals("path-traversal");
        String res = f.raw("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        assertTrue(res.startsWith("HTTP/1.1 400"), res);
        assertFalse(res.contains("root:"), res);
        assertEquals(before + 1, refusals("path-traversal"));
    }

    @Test
    void pagesAreServedAndUnknownOnes404() throws Exception {
        assertTrue(f.raw("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").startsWith("HTTP/1.1 200"));
        assertTrue(f.raw("GET /no-such-page.html HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").startsWith("HTTP/1.1 404"));
        assertTrue(f.raw("GET /api/v1/nothing HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").startsWith("HTTP/1.1 404"));
    }

    @Test
    void csrfMissingOrWrongIsRefusedAndRecorded() throws Exception {
        Login manager = f.login("manager");
        String body = GatewayFixture.grantBody(GatewayFixture.T0, GatewayFixture.T0.plusSeconds(60), "cam-01");
        HttpResponse<String> missing = f.send(HttpRequest.newBuilder(f.uri("/api/v1/grants"))
                .POST(HttpRequest.BodyPublishers.ofString(body)), manager, false);
        assertEquals(403, missing.statusCode());
        assertTrue(missing.body().contains("\"error\":\"csrf\""));
        HttpResponse<String> wrong = f.send(HttpRequest.newBuilder(f.uri("/api/v1/grants")).header("X-CSRF-Token", "x" + manager.csrf())
                .POST(HttpRequest.BodyPublishers.ofString(body)), manager, false);
        assertEquals(403, wrong.statusCode());
        List<LedgerEntry> refused = ledger("request.refused", "manager");
        assertTrue(refused.stream().anyMatch(e -> e.record().details().get("reason").equals("missing CSRF token")));
        assertTrue(refused.stream().anyMatch(e -> e.record().details().get("reason").equals("wrong CSRF token")));
        assertTrue(ledger("grant.issue", "manager").isEmpty(), "no grant was issued");
        // Another session's token does not work either.
        Login second = f.login("manager");
        HttpResponse<String> crossed = f.send(HttpRequest.newBuilder(f.uri("/api/v1/grants")).header("X-CSRF-Token", second.csrf())
                .POST(HttpRequest.BodyPublishers.ofString(body)), manager, false);
        assertEquals(403, crossed.statusCode());
    }

    @Test
    void sessionFixationIsImpossible() throws Exception {
        String planted = "vigil_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
        HttpResponse<String> r = f.send(HttpRequest.newBuilder(f.uri("/api/v1/login")).header("Cookie", planted).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"staff\",\"password\":\"" + GatewayFixture.PASSWORD + "\"}")), null, false);
        assertEquals(200, r.statusCode());
        String set = r.headers().firstValue("Set-Cookie").orElseThrow();
        assertFalse(set.startsWith(planted), set);
        assertTrue(set.contains("HttpOnly") && set.contains("Secure") && set.contains("SameSite=Strict"), set);
        assertEquals(401, f.send(HttpRequest.newBuilder(f.uri("/api/v1/me")).header("Cookie", planted), null, false).statusCode());
        // Logging in again from a live session replaces it: the old id stops working.
        Login first = f.login("staff");
        HttpResponse<String> again = f.send(HttpRequest.newBuilder(f.uri("/api/v1/login")).header("Cookie", first.cookie()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"staff\",\"password\":\"" + GatewayFixture.PASSWORD + "\"}")), null, false);
        assertEquals(200, again.statusCode());
        assertNotEquals(first.cookie(), again.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0]);
        assertEquals(401, f.get("/api/v1/me", first).statusCode());
    }

    @Test
    void crossSiteLoginIsRefused() throws Exception {
        String body = "{\"username\":\"staff\",\"password\":\"" + GatewayFixture.PASSWORD + "\"}";
        HttpResponse<String> form = f.send(HttpRequest.newBuilder(f.uri("/api/v1/login")).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(body)), null, false);
        assertEquals(415, form.statusCode(), "what a cross-site HTML form can send");
        HttpResponse<String> evil = f.send(HttpRequest.newBuilder(f.uri("/api/v1/login")).header("Content-Type", "application/json")
                .header("Origin", "https://evil.example").POST(HttpRequest.BodyPublishers.ofString(body)), null, false);
        assertEquals(403, evil.statusCode());
        HttpResponse<String> same = f.send(HttpRequest.newBuilder(f.uri("/api/v1/login")).header("Content-Type", "application/json")
                .header("Origin", "https://127.0.0.1:" + f.gateway.httpsPort()).POST(HttpRequest.BodyPublishers.ofString(body)), null, false);
        assertEquals(200, same.statusCode(), same.body());
    }

    @Test
    void logoutEndsTheSession() throws Exception {
        Login staff = f.login("staff");
        assertEquals(200, f.get("/api/v1/me", staff).statusCode());
        assertEquals(200, f.post("/api/v1/logout", "{}", staff).statusCode());
        assertEquals(401, f.get("/api/v1/me", staff).statusCode());
    }

    @Test
    void oversizedBodyIs413() throws Exception {
        String res = f.raw("POST /api/v1/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{");
        assertTrue(res.startsWith("HTTP/1.1 413"), res);
        assertTrue(res.contains("\"error\":\"too-large\""), res);
    }

    @Test
    void oversizedHeadersAre431AndLongRequestLines400() throws Exception {
        String res = f.raw("GET /api/v1/me HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20000) + "\r\n\r\n");
        assertTrue(res.startsWith("HTTP/1.1 431"), res);
        String line = f.raw("GET /" + "a".repeat(10000) + " HTTP/1.1\r\nHost: x\r\n\r\n");
        assertTrue(line.startsWith("HTTP/1.1 400"), line);
    }

    @Test
    void malformedJsonIs400NamingTheField() throws Exception {
        Login staff = f.login("staff");
        HttpResponse<String> notJson = f.post("/api/v1/grants", "{cameras:", staff);
        assertEquals(400, notJson.statusCode());
        assertTrue(notJson.body().contains("body"), notJson.body());
        HttpResponse<String> wrongType = f.post("/api/v1/grants", "{\"cameras\":\"cam-01\"}", staff);
        assertEquals(400, wrongType.statusCode());
        assertTrue(GatewayFixture.json(wrongType).get("message").asText().startsWith("cameras:"), wrongType.body());
        String noText = "{\"cameras\":[\"cam-01\"],\"from\":\"" + GatewayFixture.T0 + "\",\"to\":\"" + GatewayFixture.T0.plusSeconds(9)
                + "\",\"purpose\":\"crime-prevention\"}";
        HttpResponse<String> missing = f.post("/api/v1/grants", noText, staff);
        assertEquals(400, missing.statusCode());
        assertTrue(GatewayFixture.json(missing).get("message").asText().startsWith("purposeText:"), missing.body());
        HttpResponse<String> badTime = f.post("/api/v1/grants", noText.replace(GatewayFixture.T0.toString(), "yesterday"), staff);
        assertTrue(GatewayFixture.json(badTime).get("message").asText().startsWith("from:"), badTime.body());
        HttpResponse<String> badPurpose = f.post("/api/v1/grants", noText.replace("}", ",\"purposeText\":\"x\"}"), staff);
        assertTrue(GatewayFixture.json(badPurpose).get("message").asText().startsWith("purposeText:"), badPurpose.body());
        HttpResponse<String> shortPassword = f.post("/api/v1/login", "{\"username\":\"staff\"}", null);
        assertTrue(GatewayFixture.json(shortPassword).get("message").asText().startsWith("password:"), shortPassword.body());
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() throws Exception {
        try (javax.net.ssl.SSLSocket s = (javax.net.ssl.SSLSocket) f.ssl.getSocketFactory().createSocket("127.0.0.1", f.gateway.httpsPort())) {
            s.setSoTimeout(10_000);
            String three = "GET /api/v1/purposes HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "GET /login.html HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "GET /api/v1/nothing HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
            s.getOutputStream().write(three.getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            String all = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            int a = all.indexOf("HTTP/1.1 401"), b = all.indexOf("HTTP/1.1 200"), c = all.indexOf("HTTP/1.1 404");
            assertTrue(a == 0 && a < b && b < c, "responses in request order: " + a + ", " + b + ", " + c);
        }
    }

    @Test
    void headOfAPageSendsNoBody() throws Exception {
        try (javax.net.ssl.SSLSocket s = (javax.net.ssl.SSLSocket) f.ssl.getSocketFactory().createSocket("127.0.0.1", f.gateway.httpsPort())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(("HEAD /login.html HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "GET /api/v1/nothing HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String all = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertTrue(all.startsWith("HTTP/1.1 200"), all);
            int headEnd = all.indexOf("\r\n\r\n") + 4;
            assertTrue(all.startsWith("HTTP/1.1 404", headEnd), "the next response follows the head directly: " + all);
        }
    }

    @Test
    void plainHttpOnlyRedirects() throws Exception {
        try (Socket s = new Socket("127.0.0.1", f.gateway.httpRedirectPort())) {
            s.getOutputStream().write("GET /camera.html?id=cam-01 HTTP/1.1\r\nHost: vigil.example:8080\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            String res = new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertTrue(res.startsWith("HTTP/1.1 301"), res);
            assertTrue(res.contains("Location: https://vigil.example:" + f.gateway.httpsPort() + "/camera.html?id=cam-01"), res);
        }
    }

    @Test
    void securityHeadersAreSent() throws Exception {
        HttpResponse<String> r = f.get("/login.html", null);
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Security-Policy").orElse("").contains("default-src 'self'"));
        assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(""));
        assertTrue(r.headers().firstValue("Strict-Transport-Security").isPresent());
    }
}
