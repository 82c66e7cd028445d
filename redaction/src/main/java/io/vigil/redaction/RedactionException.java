package io.vigil.redaction;

/**
 * A masked copy cannot be made; the message says what and where, for the staff member who
 * asked (no footage of the request is released when this is thrown).
 */
public class RedactionException extends RuntimeException {
    public RedactionException(String message) {
        super(message);
    }

    public RedactionException(String message, Throwable cause) {
        super(message, cause);
    }
}
