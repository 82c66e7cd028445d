package io.vigil.gateway.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vigil.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
    @Test
    void delayGrowsPerUserAndPerAddressAndIsCapped() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-25T00:00:00Z"));
        LoginThrottle t = new LoginThrottle(clock);
        for (int i = 0; i < LoginThrottle.FREE_FAILURES; i++) assertEquals(Duration.ZERO, t.failed("alice", "10.0.0.1"));
        assertEquals(Duration.ofSeconds(2), t.failed("alice", "10.0.0.1"));
        assertEquals(Duration.ofSeconds(2), t.remainingLock("alice", "10.0.0.9"), "the user is locked from anywhere");
        assertEquals(Duration.ZERO, t.remainingLock("bob", "10.0.0.1"), "a colleague at the same computer is not locked out");
        assertEquals(Duration.ZERO, t.remainingLock("bob", "10.0.0.9"));
        assertEquals(Duration.ofSeconds(4), t.failed("alice", "10.0.0.1"));
        for (int i = 0; i < 30; i++) t.failed("alice", "10.0.0.1");
        assertEquals(Duration.ofMinutes(15), t.remainingLock("alice", "10.0.0.1"), "capped");
        clock.advance(Duration.ofMinutes(15));
        assertEquals(Duration.ZERO, t.remainingLock("alice", "10.0.0.1"));
        t.succeeded("alice", "10.0.0.1");
        assertEquals(0, t.failures("alice"));
    }

    @Test
    void anAddressTryingManyNamesIsLockedAfterItsOwnAllowance() {
        MutableClock clock = new MutableClock(Instant.parse("2026-11-25T00:00:00Z"));
        LoginThrottle t = new LoginThrottle(clock);
        // a different name each time: no name reaches its own limit
        for (int i = 0; i < LoginThrottle.FREE_FAILURES_PER_ADDRESS; i++) {
            assertEquals(Duration.ZERO, t.failed("user" + i, "10.0.0.66"), "failure " + (i + 1));
        }
        assertEquals(Duration.ofSeconds(2), t.failed("another", "10.0.0.66"), "the address's allowance is used up");
        assertEquals(Duration.ofSeconds(2), t.remainingLock("alice", "10.0.0.66"), "now any name from that address waits");
        assertEquals(Duration.ZERO, t.remainingLock("alice", "10.0.0.7"), "other addresses are not affected");
    }
}
