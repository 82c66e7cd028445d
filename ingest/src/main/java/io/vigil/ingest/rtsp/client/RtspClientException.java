package io.vigil.ingest.rtsp.client;

/** A pull session failed; the message says in words what happened, for the camera's state. */
public final class RtspClientException extends RuntimeException {
    /** Failures the supervisor answers differently from the rest (docs/ingest.md, "Cameras"). */
    public enum Refusal {
        /** anything else: retried with the usual backoff */
        NONE,
        /** the camera refused the configured credentials: retried only after a long wait, so it does not lock the account */
        CREDENTIALS,
        /** the camera refused the transport asked for (461 on SETUP): the other one is tried */
        TRANSPORT
    }

    private final Refusal refusal;

    public RtspClientException(String message) {
        this(message, Refusal.NONE);
    }

    public RtspClientException(String message, Refusal refusal) {
        super(message, null, false, false);
        this.refusal = refusal;
    }

    public Refusal refusal() {
        return refusal;
    }
}
