package io.vigil.storage.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.storage.Ledger;
import io.vigil.storage.LedgerHeadText;
import io.vigil.storage.LedgerRecord;
import io.vigil.storage.LedgerVerification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;

/**
 * The attacker of issue 10: write access to the data directory while Vigil is stopped, no
 * signing key. On one chain of 10,000 entries (generated once, copied per case) each of
 * delete, insert, edit and reorder is done at the start, the middle and the end; plain
 * (rows only), with the later entries renumbered and re-chained, and re-chained with the
 * signed heads that no longer match deleted. {@code verify()} must fail and name the place:
 * the entry itself when the chain shows it, otherwise the span since the last valid head
 * (at most one head interval, 1,000 entries), which contains the tampered entry.
 */
class LedgerTamperSuiteTest {
    private static final int SIZE = 10_000;
    private static final int EVERY = 1_000;
    private static final Instant T0 = Instant.parse("2026-11-24T09:00:00Z");
    private static final KeyPair KEY = LedgerTestDb.newSigningKey();

    @TempDir
    static Path shared;
    private static Path template;
    /** The generated chain's rows and records, decoded once for all cases. */
    private static List<LedgerCodec.EntryRow> chain;
    private static List<LedgerRecord> chainRecords;

    @TempDir
    Path dir;

    enum Operation { DELETE, INSERT, EDIT, REORDER }

    enum Mode { ROWS_ONLY, RECHAINED, RECHAINED_HEADS_DELETED }

