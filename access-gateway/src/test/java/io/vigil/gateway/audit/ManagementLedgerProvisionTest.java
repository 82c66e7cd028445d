package io.vigil.gateway.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.gateway.GatewayFixture;
import io.vigil.gateway.FreshGatewayTest;
import io.vigil.gateway.GatewayFixture.Login;
import io.vigil.gateway.i18n.Messages;
import io.vigil.gateway.requests.RequestForm;
import io.vigil.gateway.requests.RequestWorkflow;
import io.vigil.gateway.requests.SubjectRequest;
import io.vigil.storage.LedgerRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The management ledger's provisions through the API, over a real store: an export carries
 * the legal basis chosen for it (in the reader's words), and a masked copy released to a
 * requester is a provision to that requester (named by request number only), with its legal
 * basis, its form and its period. (The release through the review page is in
 * web/SubjectRequestFlowTest; here the release's ledger entry is written as the masking
 * service writes it, through the request's fulfilment.)
 */
class ManagementLedgerProvisionTest extends FreshGatewayTest {

    @Test
    void anExportAndAReleasedMaskedCopyAreProvisionsWithTheirLegalBasis() throws Exception {
        Login staff = f.login("staff");
        String grant = f.grant(staff, "cam-01");
        assertEquals(200, f.post("/api/v1/grants/" + grant + "/export?camera=cam-01",
                "{\"recipient\":\"Seoul police, case 2026-118\",\"legalBasis\":\"warrant\"}", staff).statusCode());
        RequestWorkflow requests = f.gateway.context().requests();
        SubjectRequest r = requests.register(new RequestForm("Lee Jisoo", "010-1234-5678", "passport", "manager",
                GatewayFixture.NOW.minusSeconds(60), false, null, null, null, List.of("view"), List.of("cam-01"),
                GatewayFixture.T0, GatewayFixture.T0.plusSeconds(4), "grey jacket", "lost wallet", false), "manager");
        requests.approve(r.number(), "officer", "shows the requester");
        requests.recordFulfilment(r.number(), "copy", "manager", "masked copy of cam-01 released",
                new LedgerRecord("subject-request.copy-release", Instant.EPOCH, "manager", "cam-01", r.from(), r.to(),
                        "subject request " + r.number() + ": view (masked copy)", RequestWorkflow.subjectOf(r),
                        "PIPA Art. 35; video policy Art. 6", "provision: masked MP4 with signed manifest (originals never leave)", null,
                        Map.of("camera", "cam-01")));

        Login officer = f.login("officer");
        String period = "from=" + GatewayFixture.NOW.minusSeconds(3600) + "&to=" + GatewayFixture.NOW.plusSeconds(3600);
        List<JsonNode> en = provisions(GatewayFixture.json(f.get("/api/v1/ledger/management?" + period + "&lang=en", officer)));
        assertEquals(2, en.size(), en.toString());
        JsonNode export = en.get(0);
        assertEquals("Seoul police, case 2026-118", export.get("party").asText());
        assertEquals("A search and seizure warrant (Criminal Procedure Act Art. 215)", export.get("legalBasis").asText());
        JsonNode copy = en.get(1);
        assertEquals("Provision", copy.get("typeLabel").asText());
        assertEquals("Data subject of " + r.number() + " (the requester)", copy.get("party").asText());
        assertEquals("PIPA Art. 35; video policy Art. 6", copy.get("legalBasis").asText());
        assertEquals("Masked copy (MP4) with a signed manifest; the originals never leave", copy.get("form").asText());
        assertEquals("Given once at 2026-11-24 21:00:00; the requester keeps it", copy.get("period").asText());
        assertEquals("manager", copy.get("staff").asText());

        Map<String, String> ko = Messages.get().bundle("ko");
        List<JsonNode> inKorean = provisions(GatewayFixture.json(f.get("/api/v1/ledger/management?" + period + "&lang=ko", officer)));
        assertEquals(ko.get("export.basis.warrant"), inKorean.get(0).get("legalBasis").asText());
        assertEquals("정보주체(" + r.number() + " 요구자)", inKorean.get(1).get("party").asText());
        assertEquals("2026-11-24 21:00:00 1회 제공(요구자 본인 보유)", inKorean.get(1).get("period").asText());
        assertTrue(inKorean.get(1).get("form").asText().startsWith("마스킹 처리한 사본(MP4)"));
    }

    private static List<JsonNode> provisions(JsonNode body) {
        JsonNode rows = body.has("rows") ? body.get("rows") : body;
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode row : rows) if (row.get("type").asText().equals("provision")) out.add(row);
        return out;
    }
}
