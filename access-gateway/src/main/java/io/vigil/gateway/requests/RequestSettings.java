package io.vigil.gateway.requests;

import io.vigil.config.NetworkRange;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

/**
 * How subject requests are handled at this site (docs/requests.md explains each default).
 *
 * @param decisionDays          days after the day of receipt by which the hospital must act (PIPA Enf. Decree Art. 41(4): 10)
 * @param nearDays              a request with this many days left or fewer is flagged as near its deadline
 * @param personalDataRetention how long after closing the requester's personal data stays in the request record
 * @param kioskNetworks         networks the viewing kiosk may be used from; empty: no kiosk viewing anywhere
 * @param kioskCodeValidity     how long a one-time kiosk code is valid after approval
 * @param holdGrace             how long past the deadline the request's legal hold keeps footage if the request is never closed
 * @param zone                  the site's time zone: days are counted in it
 */
public record RequestSettings(int decisionDays, int nearDays, Duration personalDataRetention, List<NetworkRange> kioskNetworks,
                              Duration kioskCodeValidity, Duration holdGrace, ZoneId zone) {
    public static final Duration DEFAULT_PERSONAL_DATA_RETENTION = Duration.ofDays(365);
    public static final Duration DEFAULT_KIOSK_CODE_VALIDITY = Duration.ofHours(72);
    public static final Duration DEFAULT_HOLD_GRACE = Duration.ofDays(30);

    public RequestSettings {
        if (decisionDays < 1) throw new IllegalArgumentException("decisionDays must be at least 1");
        if (nearDays < 0) throw new IllegalArgumentException("nearDays must not be negative");
        kioskNetworks = List.copyOf(kioskNetworks);
    }

    /** Korean law's periods, Asia/Seoul, no kiosk network. */
    public static RequestSettings defaults() {
        return new RequestSettings(10, 2, DEFAULT_PERSONAL_DATA_RETENTION, List.of(), DEFAULT_KIOSK_CODE_VALIDITY,
                DEFAULT_HOLD_GRACE, ZoneId.of("Asia/Seoul"));
    }

    public RequestSettings withKioskNetworks(List<NetworkRange> nets) {
        return new RequestSettings(decisionDays, nearDays, personalDataRetention, nets, kioskCodeValidity, holdGrace, zone);
    }

    public RequestSettings withZone(ZoneId z) {
        return new RequestSettings(decisionDays, nearDays, personalDataRetention, kioskNetworks, kioskCodeValidity, holdGrace, z);
    }

    public RequestSettings withPersonalDataRetention(Duration d) {
        return new RequestSettings(decisionDays, nearDays, d, kioskNetworks, kioskCodeValidity, holdGrace, zone);
    }

    public RequestSettings withKioskCodeValidity(Duration d) {
        return new RequestSettings(decisionDays, nearDays, personalDataRetention, kioskNetworks, d, holdGrace, zone);
    }
}
