package io.vigil.gateway.requests;

import io.vigil.config.CameraId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.gateway.GatewayFixture;
import io.vigil.gateway.FreshGatewayTest;
import io.vigil.gateway.GatewayFixture.Login;
import io.vigil.storage.LedgerEntry;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The written notices of a subject request as the requester gets them: PDF drawn by PDFBox
 * with the Hangul font embedded, read back by poppler's {@code pdftotext} (a program nobody
 * here wrote), in Korean and English, with the request's fields and Hangul intact; the
 * printable HTML escaped; a notice for something that did not happen refused; every notice
 * issued ledgered without the requester's name.
 */
class NoticesApiTest extends FreshGatewayTest {
    private static final String KOREAN_NAME = "김민지";

    Login manager, officer;

    @BeforeEach
    void start() throws Exception {
        manager = f.login("manager");
        officer = f.login("officer");
    }

    private String register(String kinds, String window) throws Exception {
        String body = RequestFixtures.body(kinds).replace(RequestFixtures.NAME, KOREAN_NAME);
        if (window != null) body = body.replace("\"to\":\"" + GatewayFixture.T0.plusSeconds(10), "\"to\":\"" + window);
        HttpResponse<String> r = f.post("/api/v1/requests", body, manager);
        assertEquals(201, r.statusCode(), r.body());
        return GatewayFixture.json(r).get("number").asText();
    }

    /** The notice as pdftotext reads it, whitespace removed (lines wrap where the layout put them). */
    private String pdfText(String number, String kind, String lang, String extra) throws Exception {
        return pdfTextAt("/api/v1/requests/" + number + "/notices/" + kind + "?format=pdf&lang=" + lang + extra, number + "-" + kind + "-" + lang);
    }

