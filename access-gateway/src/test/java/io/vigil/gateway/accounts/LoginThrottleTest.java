package io.vigil.gateway.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vigil.gateway.MutableClock;
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
        assertEquals(Duration.ofSeconds(2), t.remainingLock("bob", "10.0.0.1"), "the address is locked for any user");
        assertEquals(Duration.ZERO, t.remainingLock("bob", "10.0.0.9"));
        assertEquals(Duration.ofSeconds(4), t.failed("alice", "10.0.0.1"));
        for (int i = 0; i < 30; i++) t.failed("alice", "10.0.0.1");
        assertEquals(Duration.ofMinutes(15), t.remainingLock("alice", "10.0.0.1"), "capped");
        clock.advance(Duration.ofMinutes(15));
        assertEquals(Duration.ZERO, t.remainingLock("alice", "10.0.0.1"));
        t.succeeded("alice", "10.0.0.1");
        assertEquals(0, t.failures("alice"));
    }
}
