package io.vigil.server.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.purge.ClockAnomaly;
import io.vigil.purge.ClockReading;
import io.vigil.purge.PurgePlan;
import io.vigil.server.i18n.CliText;
import io.vigil.storage.Reason;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@code vigil purge --dry-run} after the wall clock jumped: the anomaly's kind and what the
 * purge does about it are worded from the command line's bundles, in Korean without an English
 * sentence (the ledger keeps the English words of the time).
 */
class PurgeAnomalyWordsTest {
    private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");

    @Test
    void aForwardJumpIsToldInKorean() {
        Instant last = Instant.parse("2026-12-04T00:00:00Z");
        Instant wall = last.plus(Duration.ofHours(6));
        Instant effective = last.plus(Duration.ofMinutes(10));
        Duration lag = Duration.between(effective, wall);
        ClockAnomaly jump = new ClockAnomaly("forward-jump", last, wall, Duration.ofHours(6), "the wall clock advanced ... (English, for the ledger)",
                Reason.of("purge.anomaly.forwardJump", "step", Duration.ofHours(6), "elapsed", Duration.ofMinutes(10), "effectiveAt", effective, "lag", lag));
        PurgePlan plan = new PurgePlan(new ClockReading(wall, effective, lag, Optional.of(jump)), Duration.ofDays(14),
                effective.minus(Duration.ofDays(14)), List.of(), List.of(), List.of(), -1, 0);
        String ko = PurgePlanText.render(plan, CliText.of("ko"), SEOUL);
        assertTrue(ko.contains("시계: 지난 실행(2026-12-04 09:00:00) 이후 PT6H 변화(앞으로 건너뜀). 이 프로세스의 단조 시계로는 PT10M만 지났는데"), ko);
        assertTrue(ko.contains("(2026-12-04 09:10:00까지)"), "the purge clock's time in the site's zone: " + ko);
        KoreanFramesTest.assertKoreanOnly(ko);
        String en = PurgePlanText.render(plan, CliText.of("en"), SEOUL);
        assertTrue(en.contains("Clock: forward jump step of PT6H since the last run at 2026-12-04 09:00:00; the wall clock advanced PT6H"), en);
    }
}
