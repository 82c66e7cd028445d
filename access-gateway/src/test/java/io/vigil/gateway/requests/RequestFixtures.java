package io.vigil.gateway.requests;

import io.vigil.gateway.GatewayFixture;
import java.time.Instant;

/** Request bodies as the privacy manager's page sends them. */
public final class RequestFixtures {
    public static final String NAME = "Kim Minji";
    public static final String CONTACT = "010-5555-0199";
    public static final String DESCRIPTION = "red coat, waited at the ward A entrance";

    private RequestFixtures() {}

    /** A complete, valid request for cam-01 over the test footage, with {@code extra} JSON members appended. */
    public static String body(String kinds, String extra) {
        Instant t0 = GatewayFixture.T0;
        return "{\"requesterName\":\"" + NAME + "\",\"requesterContact\":\"" + CONTACT + "\","
                + "\"documentType\":\"passport\",\"checkedBy\":\"manager\",\"checkedAt\":\"" + GatewayFixture.NOW.minusSeconds(600) + "\","
                + "\"kinds\":[" + kinds + "],\"cameras\":[\"cam-01\"],\"from\":\"" + t0 + "\",\"to\":\"" + t0.plusSeconds(10) + "\","
                + "\"description\":\"" + DESCRIPTION + "\",\"reason\":\"my bag was stolen while I waited\",\"urgent\":false"
                + (extra.isEmpty() ? "" : "," + extra) + "}";
    }

    public static String body(String kinds) {
        return body(kinds, "");
    }
}
