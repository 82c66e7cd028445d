package io.vigil.ingest.supervisor;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BackoffTest {
    @Test
    void doublesUpToTheCapWithJitterInTheUpperHalf() {
        Backoff lowest = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), n -> 0);
        long[] expectedLow = {500, 1000, 2000, 4000, 8000, 15000, 15000, 15000};
        for (long e : expectedLow) assertEquals(e, lowest.next().toMillis());

        Backoff highest = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), n -> n - 1);
        long[] expectedHigh = {1000, 2000, 4000, 8000, 16000, 30000, 30000};
        for (long e : expectedHigh) assertEquals(e, highest.next().toMillis());
    }

    @Test
    void resetStartsOver() {
        Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5), n -> 0);
        b.next();
        b.next();
        b.next();
        b.reset();
        assertEquals(50, b.next().toMillis());
    }

    @Test
    void manyAttemptsNeverOverflow() {
        Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), n -> n - 1);
        for (int i = 0; i < 200; i++) b.next();
        assertEquals(30000, b.next().toMillis());
    }
}
