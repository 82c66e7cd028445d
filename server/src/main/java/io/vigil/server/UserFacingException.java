package io.vigil.server;

/** A failure whose message is written for the operator and is printed as is. */
public class UserFacingException extends RuntimeException {
    public UserFacingException(String message) {
        super(message);
    }
}
