package io.vigil.config;

import java.util.List;

/**
 * Where and with whom subject requests are handled at this site (YAML {@code subjectRequests},
 * docs/requests.md). Notices print these as written, in both languages, so a hospital writes
 * names the way its requesters know them (e.g. "허신영 (Heo Shin-young), 031-625-8596").
 *
 * @param kioskNetworks  client networks a subject's viewing may be opened from (the kiosk in the
 *                       hospital, video policy Art. 5 ②); empty: no viewing can be opened anywhere
 * @param viewingPlace   where a subject views footage, printed on the viewing notice; null: the
 *                       notice says "in the hospital" in the notice's language
 * @param privacyOfficer the personal video information protection officer and how to reach them,
 *                       printed as the first route of objection; null: the notice names the office only
 */
public record SubjectRequestConfig(List<NetworkRange> kioskNetworks, String viewingPlace, String privacyOfficer) {
    public SubjectRequestConfig {
        kioskNetworks = kioskNetworks == null ? List.of() : List.copyOf(kioskNetworks);
    }

    /** No kiosk network, no place or officer named. */
    public static SubjectRequestConfig none() {
        return new SubjectRequestConfig(List.of(), null, null);
    }
}
