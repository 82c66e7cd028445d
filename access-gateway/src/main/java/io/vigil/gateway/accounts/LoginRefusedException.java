package io.vigil.gateway.accounts;

import java.time.Duration;

/** A login that did not succeed, with why (kept vague for the client) and, when locked, for how long. */
public class LoginRefusedException extends RuntimeException {
    public enum Reason { BAD_CREDENTIALS, LOCKED, NETWORK }

    private final Reason reason;
    private final Duration retryAfter;

    public LoginRefusedException(Reason reason, String message, Duration retryAfter) {
        super(message, null, false, false);
        this.reason = reason;
        this.retryAfter = retryAfter;
    }

    public Reason reason() { return reason; }
    public Duration retryAfter() { return retryAfter; }
}
