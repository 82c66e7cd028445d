package io.vigil.ingest.supervisor;

import java.time.Duration;
import java.util.function.LongUnaryOperator;

/**
 * Capped exponential backoff with "equal jitter": the n-th delay is uniformly drawn from
 * [d/2, d] with d = min(max, initial·2^n). Jitter keeps 16 cameras behind one switch that
 * rebooted from reconnecting in lock-step.
 */
final class Backoff {
    private final long initialMs;
    private final long maxMs;
    private final LongUnaryOperator random;
    private int attempt;

    /** @param random given n &gt; 0, returns a uniform value in [0, n) */
    Backoff(Duration initial, Duration max, LongUnaryOperator random) {
        this.initialMs = Math.max(1, initial.toMillis());
        this.maxMs = Math.max(initialMs, max.toMillis());
        this.random = random;
    }

    Duration next() {
        long d = initialMs << Math.min(attempt, 20);
        if (d <= 0 || d > maxMs) d = maxMs;
        attempt++;
        long half = d / 2;
        return Duration.ofMillis(half + random.applyAsLong(d - half + 1));
    }

    void reset() {
        attempt = 0;
    }
}
