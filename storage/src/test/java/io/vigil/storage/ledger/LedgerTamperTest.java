package io.vigil.storage.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.storage.Ledger;
import io.vigil.storage.LedgerEntry;
import io.vigil.storage.LedgerRecord;
import io.vigil.storage.LedgerVerification;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.RocksDBException;

/**
 * Tampers with the RocksDB rows directly, as someone with access to the data directory
 * could, and checks that verify() notices and names the first affected entry.
 * The ledger has 30 entries with signed heads at 1, 11, 21 and 30.
 */
class LedgerTamperTest {
    private static final Instant T0 = Instant.parse("2026-11-24T09:00:00Z");

    @TempDir
    Path dir;

    private LedgerTestDb rocks;
    private RocksLedger ledger;
    private final KeyPair key = LedgerTestDb.newSigningKey();

    @BeforeEach
    void thirtyEntries() throws RocksDBException {
        rocks = new LedgerTestDb(dir);
        ledger = open();
        for (int i = 1; i <= 30; i++) {
            ledger.append(RocksLedgerTest.record(i));
        }
        ledger.signHead();
        LedgerVerification intact = ledger.verify();
        assertTrue(intact.ok(), intact.problem());
        assertEquals(4, intact.signedHeads());
        assertEquals(intact, new LedgerVerifier(rocks.db, rocks.entries, rocks.heads, ledger.publicKey(), 30, 1, 3)
                .verify());
    }

    @AfterEach
    void close() {
        rocks.close();
    }

    private RocksLedger open() {
        return new RocksLedger(rocks.db, rocks.entries, rocks.heads, key, Clock.fixed(T0, ZoneOffset.UTC),
                new RocksLedger.HeadPolicy(10, Duration.ofDays(1)));
    }

    /** Verifies with a freshly opened ledger, as `vigil ledger verify` would after the fact. */
    private LedgerVerification verifyAfterTampering() {
        RocksLedger reopened = open();
        LedgerVerification result = reopened.verify();
        assertFalse(result.ok(), "tampering went unnoticed");
        // The same verdict when the chain is checked in three ranges (1..10, 11..20, 21..) on
        // three threads, as large ledgers are.
        long knownHead = reopened.latestSignedHead().map(Ledger.SignedHead::size).orElse(0L);
        LedgerVerification parallel = new LedgerVerifier(rocks.db, rocks.entries, rocks.heads, reopened.publicKey(),
                knownHead, 1, 3).verify();
        assertEquals(result, parallel);
        return result;
    }

    private static void assertProblem(LedgerVerification result, long firstBad, String wording) {
        assertEquals(Optional.of(firstBad), result.firstBadEntry(), result.problem());
        assertTrue(result.problem().contains(wording), result.problem());
    }

    // ---- row access ----

    private byte[] row(long number) throws RocksDBException {
        return rocks.db.get(rocks.entries, LedgerCodec.numberKey(number));
    }

    private void put(long number, byte[] row) throws RocksDBException {
        rocks.db.put(rocks.entries, LedgerCodec.numberKey(number), row);
    }

    private void delete(long number) throws RocksDBException {
        rocks.db.delete(rocks.entries, LedgerCodec.numberKey(number));
    }

    private LedgerEntry entry(long number) throws Exception {
        return LedgerCodec.splitEntryRow(row(number)).toEntry();
    }

    private static LedgerRecord withActor(LedgerRecord r, String actor) {
        return new LedgerRecord(r.type(), r.time(), actor, r.cameraIds(), r.footageFrom(), r.footageTo(), r.purpose(),
                r.recipient(), r.legalBasis(), r.form(), r.period(), r.details());
    }

    /** Writes an entry with its hash recomputed, as a forger who knows the format would. */
    private byte[] rehashed(long number, byte[] previousHash, LedgerRecord record) {
        byte[] recordBytes = LedgerCodec.encodeRecord(record);
        byte[] hash = LedgerCodec.entryHash(number, previousHash, recordBytes);
        return LedgerCodec.encodeEntryRow(number, previousHash, hash, recordBytes);
    }

    // ---- the tamperings ----

    @Test
    void changedFieldIsNamed() throws Exception {
        LedgerEntry original = entry(12);
        byte[] recordBytes = LedgerCodec.encodeRecord(withActor(original.record(), "mallory"));
        put(12, LedgerCodec.encodeEntryRow(12, original.previousHash(), original.hash(), recordBytes));
        assertProblem(verifyAfterTampering(), 12, "entry 12 was edited");
    }

    @Test
    void changedFieldWithRecomputedHashIsNamed() throws Exception {
        LedgerEntry original = entry(12);
        put(12, rehashed(12, original.previousHash(), withActor(original.record(), "mallory")));
        LedgerVerification result = verifyAfterTampering();
        assertProblem(result, 12, "entry 13 does not link to entry 12");
        assertEquals(12, result.entries());
    }

    @Test
    void rewrittenChainIsCaughtBySignedHead() throws Exception {
        // Edit entry 12 and recompute every later hash and link: the chain is consistent again,
        // but the head signed over 21 entries no longer matches.
        byte[] previous = entry(11).hash();
        for (long n = 12; n <= 30; n++) {
            LedgerRecord record = entry(n).record();
            byte[] row = rehashed(n, previous, n == 12 ? withActor(record, "mallory") : record);
            put(n, row);
            previous = LedgerCodec.splitEntryRow(row).hash();
        }
        LedgerVerification result = verifyAfterTampering();
        assertProblem(result, 12, "entries 12..21 no longer match the head signed");
        assertEquals(2, result.signedHeads());
    }