    @BeforeAll
    static void generateChain() throws Exception {
        template = shared.resolve("template");
        Files.createDirectories(template.resolve("db"));
        Files.createDirectories(template.resolve("keys"));
        try (LedgerTestDb rocks = new LedgerTestDb(template.resolve("db"))) {
            RocksLedger ledger = open(rocks, template);
            // Eight appenders: group commit makes 10,000 synced appends take seconds, not a minute.
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    int thread = t;
                    done.add(pool.submit(() -> {
                        for (int i = thread; i < SIZE; i += 8) {
                            ledger.append(RocksLedgerTest.record(i + 1));
                        }
                    }));
                }
                for (Future<?> f : done) {
                    f.get();
                }
            } finally {
                pool.shutdown();
            }
            ledger.close(); // the clean-shutdown head over all 10,000
            assertEquals(SIZE, ledger.latestSignedHead().orElseThrow().size());
            LedgerVerification intact = ledger.verify();
            assertTrue(intact.ok(), intact.problem());
            assertEquals(SIZE / EVERY + 1, intact.signedHeads(), "a head at 1 and every 1,000 entries");
            chain = new Rows(rocks).all();
            chainRecords = new ArrayList<>();
            for (LedgerCodec.EntryRow r : chain) {
                chainRecords.add(r.toEntry().record());
            }
        }
    }

    private static RocksLedger open(LedgerTestDb rocks, Path base) {
        return new RocksLedger(rocks.db, rocks.entries, rocks.heads, KEY, Clock.fixed(T0.plusSeconds(SIZE), ZoneOffset.UTC),
                new RocksLedger.HeadPolicy(EVERY, Duration.ofDays(1)), base.resolve("keys").resolve("ledger.key.ledger-head"));
    }

    static Stream<Arguments> cases() {
        List<Arguments> all = new ArrayList<>();
        for (Operation op : Operation.values()) {
            for (long at : new long[] {1, 5_432, SIZE}) {
                for (Mode mode : Mode.values()) {
                    all.add(Arguments.of(op, at == SIZE && op == Operation.REORDER ? SIZE - 1 : at, mode));
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} at {1}, {2}")
    @MethodSource("cases")
    void tamperingIsDetectedAndPlaced(Operation op, long at, Mode mode) throws Exception {
        copyTemplate();
        try (LedgerTestDb rocks = new LedgerTestDb(dir.resolve("db"))) {
            Rows rows = new Rows(rocks);
            List<LedgerRecord> records = new ArrayList<>(chainRecords);
            switch (op) {
                case DELETE -> records.remove((int) at - 1);
                case INSERT -> records.add((int) at - 1, RocksLedgerTest.record(99_999));
                case EDIT -> records.set((int) at - 1, withPurpose(records.get((int) at - 1), "nothing to see"));
                case REORDER -> records.add((int) at, records.remove((int) at - 1));
            }
            if (mode == Mode.ROWS_ONLY) {
                rows.writeRowsOnly(op, at, chain);
            } else {
                rows.rechainFrom(at, chain, records);
                if (mode == Mode.RECHAINED_HEADS_DELETED) {
                    rows.deleteHeadsFrom(at);
                }
            }

            LedgerVerification result = open(rocks, dir).verify();
            assertFalse(result.ok(), op + " at " + at + " (" + mode + ") went unnoticed");
            assertNotNull(result.problem());
            long named = result.firstBadEntry().orElseThrow(() -> new AssertionError("no entry named: " + result.problem()));
            // The span named starts at most one head interval before the tampered entry and reaches it.
            assertTrue(named <= at + 1 && named > at - EVERY - 1,
                    "named " + named + " for " + op + " at " + at + " (" + mode + "): " + result.problem());
            if (mode == Mode.ROWS_ONLY && at < SIZE - 1) {
                // Rows changed without recomputing hashes: the chain itself points at the entry.
                assertTrue(Math.abs(named - at) <= 1, "named " + named + " for " + op + " at " + at + ": " + result.problem());
            } else if (Math.abs(named - at) > 1) {
                assertTrue(result.problem().contains(named + ".."), result.problem());
            }
        }
    }

    /** Rolling the whole ledger back to an earlier head (entries and heads after it deleted) leaves the copy beside the keystore to tell. */
    @Test
    void rollbackToAnEarlierHeadIsCaughtByTheCopyOutsideTheDataDirectory() throws Exception {
        copyTemplate();
        try (LedgerTestDb rocks = new LedgerTestDb(dir.resolve("db"))) {
            Rows rows = new Rows(rocks);
            for (long n = 9_001; n <= SIZE; n++) {
                rocks.db.delete(rocks.entries, LedgerCodec.numberKey(n));
            }
            rows.deleteHeadsFrom(9_001);
            RocksLedger reopened = open(rocks, dir);
            LedgerVerification result = reopened.verify();
            assertFalse(result.ok());
            assertEquals(9_001L, result.firstBadEntry().orElseThrow(), result.problem());
            assertTrue(result.problem().contains("ledger.key.ledger-head"), result.problem());
            assertTrue(result.problem().contains("rolled back"), result.problem());
            // The start check refuses to sign a head over it; appends go on, unsigned.
            assertTrue(reopened.signingBlocked().isPresent());
            long headsBefore = rows.headCount();
            reopened.append(RocksLedgerTest.record(1));
            reopened.close();
            assertEquals(headsBefore, rows.headCount(), "a head was signed over the rolled-back ledger");
        }
    }

    @Test
    void aMissingCopyOfTheHeadIsNamed() throws Exception {
        copyTemplate();
        Path copy = dir.resolve("keys").resolve("ledger.key.ledger-head");
        Ledger.SignedHead kept = LedgerHeadText.parse(Files.readString(copy));
        Files.delete(copy);
        try (LedgerTestDb rocks = new LedgerTestDb(dir.resolve("db"))) {
            RocksLedger readOnly = new RocksLedger(rocks.db, rocks.entries, rocks.heads, KEY, Clock.systemUTC(),
                    new RocksLedger.HeadPolicy(EVERY, Duration.ofDays(1)), copy, true);
            LedgerVerification result = readOnly.verify();
            assertFalse(result.ok());
            assertTrue(result.problem().contains("is missing"), result.problem());
            assertFalse(Files.exists(copy), "a read-only open wrote the copy");
            // The operator's own copy (the daily log line) still checks the ledger.
            LedgerVerification against = readOnly.verifyAgainst(kept, "the daily log line");
            assertTrue(against.ok(), against.problem());
            // A writing open whose chain verifies rewrites the lost copy and keeps signing heads.
            RocksLedger writing = open(rocks, dir);
            assertTrue(writing.signingBlocked().isEmpty(), writing.signingBlocked().orElse(""));
            assertEquals(LedgerHeadText.format(kept), Files.readString(copy).strip());
            assertTrue(writing.verify().ok(), writing.verify().problem());
        }
    }

    @Test
    void intactCopyVerifiesAndCleanReopenWritesNothing() throws Exception {
        copyTemplate();
        try (LedgerTestDb rocks = new LedgerTestDb(dir.resolve("db"))) {
            RocksLedger reopened = open(rocks, dir);
            assertTrue(reopened.signingBlocked().isEmpty());
            LedgerVerification result = reopened.verify();
            assertTrue(result.ok(), result.problem());
            long heads = new Rows(rocks).headCount();
            reopened.close();
            assertEquals(heads, new Rows(rocks).headCount(), "a read-only open signed a head at close");
        }
    }

    private void copyTemplate() throws IOException {
        try (Stream<Path> files = Files.walk(template)) {
            for (Path source : files.toList()) {
                Path target = dir.resolve(template.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static LedgerRecord withPurpose(LedgerRecord r, String purpose) {
        return new LedgerRecord(r.type(), r.time(), r.actor(), r.cameraIds(), r.footageFrom(), r.footageTo(), purpose,
                r.recipient(), r.legalBasis(), r.form(), r.period(), r.details());
    }

    /** Direct row access, as a forger with the data directory has it. */
    private static final class Rows {
        private final LedgerTestDb rocks;

        Rows(LedgerTestDb rocks) {
            this.rocks = rocks;
        }

        List<LedgerCodec.EntryRow> all() throws Exception {
            List<LedgerCodec.EntryRow> rows = new ArrayList<>();
            try (RocksIterator it = rocks.db.newIterator(rocks.entries)) {
                for (it.seekToFirst(); it.isValid(); it.next()) {
                    rows.add(LedgerCodec.splitEntryRow(it.value()));
                }
            }
            assertEquals(SIZE, rows.size());
            return rows;
        }

        long headCount() {
            long n = 0;
            try (RocksIterator it = rocks.db.newIterator(rocks.heads)) {
                for (it.seekToFirst(); it.isValid(); it.next()) {
                    n++;
                }
            }
            return n;
        }

        /** The operation on rows, hashes untouched: deleted or inserted rows shift the later ones' keys. */
        void writeRowsOnly(Operation op, long at, List<LedgerCodec.EntryRow> chain) throws Exception {
            int i = (int) at - 1;
            switch (op) {
                case DELETE -> {
                    for (long n = at; n < SIZE; n++) {
                        put(n, chain.get((int) n).row());
                    }
                    rocks.db.delete(rocks.entries, LedgerCodec.numberKey(SIZE));
                }
                case INSERT -> {
                    byte[] previous = i == 0 ? LedgerCodec.genesisHash() : chain.get(i - 1).hash();
                    put(at, row(at, previous, RocksLedgerTest.record(99_999)));
                    for (long n = at; n <= SIZE; n++) {
                        put(n + 1, chain.get((int) n - 1).row());
                    }
                }
                case EDIT -> {
                    LedgerCodec.EntryRow original = chain.get(i);
                    LedgerRecord edited = withPurpose(original.toEntry().record(), "nothing to see");
                    put(at, LedgerCodec.encodeEntryRow(at, original.previousHash(), original.hash(),
                            LedgerCodec.encodeRecord(edited)));
                }
                case REORDER -> {
                    put(at, chain.get(i + 1).row());
                    put(at + 1, chain.get(i).row());
                }
            }
        }

        /** Rewrites every entry from {@code at} on with correct numbers and recomputed hashes. */
        void rechainFrom(long at, List<LedgerCodec.EntryRow> chain, List<LedgerRecord> records) throws RocksDBException {
            byte[] previous = at == 1 ? LedgerCodec.genesisHash() : chain.get((int) at - 2).hash();
            for (long n = at; n <= records.size(); n++) {
                byte[] recordBytes = LedgerCodec.encodeRecord(records.get((int) n - 1));
                byte[] hash = LedgerCodec.entryHash(n, previous, recordBytes);
                put(n, LedgerCodec.encodeEntryRow(n, previous, hash, recordBytes));
                previous = hash;
            }
            for (long n = records.size() + 1; n <= SIZE + 1; n++) {
                rocks.db.delete(rocks.entries, LedgerCodec.numberKey(n));
            }
        }

        void deleteHeadsFrom(long at) throws RocksDBException {
            for (long size = at; size <= SIZE + 1; size++) {
                rocks.db.delete(rocks.heads, LedgerCodec.numberKey(size));
            }
        }

        private void put(long number, byte[] row) throws RocksDBException {
            rocks.db.put(rocks.entries, LedgerCodec.numberKey(number), row);
        }

        private static byte[] row(long number, byte[] previous, LedgerRecord record) {
            byte[] recordBytes = LedgerCodec.encodeRecord(record);
            return LedgerCodec.encodeEntryRow(number, previous, LedgerCodec.entryHash(number, previous, recordBytes),
                    recordBytes);
        }
    }

}
