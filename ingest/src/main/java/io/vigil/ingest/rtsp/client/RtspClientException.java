package io.vigil.ingest.rtsp.client;

/** A pull session failed; the message says in words what happened, for the camera's state. */
public final class RtspClientException extends RuntimeException {
    public RtspClientException(String message) {
        super(message, null, false, false);
    }
}
