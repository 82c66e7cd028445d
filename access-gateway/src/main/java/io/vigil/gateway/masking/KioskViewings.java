package io.vigil.gateway.masking;

import io.vigil.config.CameraId;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Viewings opened at the kiosk with a one-time code: which request, which masked copies,
 * the staff member present (only their session may play them) and until when (opened plus the
 * configured {@code subjectRequests.kioskViewingLength}). In memory:
 * a viewing does not outlive the server (the subject is in the room; a restart ends it).
 */
public final class KioskViewings {
    /** One open viewing. */
    public record Viewing(String id, String number, List<CameraId> cameras, String staff, Instant openedAt, Instant endsAt) {}

    private final Map<String, Viewing> open = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;
    private final Duration length;

    /** @param length how long a viewing may last once opened ({@code subjectRequests.kioskViewingLength}, validated by the config) */
    public KioskViewings(Clock clock, Duration length) {
        this.clock = clock;
        this.length = length;
    }

    public Viewing open(String number, List<CameraId> cameras, String staff) {
        byte[] b = new byte[18];
        random.nextBytes(b);
        Instant now = clock.instant();
        Viewing v = new Viewing(Base64.getUrlEncoder().withoutPadding().encodeToString(b), number, List.copyOf(cameras), staff, now, now.plus(length));
        open.put(v.id(), v);
        return v;
    }

    /** The open viewing for this staff member, or the refusal (unknown, another person's, ended). */
    public Viewing require(String id, String staff) {
        Viewing v = open.get(id);
        if (v == null || !v.staff().equals(staff)) {
            throw MaskingErrors.refused(HttpResponseStatus.FORBIDDEN, "kiosk-viewing-unknown", Map.of());
        }
        if (!clock.instant().isBefore(v.endsAt())) {
            open.remove(id);
            throw MaskingErrors.refused(HttpResponseStatus.FORBIDDEN, "kiosk-viewing-ended", Map.of("at", v.endsAt().toString()));
        }
        return v;
    }

    /** Ends a viewing; returns it, or null when it was not open. */
    public Viewing end(String id, String staff) {
        Viewing v = require(id, staff);
        open.remove(id);
        return v;
    }
}