    @Test
    void removedEntryIsNamed() throws Exception {
        delete(12);
        assertProblem(verifyAfterTampering(), 12, "entry 12 is missing: entry 11 is followed by entry 13");
    }

    @Test
    void removedFirstEntryIsNamed() throws Exception {
        delete(1);
        assertProblem(verifyAfterTampering(), 1, "entry 1 is missing");
    }

    @Test
    void removedEntryWithLaterRowsMovedUpIsNamed() throws Exception {
        for (long n = 12; n < 30; n++) {
            put(n, row(n + 1));
        }
        delete(30);
        assertProblem(verifyAfterTampering(), 12, "entry 12 is missing: its place holds entry 13");
    }

    @Test
    void insertedEntryIsNamed() throws Exception {
        // Move 12..30 one place down and put a forged, correctly linked entry in at 12.
        for (long n = 30; n >= 12; n--) {
            put(n + 1, row(n));
        }
        LedgerEntry eleven = entry(11);
        put(12, rehashed(12, eleven.hash(), LedgerRecord.of("view.start", T0, "mallory", java.util.Map.of())));
        assertProblem(verifyAfterTampering(), 12, "entry 12 was inserted");
    }

    @Test
    void insertedEntryLinkedIntoTheChainIsNamed() throws Exception {
        // A forged entry whose successor's link still points past it: the original 12 is renumbered
        // and rehashed, but keeps its link to 11.
        LedgerEntry eleven = entry(11);
        LedgerEntry twelve = entry(12);
        for (long n = 30; n >= 13; n--) {
            put(n + 1, row(n));
        }
        put(12, rehashed(12, eleven.hash(), LedgerRecord.of("view.start", T0, "mallory", java.util.Map.of())));
        put(13, rehashed(13, eleven.hash(), twelve.record()));
        assertProblem(verifyAfterTampering(), 12, "entry 12 was inserted");
    }

    @Test
    void swappedEntriesAreNamed() throws Exception {
        byte[] twelve = row(12);
        put(12, row(13));
        put(13, twelve);
        assertProblem(verifyAfterTampering(), 12, "entries 12 and 13 were swapped");
    }

    @Test
    void truncatedTailAfterASignedHeadIsNamed() throws Exception {
        for (long n = 26; n <= 30; n++) {
            delete(n);
        }
        LedgerVerification result = verifyAfterTampering();
        assertProblem(result, 26, "entries 26..30 were removed");
        assertTrue(result.problem().contains("truncated"), result.problem());
        assertEquals(25, result.entries());
    }

    @Test
    void forgedHeadSignatureIsNamed() throws Exception {
        byte[] headRow = rocks.db.get(rocks.heads, LedgerCodec.numberKey(21));
        Ledger.SignedHead head = LedgerCodec.decodeHeadRow(headRow);
        byte[] signature = head.signature().clone();
        signature[5] ^= 1;
        rocks.db.put(rocks.heads, LedgerCodec.numberKey(21), LedgerCodec.encodeHeadRow(
                new Ledger.SignedHead(head.size(), head.headHash(), head.time(), signature, head.publicKey())));
        assertProblem(verifyAfterTampering(), 12, "has an invalid signature");
    }

    @Test
    void headSignedWithAnotherKeyIsRejected() throws Exception {
        // A forger signs a head over a rewritten chain with a key of their own and puts their public key in the row.
        KeyPair forger = LedgerTestDb.newSigningKey();
        Ledger.SignedHead genuine = LedgerCodec.decodeHeadRow(rocks.db.get(rocks.heads, LedgerCodec.numberKey(30)));
        Ledger.SignedHead forged = new HeadSigner(forger).sign(genuine.size(), genuine.headHash(), genuine.time());
        rocks.db.put(rocks.heads, LedgerCodec.numberKey(30), LedgerCodec.encodeHeadRow(forged));
        assertProblem(verifyAfterTampering(), 22, "over entries 1..30");
    }

    @Test
    void deletedHeadSignedByThisServerIsNoticed() throws Exception {
        rocks.db.delete(rocks.heads, LedgerCodec.numberKey(30));
        LedgerVerification result = ledger.verify();
        assertFalse(result.ok());
        assertTrue(result.problem().contains("head over 30 entries signed by this server has been deleted"),
                result.problem());
    }

    @Test
    void garbledRowIsNamed() throws Exception {
        put(7, new byte[] {1, 2, 3});
        assertProblem(verifyAfterTampering(), 7, "entry 7 is unreadable");
    }

    @Test
    void damagedLedgerStillOpensForVerificationButRefusesAppendsOnAnUnreadableEnd() throws Exception {
        put(30, new byte[] {9, 9});
        RocksLedger reopened = open();
        assertProblem(reopened.verify(), 30, "entry 30 is unreadable");
        io.vigil.storage.StorageException refused = org.junit.jupiter.api.Assertions.assertThrows(
                io.vigil.storage.StorageException.class, () -> reopened.append(RocksLedgerTest.record(31)));
        assertTrue(refused.getMessage().contains("ledger entry 30 is unreadable"), refused.getMessage());
        assertEquals(29, reopened.range(1, 29).size(), "the readable entries stay readable");
        io.vigil.storage.StorageException unreadable = org.junit.jupiter.api.Assertions.assertThrows(
                io.vigil.storage.StorageException.class, () -> reopened.range(30, 30));
        assertTrue(unreadable.getMessage().contains("ledger entry row 30 is corrupted"), unreadable.getMessage());
    }
}
