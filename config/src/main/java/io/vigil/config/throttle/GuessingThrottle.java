package io.vigil.config.throttle;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Growing delays after wrong credentials, so that guessing is slow but knowing a name is not
 * enough to keep its owner out (issue 10). One set of rules with two uses: the web sign-in
 * (the gateway's {@code LoginThrottle}, the subject a user name) and the RTSP publish
 * (ingest's {@code PublishThrottle}, the subject a camera id). In {@code config} because it
 * is the one module under both; it reads no configuration.
 *
 * <p>Each failure counts in three counters, each with its own free failures and then a delay
 * of 2^(n - free) seconds, capped ({@link Limit}):
 * <ul>
 *   <li>the subject <em>at one address</em>: someone mistyping, or guessing from one computer;</li>
 *   <li>the address: one computer trying many subjects;</li>
 *   <li>the subject <em>from every address</em>: guessing one subject from many addresses. It
 *       does not hold back an attempt from an address where the subject has succeeded since
 *       start, so an attacker elsewhere cannot keep the owner out at their own computer.</li>
 * </ul>
 * A success clears only the counter of that subject at that address: never the address's
 * (one's own success must not buy more guesses at another subject) nor the subject's across
 * addresses. A counter idle for an hour with no delay running is forgotten; past
 * {@value #MAX_ENTRIES} counters the forgotten ones are dropped (bounded memory under many
 * addresses). Kept in memory: a restart forgets them. Times are nanoseconds from the
 * caller's clock (monotonic or wall), compared by difference. Thread-safe.
 */
public final class GuessingThrottle {
    /** A counter's free failures and its longest delay. */
    public record Limit(int freeFailures, Duration maxDelay) {
        public Limit {
            Objects.requireNonNull(maxDelay, "maxDelay");
        }
    }

    private static final long FORGET_AFTER_NANOS = TimeUnit.HOURS.toNanos(1);
    private static final int MAX_ENTRIES = 10_000;
    private static final String PAIR = "pair:", ADDRESS = "addr:", SUBJECT = "subject:";

    private record State(int failures, long delayedUntil, long lastFailure) {}

    private final LongSupplier nanoTime;
    private final Limit perPair;
    private final Limit perAddress;
    private final Limit perSubject;
    private final Map<String, State> states = new ConcurrentHashMap<>();
    /** Addresses each subject has succeeded from since start. */
    private final Map<String, Set<String>> knownAddresses = new ConcurrentHashMap<>();

    public GuessingThrottle(LongSupplier nanoTime, Limit perPair, Limit perAddress, Limit perSubject) {
        this.nanoTime = nanoTime;
        this.perPair = perPair;
        this.perAddress = perAddress;
        this.perSubject = perSubject;
    }

    /** Nanoseconds an attempt for {@code subject} from {@code address} must still wait, or 0. */
    public long remainingNanos(String subject, String address) {
        long now = nanoTime.getAsLong();
        long wait = 0;
        for (String key : holdingBack(subject, address)) {
            State s = states.get(key);
            if (s != null && !forgotten(s, now)) wait = Math.max(wait, s.delayedUntil() - now);
        }
        return wait;
    }

    /** Records a failure; returns the longest delay now holding this subject back at this address (0 while free). */
    public long failed(String subject, String address) {
        long now = nanoTime.getAsLong();
        if (states.size() > MAX_ENTRIES) states.values().removeIf(s -> forgotten(s, now));
        boolean known = known(subject, address);
        long longest = 0;
        for (String key : new String[] {pairKey(subject, address), ADDRESS + address, SUBJECT + subject}) {
            Limit limit = key.startsWith(ADDRESS) ? perAddress : key.startsWith(SUBJECT) ? perSubject : perPair;
            State s = states.compute(key, (k, old) -> {
                int n = (old == null || forgotten(old, now) ? 0 : old.failures()) + 1;
                long delay = n > limit.freeFailures()
                        ? Math.min(limit.maxDelay().toNanos(), TimeUnit.SECONDS.toNanos(1L << Math.min(20, n - limit.freeFailures())))
                        : 0;
                return new State(n, now + delay, now);
            });
            if (!known || !key.startsWith(SUBJECT)) longest = Math.max(longest, s.delayedUntil() - now);
        }
        return longest;
    }

    /** Right credentials: clears this subject's counter at this address and remembers the address as the subject's. */
    public void succeeded(String subject, String address) {
        states.remove(pairKey(subject, address));
        knownAddresses.computeIfAbsent(subject, s -> ConcurrentHashMap.newKeySet()).add(address);
    }

    /** Every counter of this subject (not the addresses') starts afresh: an administrator reset its password. */
    public void reset(String subject) {
        states.remove(SUBJECT + subject);
        states.keySet().removeIf(k -> k.startsWith(PAIR) && k.endsWith("\u0000" + subject));
    }

    /** Failures of this subject from every address in the last hour. */
    public int failures(String subject) {
        State s = states.get(SUBJECT + subject);
        return s == null || forgotten(s, nanoTime.getAsLong()) ? 0 : s.failures();
    }

    private static boolean forgotten(State s, long now) {
        return s.delayedUntil() - now <= 0 && now - s.lastFailure() >= FORGET_AFTER_NANOS;
    }

    private boolean known(String subject, String address) {
        Set<String> known = knownAddresses.get(subject);
        return known != null && known.contains(address);
    }

    /** The counters that hold an attempt back: the subject-wide one only at an address not known for the subject. */
    private String[] holdingBack(String subject, String address) {
        return known(subject, address) ? new String[] {pairKey(subject, address), ADDRESS + address}
                : new String[] {pairKey(subject, address), ADDRESS + address, SUBJECT + subject};
    }

    private static String pairKey(String subject, String address) {
        return PAIR + address + "\u0000" + subject;
    }
}
