package io.vigil.gateway.live;

import java.time.Duration;

/**
 * How long live viewing lasts without a new purpose.
 *
 * @param idleTimeout the wall ends when nobody touched it (mouse, keys) for this long
 * @param shiftLength the wall ends this long after it opened, whatever happens: the next
 *                    shift states its own purpose
 */
public record LiveSettings(Duration idleTimeout, Duration shiftLength) {
    public LiveSettings {
        if (idleTimeout == null || idleTimeout.isNegative() || idleTimeout.isZero()) throw new IllegalArgumentException("idleTimeout must be positive");
        if (shiftLength == null || shiftLength.isNegative() || shiftLength.isZero()) throw new IllegalArgumentException("shiftLength must be positive");
    }

    /** 15 minutes idle (the sign-in session's own idle limit), 12-hour shifts. */
    public static LiveSettings defaults() {
        return new LiveSettings(Duration.ofMinutes(15), Duration.ofHours(12));
    }
}
