package io.vigil.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 10's input rules over real HTTPS: lone surrogates, invisible purposes, absurd dates, over-long holds. */
class InputBoundsTest {
    @TempDir Path dir;

    /** Every answer, including Netty's own 100, 413 and 417, carries the security headers. */
    @Test
    void securityHeadersOnEveryStatus() throws Exception {
        try (GatewayFixture f = new GatewayFixture(dir)) {
            String head = "POST /api/v1/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nConnection: close\r\n";
            String tooLarge = f.raw(head + "Content-Length: 100000\r\n\r\n{");
            assertSecured(tooLarge, "413");
            String tooLargeExpected = f.raw(head + "Expect: 100-continue\r\nContent-Length: 100000\r\n\r\n");
            assertSecured(tooLargeExpected, "413");
            String unknownExpectation = f.raw(head + "Expect: teapot\r\nContent-Length: 2\r\n\r\n{}");
            assertSecured(unknownExpectation, "417");
            String continued = f.raw(head + "Expect: 100-continue\r\nContent-Length: 2\r\n\r\n{}");
            assertSecured(continued, "100");
        }
    }

    private static void assertSecured(String response, String status) {
        assertTrue(response.startsWith("HTTP/1.1 " + status), response);
        String head = response.substring(0, response.indexOf("\r\n\r\n")).toLowerCase(java.util.Locale.ROOT);
        for (String h : new String[] {"strict-transport-security:", "x-content-type-options: nosniff",
                "content-security-policy:", "x-frame-options: deny", "cache-control: no-store"}) {
            assertTrue(head.contains(h), status + " lacks " + h + ":\n" + head);
        }
    }

    @Test
    void badTextAndDatesAreRefusedWithTheFieldNamedNever500() throws Exception {
        try (GatewayFixture f = new GatewayFixture(dir)) {
            HttpResponse<String> surrogate = f.post("/api/v1/login",
                    "{\"username\":\"al\\ud800ice\",\"password\":\"whatever-password\"}", null);
            assertEquals(400, surrogate.statusCode(), surrogate.body());
            assertTrue(surrogate.body().contains("username"), surrogate.body());

            GatewayFixture.Login staff = f.login("staff");
            String invisible = GatewayFixture.grantBody(GatewayFixture.T0, GatewayFixture.T0.plusSeconds(60), "cam-01")
                    .replace("theft reported in ward A", "\\u200b\\u200b\\u200b \\u2066\\u3164\\u00a0");
            HttpResponse<String> purpose = f.post("/api/v1/grants", invisible, staff);
            assertEquals(400, purpose.statusCode(), purpose.body());
            assertTrue(purpose.body().contains("purposeText"), purpose.body());
            String loneInPurpose = GatewayFixture.grantBody(GatewayFixture.T0, GatewayFixture.T0.plusSeconds(60), "cam-01")
                    .replace("theft reported in ward A", "theft \\udc00 in ward A");
            assertEquals(400, f.post("/api/v1/grants", loneInPurpose, staff).statusCode());

            GatewayFixture.Login officer = f.login("officer");
            Instant t0 = GatewayFixture.T0;
            String hold = "{\"cameras\":[\"cam-01\"],\"from\":\"" + t0 + "\",\"to\":\"" + t0.plusSeconds(600)
                    + "\",\"reason\":\"police request\",\"reference\":\"case 42\",\"expiresAt\":\"EXPIRES\"}";
            HttpResponse<String> farFuture = f.post("/api/v1/holds", hold.replace("EXPIRES", "+999999999-12-31T00:00:00Z"), officer);
            assertEquals(400, farFuture.statusCode(), farFuture.body());
            assertTrue(farFuture.body().contains("expiresAt"), farFuture.body());
            HttpResponse<String> sixYears = f.post("/api/v1/holds",
                    hold.replace("EXPIRES", GatewayFixture.NOW.plusSeconds(6L * 366 * 86400).toString()), officer);
            assertEquals(400, sixYears.statusCode(), sixYears.body());
            assertTrue(sixYears.body().contains("5 years"), sixYears.body());
            HttpResponse<String> blankReason = f.post("/api/v1/holds", hold.replace("police request", "\\u200b\\u200c\\u200d\\ufeff")
                    .replace("EXPIRES", GatewayFixture.NOW.plusSeconds(86400 * 30).toString()), officer);
            assertEquals(400, blankReason.statusCode(), blankReason.body());
            HttpResponse<String> ok = f.post("/api/v1/holds",
                    hold.replace("EXPIRES", GatewayFixture.NOW.plusSeconds(4L * 365 * 86400).toString()), officer);
            assertEquals(201, ok.statusCode(), ok.body());
        }
    }

    /** The hold maximum comes from retention.holdMaximumYears: with 1 year configured, 13 months is refused naming the field. */
    @Test
    void holdMaximumIsTheConfiguredOne() throws Exception {
        try (GatewayFixture f = new GatewayFixture(dir, GatewaySite.api().withRetention(new io.vigil.config.RetentionConfig(14, 14, java.time.Duration.ofMinutes(10), 0, 1)))) {
            GatewayFixture.Login officer = f.login("officer");
            Instant t0 = GatewayFixture.T0;
            String hold = "{\"cameras\":[\"cam-01\"],\"from\":\"" + t0 + "\",\"to\":\"" + t0.plusSeconds(600)
                    + "\",\"reason\":\"police request\",\"reference\":\"case 42\",\"expiresAt\":\"EXPIRES\"}";
            HttpResponse<String> thirteenMonths = f.post("/api/v1/holds",
                    hold.replace("EXPIRES", GatewayFixture.NOW.plusSeconds(395L * 86400).toString()), officer);
            assertEquals(400, thirteenMonths.statusCode(), thirteenMonths.body());
            com.fasterxml.jackson.databind.JsonNode error = GatewayFixture.json(thirteenMonths);
            assertEquals("expiresAt", error.get("params").get("field").asText(), thirteenMonths.body());
            assertTrue(error.get("message").asText().contains("at most 1 year from now"), thirteenMonths.body());
            HttpResponse<String> elevenMonths = f.post("/api/v1/holds",
                    hold.replace("EXPIRES", GatewayFixture.NOW.plusSeconds(335L * 86400).toString()), officer);
            assertEquals(201, elevenMonths.statusCode(), elevenMonths.body());
            String id = GatewayFixture.json(elevenMonths).get("id").asText();
            HttpResponse<String> extendTooFar = f.post("/api/v1/holds/" + id + "/extend",
                    "{\"expiresAt\":\"" + GatewayFixture.NOW.plusSeconds(400L * 86400) + "\"}", officer);
            assertEquals(400, extendTooFar.statusCode(), extendTooFar.body());
            assertTrue(extendTooFar.body().contains("expiresAt"), extendTooFar.body());
            f.clock.advance(java.time.Duration.ofDays(300));
            HttpResponse<String> extendLater = f.post("/api/v1/holds/" + id + "/extend",
                    "{\"expiresAt\":\"" + GatewayFixture.NOW.plusSeconds(400L * 86400) + "\"}", f.login("officer"));
            assertEquals(200, extendLater.statusCode(), extendLater.body());
        }
    }
}
