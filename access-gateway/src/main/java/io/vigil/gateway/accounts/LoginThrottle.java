package io.vigil.gateway.accounts;

import io.vigil.config.throttle.GuessingThrottle;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Growing delays after failed sign-ins, so that guessing is slow but knowing a user name is
 * not enough to lock its owner out (issue 10). Three counters, each with free failures and
 * then a delay of 2^(n-free) seconds:
 * <ul>
 *   <li>per user name <em>at one address</em>: {@value #FREE_FAILURES} free, capped at 15
 *       minutes. The usual case: someone mistyping, or guessing from one computer.</li>
 *   <li>per address: {@value #FREE_FAILURES_PER_ADDRESS} free, capped at 15 minutes: one
 *       computer trying many names.</li>
 *   <li>per user name <em>from every address</em>: {@value #FREE_FAILURES_PER_USER} free,
 *       capped at {@value #MAX_USER_DELAY_SECONDS} s: guessing one account from many
 *       addresses. A delay, not a lock, and it does not apply at an address where the user
 *       has signed in since Vigil started: an attacker elsewhere cannot keep the owner out at
 *       their own computer.</li>
 * </ul>
 * A success clears only the counter of that name at that address: never the address's
 * counter (signing in with one's own account must not buy more guesses at another) nor the
 * name's counter across addresses. Counters idle for an hour are forgotten. Kept in memory:
 * a restart forgets them (documented in docs/security.md). The rules themselves are
 * {@link GuessingThrottle}'s, shared with the RTSP publish; this class sets the sign-in's limits.
 */
public final class LoginThrottle {
    public static final int FREE_FAILURES = 5;
    public static final int FREE_FAILURES_PER_ADDRESS = 20;
    public static final int FREE_FAILURES_PER_USER = 20;
    static final long MAX_USER_DELAY_SECONDS = 60;
    private static final Duration MAX_DELAY = Duration.ofMinutes(15);

    private final GuessingThrottle throttle;

    public LoginThrottle(Clock clock) {
        this.throttle = new GuessingThrottle(() -> epochNanos(clock.instant()),
                new GuessingThrottle.Limit(FREE_FAILURES, MAX_DELAY),
                new GuessingThrottle.Limit(FREE_FAILURES_PER_ADDRESS, MAX_DELAY),
                new GuessingThrottle.Limit(FREE_FAILURES_PER_USER, Duration.ofSeconds(MAX_USER_DELAY_SECONDS)));
    }

    /** How long the caller must still wait, or zero. */
    public Duration remainingLock(String user, String address) {
        return Duration.ofNanos(throttle.remainingNanos(user, address));
    }

    /** Records a failure; returns the delay now in force (zero while still in the free attempts). */
    public Duration failed(String user, String address) {
        return Duration.ofNanos(throttle.failed(user, address));
    }

    /** A correct password: clears this name's counter at this address and remembers the address as the user's. */
    public void succeeded(String user, String address) {
        throttle.succeeded(user, address);
    }

    /** An administrator reset the password: every counter of this name (not the addresses') starts afresh. */
    public void reset(String user) {
        throttle.reset(user);
    }

    /** Failures of this user name from every address in the last hour. */
    public int failures(String user) {
        return throttle.failures(user);
    }

    /** The wall clock in nanoseconds since the epoch (good until the year 2262), so a test clock moves the delays. */
    private static long epochNanos(Instant t) {
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }
}
