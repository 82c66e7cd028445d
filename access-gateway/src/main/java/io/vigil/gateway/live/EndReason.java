package io.vigil.gateway.live;

/** Why a monitoring session ended, as the ledger's {@code live.end} says it. */
public enum EndReason {
    /** The viewer closed the wall (button, or left the page). */
    CLOSED("closed"),
    SIGNED_OUT("signed-out"),
    IDLE("idle-timeout"),
    SHIFT_OVER("shift-length"),
    /** The viewer lost a camera of the session (account changed) or was disabled. */
    ACCESS_CHANGED("access-changed"),
    SERVER_STOPPED("server-stopped");

    private final String code;

    EndReason(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
