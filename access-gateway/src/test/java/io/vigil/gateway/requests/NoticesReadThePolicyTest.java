package io.vigil.gateway.requests;

import static org.junit.jupiter.api.Assertions.*;

import io.vigil.config.PolicyConfig;
import io.vigil.gateway.GatewayFixture.Login;
import io.vigil.gateway.GatewayFixture;
import io.vigil.gateway.GatewaySite;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The officer and the viewing place are written once, in the policy section that /policy
 * publishes; the subject-request notices print the same: the viewing notice's place, the
 * refusal notice's first route of objection (docs/policy.md, "One place for each fact").
 */
class NoticesReadThePolicyTest {
    private static final PolicyConfig POLICY = new PolicyConfig(new PolicyConfig.Person("허신영", "상담실", "031-625-8596"),
            new PolicyConfig.Person("이빈나", "진료부", null), "병원 서버실", "병원 1층 원무과 옆 상담실", LocalDate.of(2022, 12, 15));

    @TempDir
    Path dir;

    @Test
    void theViewingNoticeAndTheRoutesOfObjectionNameThePolicysPlaceAndOfficer() throws Exception {
        try (GatewayFixture f = new GatewayFixture(dir, GatewaySite.api().withPolicy(POLICY))) {
            Login manager = f.login("manager");
            Login officer = f.login("officer");
            String viewing = register(f, manager);
            assertEquals(200, f.post("/api/v1/requests/" + viewing + "/approve", "{}", officer).statusCode());
            String ko = html(f, viewing, "viewing", "ko", manager);
            assertTrue(ko.contains("병원 1층 원무과 옆 상담실"), ko);
            assertFalse(ko.contains("영상정보 관리 담당자에게 문의"), "the place is configured, not the default: " + ko);

            String refused = register(f, manager);
            HttpResponse<String> r = f.post("/api/v1/requests/" + refused + "/refuse",
                    "{\"grounds\":[\"cannot-mask\"],\"text\":\"twelve other patients in the waiting room\"}", officer);
            assertEquals(200, r.statusCode(), r.body());
            String en = html(f, refused, "refusal", "en", manager);
            assertTrue(en.contains("privacy officer: 허신영 (상담실), 031-625-8596"), en);
        }
    }

    private static String register(GatewayFixture f, Login manager) throws Exception {
        HttpResponse<String> r = f.post("/api/v1/requests", RequestFixtures.body("\"view\""), manager);
        assertEquals(201, r.statusCode(), r.body());
        return GatewayFixture.json(r).get("number").asText();
    }

    private static String html(GatewayFixture f, String number, String kind, String lang, Login who) throws Exception {
        HttpResponse<byte[]> r = f.getBytes("/api/v1/requests/" + number + "/notices/" + kind + "?lang=" + lang, who);
        String body = new String(r.body(), StandardCharsets.UTF_8);
        assertEquals(200, r.statusCode(), body);
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/html"), r.headers().toString());
        return body;
    }
}
