package io.vigil.gateway.accounts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

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
 * a restart forgets them (documented in docs/security.md).
 */
public final class LoginThrottle {
    public static final int FREE_FAILURES = 5;
    public static final int FREE_FAILURES_PER_ADDRESS = 20;
    public static final int FREE_FAILURES_PER_USER = 20;
    static final long MAX_USER_DELAY_SECONDS = 60;
    private static final Duration MAX_DELAY = Duration.ofMinutes(15);
    private static final Duration FORGET_AFTER = Duration.ofHours(1);

    private record State(int failures, Instant lockedUntil, Instant lastFailure) {}

    private final Clock clock;
    private final Map<String, State> states = new ConcurrentHashMap<>();
    /** Addresses each user has signed in from since start. */
    private final Map<String, Set<String>> knownAddresses = new ConcurrentHashMap<>();

    public LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    /** How long the caller must still wait, or zero. */
    public Duration remainingLock(String user, String address) {
        Instant now = clock.instant();
        Duration d = Duration.ZERO;
        for (String k : keys(user, address)) {
            State s = current(k, now);
            if (s != null && s.lockedUntil() != null && s.lockedUntil().isAfter(now)) {
                Duration r = Duration.between(now, s.lockedUntil());
                if (r.compareTo(d) > 0) d = r;
            }
        }
        return d;
    }

    /** Records a failure; returns the delay now in force (zero while still in the free attempts). */
    public Duration failed(String user, String address) {
        Instant now = clock.instant();
        Duration longest = Duration.ZERO;
        for (String k : new String[] {pairKey(user, address), addressKey(address), userKey(user)}) {
            int free = k.startsWith("addr:") ? FREE_FAILURES_PER_ADDRESS : k.startsWith("user:") ? FREE_FAILURES_PER_USER
                    : FREE_FAILURES;
            Duration cap = k.startsWith("user:") ? Duration.ofSeconds(MAX_USER_DELAY_SECONDS) : MAX_DELAY;
            State s = states.compute(k, (key, old) -> {
                int n = (old == null || forgotten(old, now) ? 0 : old.failures()) + 1;
                Instant until = null;
                if (n > free) {
                    Duration delay = Duration.ofSeconds(1L << Math.min(20, n - free));
                    until = now.plus(delay.compareTo(cap) > 0 ? cap : delay);
                }
                return new State(n, until, now);
            });
            boolean applies = !k.startsWith("user:") || !known(user, address);
            if (applies && s.lockedUntil() != null) {
                Duration d = Duration.between(now, s.lockedUntil());
                if (d.compareTo(longest) > 0) longest = d;
            }
        }
        return longest;
    }

    /** A correct password: clears this name's counter at this address and remembers the address as the user's. */
    public void succeeded(String user, String address) {
        states.remove(pairKey(user, address));
        knownAddresses.computeIfAbsent(user, u -> ConcurrentHashMap.newKeySet()).add(address);
    }

    /** An administrator reset the password: every counter of this name (not the addresses') starts afresh. */
    public void reset(String user) {
        states.remove(userKey(user));
        states.keySet().removeIf(k -> k.startsWith("pair:") && k.endsWith("\u0000" + user));
    }

    /** Failures of this user name from every address in the last hour. */
    public int failures(String user) {
        State s = current(userKey(user), clock.instant());
        return s == null ? 0 : s.failures();
    }

    private State current(String key, Instant now) {
        State s = states.get(key);
        return s == null || forgotten(s, now) ? null : s;
    }

    private static boolean forgotten(State s, Instant now) {
        return (s.lockedUntil() == null || !s.lockedUntil().isAfter(now))
                && !s.lastFailure().plus(FORGET_AFTER).isAfter(now);
    }

    private boolean known(String user, String address) {
        Set<String> known = knownAddresses.get(user);
        return known != null && known.contains(address);
    }

    /** The counters that hold this attempt back: the user-wide one only at an address not known for the user. */
    private String[] keys(String user, String address) {
        return known(user, address) ? new String[] {pairKey(user, address), addressKey(address)}
                : new String[] {pairKey(user, address), addressKey(address), userKey(user)};
    }

    private static String pairKey(String user, String address) {
        return "pair:" + address + "\u0000" + user;
    }

    private static String addressKey(String address) {
        return "addr:" + address;
    }

    private static String userKey(String user) {
        return "user:" + user;
    }
}
