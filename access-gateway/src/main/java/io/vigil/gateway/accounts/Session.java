package io.vigil.gateway.accounts;

import java.time.Instant;

/**
 * A login session. The id sent in the cookie is never stored: the table key is its
 * SHA-256, so a copy of the database does not yield usable session cookies.
 */
public record Session(String idHash, String username, String csrfToken, Instant createdAt, Instant lastSeenAt, String clientAddress) {}
