package io.vigil.gateway.accounts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Growing delay after failed logins, counted per user name and per client address
 * separately (so one address cannot try many users, nor many addresses one user).
 * A user name's first {@value #FREE_FAILURES} failures cost nothing, an address's first
 * {@value #FREE_FAILURES_PER_ADDRESS}; then each failure locks the key for 2^(n-free)
 * seconds, capped at 15 minutes. A success clears the user's and the address's counters.
 * Kept in memory: a restart forgets counters (documented).
 *
 * <p>Why an address gets more free failures than a user name: the security staff share
 * one computer in the server room. With the same allowance, one guard's mistyped
 * password locked every colleague at that computer out; now it locks only that guard's
 * name, and the address only after failures that look like trying many names.
 */
public final class LoginThrottle {
    public static final int FREE_FAILURES = 5;
    public static final int FREE_FAILURES_PER_ADDRESS = 20;
    private static final Duration MAX_DELAY = Duration.ofMinutes(15);

    private record State(int failures, Instant lockedUntil) {}

    private final Clock clock;
    private final Map<String, State> states = new ConcurrentHashMap<>();

    public LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    /** How long the caller must still wait, or zero. */
    public Duration remainingLock(String user, String address) {
        Instant now = clock.instant();
        Duration d = Duration.ZERO;
        for (String k : keys(user, address)) {
            State s = states.get(k);
            if (s != null && s.lockedUntil() != null && s.lockedUntil().isAfter(now)) {
                Duration r = Duration.between(now, s.lockedUntil());
                if (r.compareTo(d) > 0) d = r;
            }
        }
        return d;
    }

    /** Records a failure; returns the lock now in force (zero while still in the free attempts). */
    public Duration failed(String user, String address) {
        Instant now = clock.instant();
        Duration longest = Duration.ZERO;
        for (String k : keys(user, address)) {
            int free = k.startsWith("addr:") ? FREE_FAILURES_PER_ADDRESS : FREE_FAILURES;
            State s = states.merge(k, new State(1, null), (old, one) -> {
                int n = old.failures() + 1;
                Instant until = null;
                if (n > free) {
                    long secs = 1L << Math.min(20, n - free);
                    Duration delay = Duration.ofSeconds(secs);
                    if (delay.compareTo(MAX_DELAY) > 0) delay = MAX_DELAY;
                    until = now.plus(delay);
                }
                return new State(n, until);
            });
            if (s.lockedUntil() != null) {
                Duration d = Duration.between(now, s.lockedUntil());
                if (d.compareTo(longest) > 0) longest = d;
            }
        }
        return longest;
    }

    public void succeeded(String user, String address) {
        for (String k : keys(user, address)) states.remove(k);
    }

    public int failures(String user) {
        State s = states.get("user:" + user);
        return s == null ? 0 : s.failures();
    }

    private static String[] keys(String user, String address) {
        return new String[] {"user:" + user, "addr:" + address};
    }
}
