package io.vigil.config;

import java.util.List;

/**
 * Where subject requests are handled at this site (YAML {@code subjectRequests}, docs/requests.md).
 * The viewing place and the officer the notices print are the policy's ({@link PolicyConfig}):
 * one place for each fact, so the notices and the published policy cannot disagree.
 *
 * @param kioskNetworks client networks a subject's viewing may be opened from (the kiosk in the
 *                      hospital, video policy Art. 5 ②); empty: no viewing can be opened anywhere
 */
public record SubjectRequestConfig(List<NetworkRange> kioskNetworks) {
    public SubjectRequestConfig {
        kioskNetworks = kioskNetworks == null ? List.of() : List.copyOf(kioskNetworks);
    }

    /** No kiosk network. */
    public static SubjectRequestConfig none() {
        return new SubjectRequestConfig(List.of());
    }
}
