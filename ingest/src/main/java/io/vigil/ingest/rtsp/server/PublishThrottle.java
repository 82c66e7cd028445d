package io.vigil.ingest.rtsp.server;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Growing delays after wrong publish credentials, the same rules as the web sign-in's
 * ({@code gateway.accounts.LoginThrottle}, issue 10): guessing is slow, yet knowing a
 * camera's id is not enough to keep its encoder out. Three counters, each with free
 * failures and then a delay of 2^(n - free) seconds before the next answer:
 * <ul>
 *   <li>per camera <em>at one address</em>: {@value #FREE_FAILURES} free, capped at 15 minutes;</li>
 *   <li>per address: {@value #FREE_FAILURES_PER_ADDRESS} free, capped at 15 minutes (one host trying many cameras);</li>
 *   <li>per camera <em>from every address</em>: {@value #FREE_FAILURES_PER_CAMERA} free, capped at
 *       {@value #MAX_CAMERA_DELAY_SECONDS} s, and not applied at an address the camera has published
 *       from since start, so an attacker elsewhere cannot hold the real encoder back.</li>
 * </ul>
 * A delay, never a lock: an attempt made during the delay is answered when it ends (the
 * server schedules the answer, it never blocks an event loop), and a right password then
 * gets in. A success clears only that camera's counter at that address. Counters idle for an
 * hour are forgotten; kept in memory (a restart forgets them). Durations on the monotonic
 * clock. Thread-safe.
 */
final class PublishThrottle {
    static final int FREE_FAILURES = 5;
    static final int FREE_FAILURES_PER_ADDRESS = 20;
    static final int FREE_FAILURES_PER_CAMERA = 20;
    static final long MAX_CAMERA_DELAY_SECONDS = 60;
    private static final long MAX_DELAY_NANOS = TimeUnit.MINUTES.toNanos(15);
    private static final long FORGET_AFTER_NANOS = TimeUnit.HOURS.toNanos(1);
    private static final int MAX_ENTRIES = 10_000;

    private record State(int failures, long delayedUntil, long lastFailure) {}

    private final LongSupplier nanoTime;
    private final Map<String, State> states = new ConcurrentHashMap<>();
    /** Addresses each camera has published from since start. */
    private final Map<String, Set<String>> knownAddresses = new ConcurrentHashMap<>();

    PublishThrottle(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** Nanoseconds an attempt for {@code camera} from {@code address} must still wait before it is answered, or 0. */
    long remainingNanos(String camera, String address) {
        long now = nanoTime.getAsLong();
        long wait = 0;
        for (String key : keys(camera, address)) {
            State s = states.get(key);
            if (s != null && !forgotten(s, now)) wait = Math.max(wait, s.delayedUntil() - now);
        }
        return Math.max(0, wait);
    }

    /** Records wrong credentials. */
    void failed(String camera, String address) {
        long now = nanoTime.getAsLong();
        if (states.size() > MAX_ENTRIES) states.values().removeIf(s -> forgotten(s, now)); // many addresses: bounded memory
        for (String key : new String[] {pairKey(camera, address), addressKey(address), cameraKey(camera)}) {
            int free = key.startsWith("addr:") ? FREE_FAILURES_PER_ADDRESS : key.startsWith("cam:") ? FREE_FAILURES_PER_CAMERA : FREE_FAILURES;
            long cap = key.startsWith("cam:") ? TimeUnit.SECONDS.toNanos(MAX_CAMERA_DELAY_SECONDS) : MAX_DELAY_NANOS;
            states.compute(key, (k, old) -> {
                int n = (old == null || forgotten(old, now) ? 0 : old.failures()) + 1;
                long until = n > free ? now + Math.min(cap, TimeUnit.SECONDS.toNanos(1L << Math.min(20, n - free))) : now;
                return new State(n, until, now);
            });
        }
    }

    /** Right credentials: clears this camera's counter at this address and remembers the address as the camera's. */
    void succeeded(String camera, String address) {
        states.remove(pairKey(camera, address));
        knownAddresses.computeIfAbsent(camera, c -> ConcurrentHashMap.newKeySet()).add(address);
    }

    private static boolean forgotten(State s, long now) {
        return s.delayedUntil() - now <= 0 && now - s.lastFailure() >= FORGET_AFTER_NANOS;
    }

    /** The counters that hold an attempt back: the camera-wide one only at an address not known for the camera. */
    private String[] keys(String camera, String address) {
        Set<String> known = knownAddresses.get(camera);
        return known != null && known.contains(address) ? new String[] {pairKey(camera, address), addressKey(address)}
                : new String[] {pairKey(camera, address), addressKey(address), cameraKey(camera)};
    }

    private static String pairKey(String camera, String address) {
        return "pair:" + address + "\u0000" + camera;
    }

    private static String addressKey(String address) {
        return "addr:" + address;
    }

    private static String cameraKey(String camera) {
        return "cam:" + camera;
    }
}
