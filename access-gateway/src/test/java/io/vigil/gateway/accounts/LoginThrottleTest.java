package io.vigil.gateway.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T00:00:00Z"));
    private final LoginThrottle t = new LoginThrottle(clock);

    @Test
    void delayGrowsForANameAtOneAddressAndIsCapped() {
        for (int i = 0; i < LoginThrottle.FREE_FAILURES; i++) assertEquals(Duration.ZERO, t.failed("alice", "10.0.0.1"));
        assertEquals(Duration.ofSeconds(2), t.failed("alice", "10.0.0.1"));
        assertEquals(Duration.ZERO, t.remainingLock("alice", "10.0.0.9"), "knowing the name does not lock alice out elsewhere");
        assertEquals(Duration.ZERO, t.remainingLock("bob", "10.0.0.1"), "a colleague at the same computer is not locked out");
        assertEquals(Duration.ofSeconds(4), t.failed("alice", "10.0.0.1"));
        for (int i = 0; i < 30; i++) t.failed("alice", "10.0.0.1");
        assertEquals(Duration.ofMinutes(15), t.remainingLock("alice", "10.0.0.1"), "capped");
        clock.advance(Duration.ofMinutes(15));
        assertEquals(Duration.ZERO, t.remainingLock("alice", "10.0.0.1"));
    }

    @Test
    void anAddressTryingManyNamesIsLockedAfterItsOwnAllowance() {
        // a different name each time: no name reaches its own limit
        for (int i = 0; i < LoginThrottle.FREE_FAILURES_PER_ADDRESS; i++) {
            assertEquals(Duration.ZERO, t.failed("user" + i, "10.0.0.66"), "failure " + (i + 1));
        }
        assertEquals(Duration.ofSeconds(2), t.failed("another", "10.0.0.66"), "the address's allowance is used up");
        assertEquals(Duration.ofSeconds(2), t.remainingLock("alice", "10.0.0.66"), "now any name from that address waits");
        assertEquals(Duration.ZERO, t.remainingLock("alice", "10.0.0.7"), "other addresses are not affected");
    }

    @Test
    void anotherAccountsSuccessDoesNotResetTheAddressCounter() {
        for (int i = 0; i < LoginThrottle.FREE_FAILURES_PER_ADDRESS; i++) t.failed("victim" + i, "10.0.0.66");
        t.succeeded("mallory", "10.0.0.66"); // the attacker's own account
        assertEquals(Duration.ofSeconds(2), t.failed("victim", "10.0.0.66"), "the address's counter went on");
    }

    @Test
    void guessingOneNameFromManyAddressesIsSlowedButTheOwnerAtTheirComputerIsNot() {
        t.succeeded("alice", "10.0.0.5"); // alice at her usual computer
        for (int i = 0; i < LoginThrottle.FREE_FAILURES_PER_USER; i++) {
            assertEquals(Duration.ZERO, t.failed("alice", "203.0.113." + i));
        }
        Duration delay = t.failed("alice", "203.0.113.200");
        assertEquals(Duration.ofSeconds(2), delay, "the name's allowance across addresses is used up");
        assertEquals(Duration.ofSeconds(2), t.remainingLock("alice", "203.0.113.201"), "a new address waits too");
        for (int i = 0; i < 40; i++) t.failed("alice", "198.51.100." + i);
        assertTrue(t.remainingLock("alice", "198.51.100.250").compareTo(Duration.ofSeconds(60)) <= 0,
                "a delay, never a lock of more than a minute");
        assertEquals(Duration.ZERO, t.remainingLock("alice", "10.0.0.5"), "alice signs in at her own computer");
        assertEquals(61, t.failures("alice"));
    }

    @Test
    void countersIdleForAnHourAreForgotten() {
        for (int i = 0; i < LoginThrottle.FREE_FAILURES; i++) t.failed("alice", "10.0.0.1");
        clock.advance(Duration.ofMinutes(61));
        assertEquals(0, t.failures("alice"));
        assertEquals(Duration.ZERO, t.failed("alice", "10.0.0.1"), "a fresh allowance");
    }
}
