package io.vigil.gateway.masking;

import io.vigil.config.CameraId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vigil.gateway.http.ApiException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

/** A kiosk viewing lasts the configured length ({@code subjectRequests.kioskViewingLength}), not a fixed two hours. */
class KioskViewingsTest {
    /** A clock the test moves (the viewings read the time through it). */
    private static final class MovableClock extends Clock {
        Instant now = Instant.parse("2026-12-01T01:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void aViewingEndsAfterTheConfiguredLength() {
        MovableClock clock = new MovableClock();
        KioskViewings viewings = new KioskViewings(clock, Duration.ofMinutes(45));
        KioskViewings.Viewing v = viewings.open("SR-2026-0001", List.of(CameraId.of("cam-01")), "manager.kang");
        assertEquals(clock.now.plus(Duration.ofMinutes(45)), v.endsAt());
        clock.now = clock.now.plus(Duration.ofMinutes(44));
        assertEquals(v, viewings.require(v.id(), "manager.kang"), "still open a minute before its end");
        ApiException other = assertThrows(ApiException.class, () -> viewings.require(v.id(), "manager.lee"));
        assertEquals("masking.refused.kiosk-viewing-unknown", other.key(), "another staff member's session does not play it");
        clock.now = clock.now.plus(Duration.ofMinutes(1));
        ApiException ended = assertThrows(ApiException.class, () -> viewings.require(v.id(), "manager.kang"));
        assertEquals("masking.refused.kiosk-viewing-ended", ended.key());
        assertEquals(v.endsAt().toString(), String.valueOf(ended.params().get("at")));
    }
}
