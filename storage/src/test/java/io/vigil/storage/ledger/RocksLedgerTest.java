package io.vigil.storage.ledger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.storage.Ledger;
import io.vigil.storage.LedgerEntry;
import io.vigil.storage.LedgerRecord;
import io.vigil.storage.LedgerVerification;
import io.vigil.testkit.MutableClock;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RocksLedgerTest {
    private static final Instant T0 = Instant.parse("2026-11-24T09:00:00Z");

    @TempDir
    Path dir;

    private final KeyPair key = LedgerTestDb.newSigningKey();
    private final Clock clock = Clock.fixed(T0, ZoneOffset.UTC);

    static LedgerRecord record(int i) {
        return new LedgerRecord("view.start", T0.plusSeconds(i), "alice", "cam-0" + (i % 16),
                T0.minusSeconds(3600), T0.minusSeconds(1800), "incident review #" + i, "police, case " + i,
                "PIPA Art. 18(2)", "viewing", "until " + i, Map.of("client", "10.0.0." + (i % 250), "grant", "g" + i));
    }

    @Test
    void appendsAreNumberedAndChained() throws Exception {
        try (LedgerTestDb rocks = new LedgerTestDb(dir)) {
            RocksLedger ledger = new RocksLedger(rocks.db, rocks.entries, rocks.heads, key, clock);
            assertEquals(0, ledger.size());
            LedgerEntry first = ledger.append(record(1));
            LedgerEntry second = ledger.append(record(2));

            assertEquals(1, first.number());
            assertArrayEquals(new byte[32], first.previousHash());
            assertEquals(2, second.number());
            assertArrayEquals(first.hash(), second.previousHash());
            assertArrayEquals(LedgerCodec.entryHash(2, first.hash(), LedgerCodec.encodeRecord(record(2))), second.hash());
            assertEquals(2, ledger.size());

            List<LedgerEntry> stored = ledger.range(1, 2);
            assertEquals(2, stored.size());
            assertEquals(record(1), stored.get(0).record());
            assertArrayEquals(second.hash(), stored.get(1).hash());
            assertTrue(ledger.verify().ok(), ledger.verify().problem());
        }
    }

    @Test
    void chainContinuesAfterReopening() throws Exception {
        byte[] lastHash;
        try (LedgerTestDb rocks = new LedgerTestDb(dir)) {
            RocksLedger ledger = new RocksLedger(rocks.db, rocks.entries, rocks.heads, key, clock);
            for (int i = 1; i <= 5; i++) {
                lastHash = ledger.append(record(i)).hash();
            }
        }
        try (LedgerTestDb rocks = new LedgerTestDb(dir)) {
            RocksLedger ledger = new RocksLedger(rocks.db, rocks.entries, rocks.heads, key, clock);
            assertEquals(5, ledger.size());
            lastHash = ledger.range(5, 5).get(0).hash();
            LedgerEntry sixth = ledger.append(record(6));
            assertEquals(6, sixth.number());
            assertArrayEquals(lastHash, sixth.previousHash());
            assertTrue(ledger.latestSignedHead().isPresent());
            LedgerVerification verification = ledger.verify();
            assertTrue(verification.ok(), verification.problem());
            assertEquals(6, verification.entries());
        }
    }

    @Test
    void rangeAndSearch() throws Exception {
        try (LedgerTestDb rocks = new LedgerTestDb(dir)) {
            RocksLedger ledger = new RocksLedger(rocks.db, rocks.entries, rocks.heads, key, clock);
            for (int i = 1; i <= 40; i++) {
                ledger.append(record(i));
            }
            assertEquals(List.of(10L, 11L, 12L), ledger.range(10, 12).stream().map(LedgerEntry::number).toList());
            assertEquals(List.of(39L, 40L), ledger.range(39, 100).stream().map(LedgerEntry::number).toList());
            assertEquals(List.of(1L), ledger.range(-5, 1).stream().map(LedgerEntry::number).toList());
            assertTrue(ledger.range(41, 50).isEmpty());

            List<LedgerEntry> cam3 = ledger.search(e -> "cam-03".equals(e.record().cameraIds()), 10);
            assertEquals(List.of(3L, 19L, 35L), cam3.stream().map(LedgerEntry::number).toList());
            assertEquals(List.of(3L), ledger.search(e -> "cam-03".equals(e.record().cameraIds()), 1).stream()
                    .map(LedgerEntry::number).toList());
            assertTrue(ledger.search(e -> true, 0).isEmpty());
        }
    }

    @Test
    void headsAreSignedPeriodicallyAndOnDemand() throws Exception {
        try (LedgerTestDb rocks = new LedgerTestDb(dir)) {
            RocksLedger ledger = new RocksLedger(rocks.db, rocks.entries, rocks.heads, key, clock,
                    new RocksLedger.HeadPolicy(10, Duration.ofDays(1)));
            assertTrue(ledger.latestSignedHead().isEmpty());
            for (int i = 1; i <= 25; i++) {
                ledger.append(record(i));
            }
            // First append signs (no head yet), then every 10 entries: heads at 1, 11, 21.
            Ledger.SignedHead periodic = ledger.latestSignedHead().orElseThrow();
            assertEquals(21, periodic.size());
            assertArrayEquals(ledger.range(21, 21).get(0).hash(), periodic.headHash());

            Ledger.SignedHead now = ledger.signHead();
            assertEquals(25, now.size());
            assertArrayEquals(ledger.range(25, 25).get(0).hash(), now.headHash());
            assertEquals(T0, now.time());
            assertArrayEquals(ledger.publicKey(), now.publicKey());
            assertTrue(HeadSigner.verify(now, ledger.publicKey()));
            assertEquals(25, ledger.latestSignedHead().orElseThrow().size());

            LedgerVerification verification = ledger.verify();
            assertTrue(verification.ok(), verification.problem());
            assertEquals(25, verification.entries());
            assertEquals(4, verification.signedHeads());
        }
    }

    @Test
    void headIsSignedWhenTheIntervalHasPassed() throws Exception {
        MutableClock moving = new MutableClock(T0);
        try (LedgerTestDb rocks = new LedgerTestDb(dir)) {
            RocksLedger ledger = new RocksLedger(rocks.db, rocks.entries, rocks.heads, key, moving,
                    new RocksLedger.HeadPolicy(1_000_000, Duration.ofSeconds(30)));
            ledger.append(record(1));
            ledger.append(record(2));
            assertEquals(1, ledger.latestSignedHead().orElseThrow().size());
            moving.set(T0.plusSeconds(31));
            ledger.append(record(3));
            assertEquals(3, ledger.latestSignedHead().orElseThrow().size());
            assertEquals(T0.plusSeconds(31), ledger.latestSignedHead().orElseThrow().time());
        }
    }

    @Test
    void concurrentAppendersGetDistinctConsecutiveNumbersAndAValidChain() throws Exception {
        int threads = 8;
        int perThread = 150;
        try (LedgerTestDb rocks = new LedgerTestDb(dir)) {
            RocksLedger ledger = new RocksLedger(rocks.db, rocks.entries, rocks.heads, key, clock,
                    new RocksLedger.HeadPolicy(100, Duration.ofDays(1)));
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<LedgerEntry>>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    List<LedgerEntry> mine = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        mine.add(ledger.append(record(thread * 1000 + i)));
                    }
                    return mine;
                }));
            }
            start.countDown();
            Set<Long> numbers = new HashSet<>();
            for (Future<List<LedgerEntry>> future : futures) {
                List<LedgerEntry> mine = future.get(60, TimeUnit.SECONDS);
                for (int i = 1; i < mine.size(); i++) {
                    // Each thread's own appends are ordered as it made them.
                    assertTrue(mine.get(i).number() > mine.get(i - 1).number());
                }
                mine.forEach(e -> assertTrue(numbers.add(e.number()), "duplicate number " + e.number()));
            }
            pool.shutdown();
            assertEquals(threads * perThread, numbers.size());
            assertEquals(threads * perThread, ledger.size());
            assertEquals(1, numbers.stream().mapToLong(Long::longValue).min().orElseThrow());
            assertEquals(threads * perThread, numbers.stream().mapToLong(Long::longValue).max().orElseThrow());
            LedgerVerification verification = ledger.verify();
            assertTrue(verification.ok(), verification.problem());
            assertEquals(threads * perThread, verification.entries());
            assertTrue(verification.signedHeads() >= 12, "heads: " + verification.signedHeads());
        }
    }

    @Test
    void appendedEntryIsVisibleToANewReaderImmediately() throws Exception {
        // Durability: the append returned, so a fresh ledger over the same database sees it.
        try (LedgerTestDb rocks = new LedgerTestDb(dir)) {
            RocksLedger writer = new RocksLedger(rocks.db, rocks.entries, rocks.heads, key, clock);
            LedgerEntry entry = writer.append(record(7));
            RocksLedger reader = new RocksLedger(rocks.db, rocks.entries, rocks.heads, key, clock);
            assertEquals(1, reader.size());
            assertArrayEquals(entry.hash(), reader.range(1, 1).get(0).hash());
            assertFalse(reader.latestSignedHead().isEmpty());
        }
    }

    @Test
    void failedWriteIsReportedAndNumberingRewinds() throws Exception {
        try (LedgerTestDb rocks = new LedgerTestDb(dir)) {
            RocksLedger ledger = new RocksLedger(rocks.db, rocks.entries, rocks.heads, key, clock);
            for (int i = 1; i <= 5; i++) {
                ledger.append(record(i));
            }
        }
        try (LedgerTestDb readOnly = new LedgerTestDb(dir, true)) {
            RocksLedger ledger = new RocksLedger(readOnly.db, readOnly.entries, readOnly.heads, key, clock);
            for (int attempt = 0; attempt < 2; attempt++) {
                io.vigil.storage.StorageException e = org.junit.jupiter.api.Assertions.assertThrows(
                        io.vigil.storage.StorageException.class, () -> ledger.append(record(6)));
                // The same number each time: the failed entry did not advance the chain.
                assertTrue(e.getMessage().startsWith("ledger append failed, entries 6..6 were not recorded"),
                        e.getMessage());
                assertEquals(5, ledger.size());
            }
            assertTrue(ledger.verify().ok());
        }
        try (LedgerTestDb rocks = new LedgerTestDb(dir)) {
            RocksLedger ledger = new RocksLedger(rocks.db, rocks.entries, rocks.heads, key, clock);
            assertEquals(6, ledger.append(record(6)).number());
            assertTrue(ledger.verify().ok());
        }
    }

    @Test
    void verifyWhileAppendersRunSeesAConsistentSnapshot() throws Exception {
        try (LedgerTestDb rocks = new LedgerTestDb(dir)) {
            RocksLedger ledger = new RocksLedger(rocks.db, rocks.entries, rocks.heads, key, clock,
                    new RocksLedger.HeadPolicy(25, Duration.ofDays(1)));
            java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<Integer>> appenders = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                appenders.add(pool.submit(() -> {
                    int n = 0;
                    while (!stop.get()) {
                        ledger.append(record(n++));
                    }
                    return n;
                }));
            }
            try {
                long seen = 0;
                for (int round = 0; round < 6; round++) {
                    // Wait for progress by polling the ledger itself, with a deadline.
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                    while (ledger.size() < seen + 50) {
                        assertTrue(System.nanoTime() < deadline, "appenders made no progress");
                        java.util.concurrent.locks.LockSupport.parkNanos(1_000_000); // poll, bounded by the deadline
                    }
                    LedgerVerification verification = ledger.verify();
                    assertTrue(verification.ok(), "round " + round + ": " + verification.problem());
                    assertTrue(verification.entries() >= seen + 50);
                    seen = verification.entries();
                }
            } finally {
                stop.set(true);
                for (Future<Integer> f : appenders) {
                    f.get(60, TimeUnit.SECONDS);
                }
                pool.shutdown();
            }
            assertTrue(ledger.verify().ok());
        }
    }
}
