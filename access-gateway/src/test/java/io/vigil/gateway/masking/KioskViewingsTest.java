package io.vigil.gateway.masking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vigil.config.CameraId;
import io.vigil.gateway.http.ApiException;
import io.vigil.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A kiosk viewing lasts the configured length ({@code subjectRequests.kioskViewingLength}), not a fixed two hours. */
class KioskViewingsTest {
    @Test
    void aViewingEndsAfterTheConfiguredLength() {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-01T01:00:00Z"));
        KioskViewings viewings = new KioskViewings(clock, Duration.ofMinutes(45));
        KioskViewings.Viewing v = viewings.open("SR-2026-0001", List.of(CameraId.of("cam-01")), "manager.kang");
        assertEquals(clock.instant().plus(Duration.ofMinutes(45)), v.endsAt());
        clock.advance(Duration.ofMinutes(44));
        assertEquals(v, viewings.require(v.id(), "manager.kang"), "still open a minute before its end");
        ApiException other = assertThrows(ApiException.class, () -> viewings.require(v.id(), "manager.lee"));
        assertEquals("masking.refused.kiosk-viewing-unknown", other.key(), "another staff member's session does not play it");
        clock.advance(Duration.ofMinutes(1));
        ApiException ended = assertThrows(ApiException.class, () -> viewings.require(v.id(), "manager.kang"));
        assertEquals("masking.refused.kiosk-viewing-ended", ended.key());
        assertEquals(v.endsAt().toString(), String.valueOf(ended.params().get("at")));
    }
}
