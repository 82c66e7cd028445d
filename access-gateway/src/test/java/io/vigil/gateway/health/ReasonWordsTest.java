package io.vigil.gateway.health;

import static org.junit.jupiter.api.Assertions.*;

import io.vigil.gateway.CameraStatusView;
import io.vigil.gateway.HealthReport;
import io.vigil.gateway.i18n.StoredReasons;
import io.vigil.storage.Reason;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A camera's reason arrives from ingest as a code and arguments; the gateway words it from
 * the ko and en bundles, a time argument in the site's zone and 24-hour format, and inside
 * another problem ("camera down ... : reason") in the same language.
 */
class ReasonWordsTest {
    private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");
    private static final CameraStatusView WRONG_PASSWORD = new CameraStatusView("FAILED",
            "camera refused the credentials (401 on DESCRIBE); retrying in 15 min", null, "camera.reason.credentials",
            Map.of("nextAt", "2026-12-04T05:03:22Z"));

    @Test
    void aCodedReasonIsWordedInKoreanAndEnglishWithTheNextTryInTheSitesTime() {
        HealthReport.Problem why = WRONG_PASSWORD.reasonInWords();
        assertEquals("사용자 이름 또는 비밀번호가 틀림. 다음 시도 2026-12-04 14:03:22 (카메라 계정이 잠기지 않도록 오래 기다림)", why.render("ko", SEOUL));
        assertEquals("wrong user name or password; next try at 2026-12-04 14:03:22 (a long wait, so the camera does not lock the account)",
                why.render("en", SEOUL));
        assertTrue(why.render("en", ZoneId.of("UTC")).contains("05:03:22"), "the zone decides the hour");
    }

    @Test
    void insideTheCameraDownProblemTheReasonIsInTheSameLanguage() {
        HealthReport.Problem down = new HealthReport.Problem("health.camera.down",
                Map.of("name", "정문", "id", "cam01", "minutes", 7, "reason", WRONG_PASSWORD.reasonInWords()));
        String ko = down.render("ko", SEOUL);
        assertTrue(ko.startsWith("정문(cam01) 카메라가 7분 동안") && ko.endsWith("사용자 이름 또는 비밀번호가 틀림. 다음 시도 2026-12-04 14:03:22 "
                + "(카메라 계정이 잠기지 않도록 오래 기다림)"), ko);
        assertTrue(down.render("en", SEOUL).contains("wrong user name or password"), down.render("en", SEOUL));
    }

    @Test
    void aReasonWithoutAKnownCodeKeepsItsWordsAndNoReasonIsNone() {
        assertEquals("connection refused", new CameraStatusView("DOWN", "connection refused", null).reasonInWords().render("ko", SEOUL));
        assertEquals("sensor says hi", new CameraStatusView("FAILED", "sensor says hi", null, "camera.reason.fromTheFuture", Map.of())
                .reasonInWords().render("ko", SEOUL), "an unknown code (a newer ingest) falls back to the words");
        assertNull(new CameraStatusView("RECORDING", null, Instant.now()).reasonInWords());
    }

    /** The RTSP client's failure arrives encoded inside "connection failed: {detail}": worded too, never English on a Korean page. */
    @Test
    void theClientsFailureInsideAFailedReasonIsWordedInTheSameLanguage() {
        String hungUp = Reason.of("rtsp.failure.cannotConnect", "host", "10.0.0.7", "port", 554, "cause", Reason.of("rtsp.failure.refused")).encode();
        HealthReport.Problem failed = new CameraStatusView("FAILED", "whatever the log said", null, "camera.reason.failed",
                Map.of("detail", hungUp, "nextAt", "2026-12-04T05:03:22Z")).reasonInWords();
        assertEquals("연결 실패: 10.0.0.7:554에 연결할 수 없음: 연결이 거부됨. 다음 시도 2026-12-04 14:03:22", failed.render("ko", SEOUL));
        assertEquals("connection failed: cannot connect to 10.0.0.7:554: the camera refused the connection; next try at 2026-12-04 14:03:22",
                failed.render("en", SEOUL));
    }

    /** A gap's stored reason: a code worded in the reader's language; an older row's English sentence shown as stored. */
    @Test
    void aStoredGapReasonIsWordedAndAnOlderRowShownAsStored() {
        String since = Reason.of("gap.reason.since", "cause", Reason.of("rtsp.failure.closedByCamera"),
                "latest", Reason.of("rtsp.failure.noAnswer", "method", "DESCRIBE", "seconds", 10)).encode();
        assertEquals("카메라가 연결을 끊음. 그 뒤로: 카메라가 10초 안에 DESCRIBE에 답하지 않음", StoredReasons.words(since, "ko", SEOUL));
        assertEquals("camera closed the connection; since then: camera did not answer DESCRIBE within 10 s", StoredReasons.words(since, "en", SEOUL));
        assertEquals("Vigil이 실행 중이 아니었음", StoredReasons.words(Reason.of("gap.reason.notRunning").encode(), "ko", SEOUL));
        assertEquals("camera closed the connection", StoredReasons.words("camera closed the connection", "ko", SEOUL), "an older index's row");
        assertNull(StoredReasons.words(null, "ko", SEOUL));
        String password = Reason.of("gap.reason.passwordUnreadable", "detail", Reason.of("config.secret.fileMissing", "file", "/etc/vigil/cam01.pw")).encode();
        assertEquals("카메라 비밀번호를 읽을 수 없음: 비밀 값 파일 /etc/vigil/cam01.pw이(가) 없습니다", StoredReasons.words(password, "ko", SEOUL));
    }

    @Test
    void anInstantArgumentIsATimeAndAnythingElseNamedAtStaysAsWritten() {
        HealthReport.Problem early = new HealthReport.Problem("health.purge.early",
                Map.of("segments", 8, "destroyedAt", Instant.parse("2026-12-04T15:00:00Z")));
        assertEquals("디스크 부족: 녹화를 계속하려고 보관 기간이 끝나기 전에 가장 오래된 영상 8개 구간을 2026-12-05 00:00:00에 파기했습니다",
                early.render("ko", SEOUL));
        HealthReport.Problem odd = new HealthReport.Problem("health.purge.neverRan", Map.of("startedAt", "not a time"));
        assertTrue(odd.render("en", SEOUL).endsWith("started at not a time"), odd.render("en", SEOUL));
    }
}
