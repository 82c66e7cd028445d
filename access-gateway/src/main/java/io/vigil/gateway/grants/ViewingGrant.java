package io.vigil.gateway.grants;

import io.vigil.config.CameraId;
import java.time.Instant;
import java.util.List;

/**
 * Permission for one user to view given cameras over one footage range for one stated
 * purpose, until {@code expiresAt}. The only key to footage.
 */
public record ViewingGrant(String id, String username, List<CameraId> cameras, Instant from, Instant to,
                           Purpose purpose, String purposeText, Instant issuedAt, Instant expiresAt, long ledgerEntry) {
    public ViewingGrant {
        cameras = List.copyOf(cameras);
    }

    /** "crime-prevention: text", the form written to the ledger's purpose field. */
    public String purposeForLedger() {
        return purpose.code() + ": " + purposeText;
    }
}
