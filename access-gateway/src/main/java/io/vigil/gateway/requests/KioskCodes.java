package io.vigil.gateway.requests;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The one-time kiosk code of an approved viewing (docs/requests.md, "Deciding"): 10
 * characters from an alphabet without look-alikes, shown once; only its SHA-256 is kept in
 * the record. It works once, until it expires, and only for an approved viewing.
 */
final class KioskCodes {
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private final SecureRandom random = new SecureRandom();
    private final Clock clock;
    private final Duration validity;

    KioskCodes(Clock clock, Duration validity) {
        this.clock = clock;
        this.validity = validity;
    }

    /** Puts a fresh code's hash in the record (the old code stops working); returns the code as it is handed over. */
    String issue(SubjectRequest r, String actor) {
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < 10; i++) code.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        Instant now = clock.instant();
        r.kiosk = new SubjectRequest.KioskCode(RequestCodec.sha256(normalize(code.toString())), now, actor, now.plus(validity), null, null);
        return code.substring(0, 5) + "-" + code.substring(5);
    }

    /**
     * Checks the code (right, unused, unexpired, the request approved), runs {@code ready}
     * (which may throw to refuse without using the code up), then marks it used in the record;
     * the caller stores the record before answering, so the code works once even across a crash.
     */
    void use(SubjectRequest r, String code, String staffPresent, Consumer<SubjectRequest> ready) {
        Instant now = clock.instant();
        if (r.kiosk == null || code == null || !r.kiosk.codeSha256().equals(RequestCodec.sha256(normalize(code)))) {
            throw RequestException.forbidden("unknown request number or code");
        }
        if (r.kiosk.usedAt() != null) throw RequestException.forbidden("this code was already used at " + r.kiosk.usedAt());
        if (!now.isBefore(r.kiosk.expiresAt())) throw RequestException.forbidden("this code expired at " + r.kiosk.expiresAt());
        RequestJournal.requireApproved(r, "viewing");
        ready.accept(r);
        r.kiosk = new SubjectRequest.KioskCode(r.kiosk.codeSha256(), r.kiosk.issuedAt(), r.kiosk.issuedBy(), r.kiosk.expiresAt(), now, staffPresent);
    }

    /** Codes are typed by people: case, spaces and dashes do not matter. */
    private static byte[] normalize(String code) {
        return code.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "").getBytes(StandardCharsets.US_ASCII);
    }
}
