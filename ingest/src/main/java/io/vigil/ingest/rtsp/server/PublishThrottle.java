package io.vigil.ingest.rtsp.server;

import io.vigil.config.CameraId;
import io.vigil.config.throttle.GuessingThrottle;
import java.time.Duration;
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
 * clock. Thread-safe. The rules themselves are {@link GuessingThrottle}'s, shared with the
 * web sign-in; this class sets the publish's limits.
 */
final class PublishThrottle {
    static final int FREE_FAILURES = 5;
    static final int FREE_FAILURES_PER_ADDRESS = 20;
    static final int FREE_FAILURES_PER_CAMERA = 20;
    static final long MAX_CAMERA_DELAY_SECONDS = 60;
    private static final Duration MAX_DELAY = Duration.ofMinutes(15);

    private final GuessingThrottle throttle;

    PublishThrottle(LongSupplier nanoTime) {
        this.throttle = new GuessingThrottle(nanoTime,
                new GuessingThrottle.Limit(FREE_FAILURES, MAX_DELAY),
                new GuessingThrottle.Limit(FREE_FAILURES_PER_ADDRESS, MAX_DELAY),
                new GuessingThrottle.Limit(FREE_FAILURES_PER_CAMERA, Duration.ofSeconds(MAX_CAMERA_DELAY_SECONDS)));
    }

    /** Nanoseconds an attempt for {@code camera} from {@code address} must still wait before it is answered, or 0. */
    long remainingNanos(CameraId camera, String address) {
        return throttle.remainingNanos(camera.value(), address);
    }

    /** Records wrong credentials. */
    void failed(CameraId camera, String address) {
        throttle.failed(camera.value(), address);
    }

    /** Right credentials: clears this camera's counter at this address and remembers the address as the camera's. */
    void succeeded(CameraId camera, String address) {
        throttle.succeeded(camera.value(), address);
    }
}
