package io.vigil.gateway.requests.notice;

import io.vigil.config.CameraId;
import io.vigil.storage.Span;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * What a notice states beyond the request record, gathered by the caller from the index, the
 * ledger and the site's settings (no footage is read to write a notice).
 *
 * @param site           the hospital's name
 * @param privacyOfficer the officer and contact from {@code policy.officer}, one line, or null (the notice names the office)
 * @param viewingPlace   where viewings take place ({@code policy.viewingPlace}), or null ("in the hospital")
 * @param zone           the site's time zone: every date and time is printed in it
 * @param now            when the notice is issued
 * @param issuedBy       the staff member who printed it
 * @param viewingAt      the agreed viewing time for the viewing notice, or null
 * @param existence      per camera, the recorded spans and gaps (existence notice), else empty
 * @param erasure        what the erase did (destruction notice), else null
 */
public record NoticeFacts(String site, String privacyOfficer, String viewingPlace, ZoneId zone, Instant now, String issuedBy,
                          Instant viewingAt, Map<CameraId, List<Span>> existence, Erasure erasure) {

    /** The erase as its destruction ledger entry recorded it, with the holds that kept footage. */
    public record Erasure(Instant at, int erasedSegments, int keptSegments, List<KeptBy> keptBy) {}

    /** A legal hold that kept footage from the erase: its reference and reason, as the hold records them. */
    public record KeptBy(String reference, String reason) {}
}
