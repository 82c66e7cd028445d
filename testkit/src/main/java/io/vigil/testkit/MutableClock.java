package io.vigil.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A wall clock the test moves: days pass, a session expires, or the clock jumps, at the
 * test's command instead of by waiting. It stands still between moves ({@link
 * #MutableClock(Instant)}) or runs with the system clock ({@link #running()}, for tests
 * where a browser or a timeout runs on real time), shifted by every move. Safe to read from
 * other threads (a daemon under test) while the test moves it. Always UTC.
 */
public final class MutableClock extends Clock {
    private final Clock base;
    private final AtomicReference<Duration> shift = new AtomicReference<>(Duration.ZERO);

    /** A clock standing at {@code start} until the test moves it. */
    public MutableClock(Instant start) {
        this(Clock.fixed(start, ZoneOffset.UTC));
    }

    private MutableClock(Clock base) {
        this.base = base;
    }

    /** A clock running with the system clock, moved ahead or back by {@link #set} and {@link #advance}. */
    public static MutableClock running() {
        return new MutableClock(Clock.systemUTC());
    }

    public void set(Instant t) {
        shift.set(Duration.between(base.instant(), t));
    }

    public void advance(Duration d) {
        shift.updateAndGet(s -> s.plus(d));
    }

    @Override
    public Instant instant() {
        return base.instant().plus(shift.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /** The same clock: tests compare instants, and a copy in another zone would stop moving with this one. */
    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
