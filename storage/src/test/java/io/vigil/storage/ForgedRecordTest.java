package io.vigil.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vigil.storage.db.VigilDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rows of the record tables carry a MAC keyed from the keystore: a grant or account row
 * put into the index directly (never issued by Vigil), an edited row and a row copied under
 * another key are refused as absent, and each refusal is ledgered once.
 */
class ForgedRecordTest {
    @TempDir Path dir;

    private StoreOptions options() {
        return new StoreOptions(dir.resolve("data"), dir.resolve("vigil.keystore"), VigilStoresTest.PASS, Clock.systemUTC(),
                new SimpleMeterRegistry());
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void forgedGrantAndAccountRowsAreRefusedAndLedgered() throws Exception {
        VigilStoresTest.createKeystore(dir.resolve("vigil.keystore"));
        try (VigilStore s = VigilStores.open(options())) {
            s.table(VigilStore.GRANTS).put("g-1", utf8("{\"user\":\"alice\",\"cameras\":\"cam-01\"}"));
            s.table(VigilStore.ACCOUNTS).put("alice", utf8("{\"role\":\"security-staff\"}"));
            s.table(VigilStore.ACCOUNTS).put("bob", utf8("{\"role\":\"security-staff\"}"));
        }
        // The attacker, with the data directory but not the keystore.
        try (VigilDatabase raw = VigilDatabase.open(dir.resolve("data"))) {
            byte[] genuineGrant = raw.db().get(raw.cf(VigilStore.GRANTS), utf8("g-1"));
            raw.db().put(raw.cf(VigilStore.GRANTS), utf8("g-forged"), utf8("{\"user\":\"mallory\",\"cameras\":\"cam-01\"}"));
            raw.db().put(raw.cf(VigilStore.GRANTS), utf8("g-copied"), genuineGrant);
            byte[] bob = raw.db().get(raw.cf(VigilStore.ACCOUNTS), utf8("bob"));
            byte[] edited = new String(bob, StandardCharsets.ISO_8859_1).replace("security-staff", "administrator")
                    .getBytes(StandardCharsets.ISO_8859_1);
            raw.db().put(raw.cf(VigilStore.ACCOUNTS), utf8("bob"), edited);
        }
        try (VigilStore s = VigilStores.open(options())) {
            RecordTable grants = s.table(VigilStore.GRANTS);
            RecordTable accounts = s.table(VigilStore.ACCOUNTS);
            assertTrue(grants.get("g-forged").isEmpty(), "a grant never issued was served");
            assertTrue(grants.get("g-copied").isEmpty(), "a genuine grant copied under another key was served");
            assertTrue(accounts.get("bob").isEmpty(), "an edited account row was served");
            assertArrayEquals(utf8("{\"user\":\"alice\",\"cameras\":\"cam-01\"}"), grants.get("g-1").orElseThrow());
            assertEquals(List.of("g-1"), grants.scan("").stream().map(Map.Entry::getKey).toList());
            assertEquals(List.of("alice"), accounts.scan("").stream().map(Map.Entry::getKey).toList());
            // Read twice (get and scan), ledgered once each.
            List<LedgerEntry> refused = s.ledger().search(e -> e.record().type().equals("record.refused"), 10);
            assertEquals(List.of("accounts/bob", "grants/g-copied", "grants/g-forged"), refused.stream()
                    .map(e -> e.record().details().get("table") + "/" + e.record().details().get("key")).sorted().toList());
            assertTrue(refused.get(0).record().details().get("reason").contains("not written by Vigil"));
            assertTrue(s.ledger().verify().ok(), s.ledger().verify().problem());
        }
    }
}
