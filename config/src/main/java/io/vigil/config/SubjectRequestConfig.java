package io.vigil.config;

import java.time.Duration;
import java.util.List;

/**
 * Where subject requests are handled at this site (YAML {@code subjectRequests}, docs/requests.md).
 * The viewing place and the officer the notices print are the policy's ({@link PolicyConfig}):
 * one place for each fact, so the notices and the published policy cannot disagree.
 *
 * @param kioskNetworks      client networks a subject's viewing may be opened from (the kiosk in the
 *                           hospital, video policy Art. 5 ②); empty: no viewing can be opened anywhere
 * @param kioskViewingLength how long a viewing opened at the kiosk lasts at most (docs/redaction.md, "Kiosk")
 */
public record SubjectRequestConfig(List<NetworkRange> kioskNetworks, Duration kioskViewingLength) {
    /** Two hours: a subject's window is at most a few hours of footage, and staff end a viewing sooner. */
    public static final Duration DEFAULT_KIOSK_VIEWING_LENGTH = Duration.ofHours(2);
    /** The range {@code kioskViewingLength} may take: 15 minutes (a short clip watched twice) to 8 hours (a working day). */
    public static final Duration MIN_KIOSK_VIEWING_LENGTH = Duration.ofMinutes(15), MAX_KIOSK_VIEWING_LENGTH = Duration.ofHours(8);

    public SubjectRequestConfig {
        kioskNetworks = kioskNetworks == null ? List.of() : List.copyOf(kioskNetworks);
        if (kioskViewingLength == null) kioskViewingLength = DEFAULT_KIOSK_VIEWING_LENGTH;
    }

    /** With the default kiosk viewing length. */
    public SubjectRequestConfig(List<NetworkRange> kioskNetworks) {
        this(kioskNetworks, DEFAULT_KIOSK_VIEWING_LENGTH);
    }

    /** No kiosk network. */
    public static SubjectRequestConfig none() {
        return new SubjectRequestConfig(List.of());
    }
}
