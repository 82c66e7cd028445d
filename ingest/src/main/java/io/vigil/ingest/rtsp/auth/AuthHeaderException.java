package io.vigil.ingest.rtsp.auth;

/** A WWW-Authenticate or Authorization header could not be parsed; says what and where. */
public final class AuthHeaderException extends Exception {
    public AuthHeaderException(String message) {
        super(message);
    }
}