    /** The PDF at {@code path} (its file name {@code name}.pdf) as pdftotext reads it, whitespace removed. */
    private String pdfTextAt(String path, String name) throws Exception {
        HttpResponse<byte[]> r = f.getBytes(path, manager);
        assertEquals(200, r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
        assertEquals("application/pdf", r.headers().firstValue("Content-Type").orElse(""));
        assertTrue(r.headers().firstValue("Content-Disposition").orElse("").contains(name + ".pdf"));
        Path pdf = dir.resolve(name + ".pdf");
        Files.write(pdf, r.body());
        if (System.getProperty("notice.keep") != null) Files.write(Path.of(System.getProperty("notice.keep"), pdf.getFileName().toString()), r.body());
        Process p = new ProcessBuilder("pdftotext", "-enc", "UTF-8", pdf.toString(), "-").redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "pdftotext finished");
        assertEquals(0, p.exitValue(), new String(out, StandardCharsets.UTF_8));
        Process fonts = new ProcessBuilder("pdffonts", pdf.toString()).redirectErrorStream(true).start();
        String fontList = new String(fonts.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(fonts.waitFor(60, TimeUnit.SECONDS));
        assertTrue(fontList.contains("NanumGothic") && fontList.contains(" yes "), "the Hangul font is embedded: " + fontList);
        return squash(new String(out, StandardCharsets.UTF_8));
    }

    private static String squash(String s) {
        return s.replaceAll("\\s+", "");
    }

    private static void contains(String text, String... expected) {
        for (String e : expected) assertTrue(text.contains(squash(e)), "'" + e + "' in " + text);
    }

    @Test
    void receiptInKoreanAndEnglishCarriesTheRequestsFieldsWithHangulIntact() throws Exception {
        String n = register("\"view\",\"delete\"", null);
        // received 2026-11-24 21:00 in Seoul: last day 2026-12-04; the window 19:00:00-19:00:10 Seoul time
        String ko = pdfText(n, "receipt", "ko", "");
        contains(ko, "개인영상정보 열람 등 요구 접수 확인서", n, KOREAN_NAME, "열람, 삭제", "카메라 cam-01, 2026-11-24 19:00:00부터 2026-11-24 19:00:10까지",
                "여권", "2026-12-04", "정기 삭제(14일)로 파기되지 않습니다");
        String en = pdfText(n, "receipt", "en", "");
        contains(en, "Acknowledgement of receipt of your request", n, KOREAN_NAME, "View, Delete", "Passport", "2026-12-04",
                "Cameras cam-01, from 2026-11-24 19:00:00 to 2026-11-24 19:00:10");
        assertFalse(en.contains(squash("접수 확인서")), "the English notice is in English");
    }

    @Test
    void refusalAndDeferralNoticesGiveTheReasonAndTheRoutesOfObjection() throws Exception {
        String refused = register("\"view\"", null);
        assertEquals(409, f.getBytes("/api/v1/requests/" + refused + "/notices/refusal?format=pdf", manager).statusCode(), "not refused yet");
        HttpResponse<String> r = f.post("/api/v1/requests/" + refused + "/refuse",
                "{\"grounds\":[\"cannot-mask\",\"pipa-35-4-2\"],\"text\":\"twelve other patients in the waiting room\"}", officer);
        assertEquals(200, r.statusCode(), r.body());
        String ko = pdfText(refused, "refusal", "ko", "");
        contains(ko, "개인영상정보 열람 등 거절 통지서", refused, KOREAN_NAME, "영상 속 다른 사람을 가릴(마스킹) 수 없는 경우",
                "제35조제4항제2호", "twelve other patients in the waiting room", "이의 제기 방법", "병원의 보호책임자",
                "개인정보 분쟁조정위원회", "1833-6972", "「행정심판법」에 따른 행정심판");
        String en = pdfText(refused, "refusal", "en", "");
        contains(en, "Notice of refusal", "The other people in the footage cannot be masked", "PIPA Art. 35(4) 2", "How to object",
                "Personal Information Dispute Mediation Committee", "1833-6972", "Administrative Appeals Act");

        String deferred = register("\"view\"", null);
        r = f.post("/api/v1/requests/" + deferred + "/defer", "{\"until\":\"2026-12-10\",\"reason\":\"the footage must be masked first\"}", officer);
        assertEquals(200, r.statusCode(), r.body());
        contains(pdfText(deferred, "deferral", "ko", ""), "연기 통지서", "2026-12-10", "the footage must be masked first", "1833-6972");
    }

    /**
     * A notice is kept as issued: the deferral notice prints again, word for word, after the
     * request was approved (when the deferral is no longer its decision); the list says when
     * each was issued and in which state; printing the same notice again is not a new notice.
     */
    @Test
    void aDeferralNoticePrintsAgainAsIssuedAfterTheRequestWasApproved() throws Exception {
        String n = register("\"view\"", null);
        assertEquals(0, GatewayFixture.json(f.get("/api/v1/requests/" + n + "/issued-notices", manager)).size(), "nothing issued yet");
        assertEquals(200, f.post("/api/v1/requests/" + n + "/defer",
                "{\"until\":\"2026-12-10\",\"reason\":\"the footage must be masked first\"}", officer).statusCode());
        contains(pdfText(n, "deferral", "ko", ""), "연기 통지서", "the footage must be masked first");
        assertEquals(200, f.get("/api/v1/requests/" + n + "/notices/deferral?lang=ko", manager).statusCode(), "its HTML: the same notice");
        contains(pdfText(n, "deferral", "en", ""), "Notice of deferral", "2026-12-10");
        assertEquals(200, f.post("/api/v1/requests/" + n + "/approve", "{}", officer).statusCode());
        assertEquals(409, f.get("/api/v1/requests/" + n + "/notices/deferral?lang=ko", manager).statusCode(), "no longer the decision");

        JsonNode issued = GatewayFixture.json(f.get("/api/v1/requests/" + n + "/issued-notices", manager));
        assertEquals(2, issued.size(), issued.toString());
        JsonNode ko = issued.get(0);
        assertEquals(1, ko.get("id").asInt());
        assertEquals("deferral", ko.get("kind").asText());
        assertEquals("ko", ko.get("language").asText());
        assertEquals("deferred", ko.get("state").asText());
        assertEquals(GatewayFixture.NOW.toString(), ko.get("issuedAt").asText());
        assertEquals("manager", ko.get("issuedBy").asText());
        assertTrue(ko.get("available").asBoolean());
        assertEquals("en", issued.get(1).get("language").asText());

        String again = pdfTextAt("/api/v1/requests/" + n + "/issued-notices/1?format=pdf", n + "-deferral-ko-1");
        contains(again, "연기 통지서", n, KOREAN_NAME, "2026-12-10", "the footage must be masked first", "1833-6972", "재발급");
        HttpResponse<String> html = f.get("/api/v1/requests/" + n + "/issued-notices/2?format=html", manager);
        assertEquals(200, html.statusCode(), html.body());
        assertTrue(html.body().contains("Notice of deferral") && html.body().contains("reprinted"), html.body());
        assertEquals(404, f.get("/api/v1/requests/" + n + "/issued-notices/7", manager).statusCode());
        assertEquals(403, f.get("/api/v1/requests/" + n + "/issued-notices", f.login("staff")).statusCode(), "staff do not handle requests");

        List<LedgerEntry> reprints = f.store.ledger().search(e -> e.record().type().equals("subject-request.notice")
                && e.record().details().containsKey("reprintOf"), 10);
        assertEquals(List.of("1", "2"), reprints.stream().map(e -> e.record().details().get("reprintOf")).toList());

        // The kept words carry the requester's name: blanked with the personal data, the list stays.
        assertEquals(200, f.post("/api/v1/requests/" + n + "/close", "{\"reason\":\"viewed\"}", manager).statusCode());
        f.clock.advance(Duration.ofDays(366));
        assertEquals(1, f.gateway.context().requests().erasePersonalDataDue());
        manager = f.login("manager"); // a year later: a new session
        JsonNode after = GatewayFixture.json(f.get("/api/v1/requests/" + n + "/issued-notices", manager));
        assertEquals(2, after.size(), after.toString());
        assertFalse(after.get(0).get("available").asBoolean(), after.toString());
        HttpResponse<String> gone = f.get("/api/v1/requests/" + n + "/issued-notices/1", manager);
        assertEquals(410, gone.statusCode(), gone.body());
        assertEquals("notice.unavailable.erased", GatewayFixture.json(gone).get("key").asText());
        assertTrue(f.store.table(io.vigil.storage.VigilStore.REQUESTS).scan("req/").stream()
                .noneMatch(e -> new String(e.getValue(), StandardCharsets.UTF_8).contains(KOREAN_NAME)), "the name is nowhere in the record");
    }

    @Test
    void viewingExistenceAndDestructionNoticesStateWhatHappened() throws Exception {
        String n = register("\"view\",\"confirm-existence\",\"delete\"", GatewayFixture.T0.plusSeconds(4).toString());
        assertEquals(200, f.post("/api/v1/requests/" + n + "/approve", "{}", officer).statusCode());
        contains(pdfText(n, "viewing", "en", "&at=2026-11-26T14:00"), "Notice of viewing", "2026-11-26 14:00:00",
                "In the hospital", "one-time code", "Other people in the picture are masked");
        contains(pdfText(n, "viewing", "ko", ""), "열람 통지서", "늦어도 2026-11-27 21:00:00까지");

        assertEquals(409, f.getBytes("/api/v1/requests/" + n + "/notices/existence?format=pdf", manager).statusCode(), "not confirmed yet");
        assertEquals(200, f.post("/api/v1/requests/" + n + "/existence", "{}", manager).statusCode());
        contains(pdfText(n, "existence", "ko", ""), "존재 확인 통지서", "카메라 cam-01: 4초 녹화됨", "2026-11-24 19:00:00 – 2026-11-24 19:00:04");

        f.gateway.context().holds().place(List.of(CameraId.of("cam-01")), GatewayFixture.T0.plusSeconds(2), GatewayFixture.T0.plusSeconds(3),
                "police request", "Seoul police case 2026-118", GatewayFixture.NOW.plus(Duration.ofDays(30)), "officer");
        assertEquals(200, f.post("/api/v1/requests/" + n + "/erase", "{}", manager).statusCode());
        String en = pdfText(n, "destruction", "en", "");
        contains(en, "Confirmation of destruction", "1 segment(s)", "Cryptographic erase",
                "1 segment(s) of your footage were not destroyed", "Seoul police case 2026-118 · police request",
                "PIPA Art. 36(1), proviso", "How to object");
        contains(pdfText(n, "destruction", "ko", ""), "파기 확인서", "1개 구간", "Seoul police case 2026-118");
    }

    @Test
    void theHtmlNoticeIsEscapedTheListSaysWhatExistsAndEachNoticeIsLedgeredWithoutTheName() throws Exception {
        HttpResponse<String> created = f.post("/api/v1/requests", RequestFixtures.body("\"view\"").replace(RequestFixtures.NAME, KOREAN_NAME + "<i>"), manager);
        String n = GatewayFixture.json(created).get("number").asText();
        HttpResponse<String> html = f.get("/api/v1/requests/" + n + "/notices/receipt?lang=ko", manager);
        assertEquals(200, html.statusCode(), html.body());
        assertTrue(html.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(html.body().contains("<html lang=\"ko\">"), html.body());
        assertTrue(html.body().contains(KOREAN_NAME + "&lt;i&gt;") && html.body().contains("접수 확인서"), html.body());
        assertFalse(html.body().contains(KOREAN_NAME + "<i>"), "the requester's words are escaped");
        assertFalse(html.body().contains("<script"), "no script in a notice");
        String csp = html.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(csp.startsWith("default-src 'none'; style-src 'sha256-"), "the notice's style by hash, nothing else: " + csp);

        JsonNode list = GatewayFixture.json(f.get("/api/v1/requests/" + n + "/notices", manager));
        assertEquals(6, list.size());
        assertTrue(list.get(0).get("available").asBoolean(), "receipt");
        assertEquals("notice.unavailable.not-refused", list.get(4).get("unavailableKey").asText());
        HttpResponse<String> refused = f.get("/api/v1/requests/" + n + "/notices/refusal", manager);
        assertEquals(409, refused.statusCode());
        assertEquals("notice.unavailable.not-refused", GatewayFixture.json(refused).get("key").asText());
        assertEquals(404, f.get("/api/v1/requests/" + n + "/notices/poem", manager).statusCode());

        List<LedgerEntry> notices = f.store.ledger().search(e -> e.record().type().equals("subject-request.notice"), 10);
        assertEquals(1, notices.size(), "one notice issued, the refused one not");
        assertEquals("receipt", notices.get(0).record().details().get("notice"));
        assertEquals("ko", notices.get(0).record().details().get("language"));
        assertFalse(notices.get(0).record().toString().contains(KOREAN_NAME), "no personal data in the ledger");
    }

    @Test
    void withoutAHangulFontThePdfIsRefusedNamingThePackageAndTheHtmlStillWorks() throws Exception {
        String n = register("\"view\"", null);
        System.setProperty("vigil.hangulFont", dir.resolve("no-such-font.ttf").toString());
        try {
            HttpResponse<String> r = f.get("/api/v1/requests/" + n + "/notices/receipt?format=pdf&lang=ko", manager);
            assertEquals(503, r.statusCode(), r.body());
            JsonNode body = GatewayFixture.json(r);
            assertEquals("error.no-hangul-font", body.get("key").asText());
            assertTrue(body.get("message").asText().contains("no-such-font.ttf") && body.get("message").asText().contains("fonts-nanum"),
                    body.toString());
            assertEquals(200, f.get("/api/v1/requests/" + n + "/notices/receipt?lang=ko", manager).statusCode(), "HTML needs no font");
        } finally {
            System.clearProperty("vigil.hangulFont");
        }
        assertEquals(200, f.getBytes("/api/v1/requests/" + n + "/notices/receipt?format=pdf&lang=ko", manager).statusCode());
    }
}
