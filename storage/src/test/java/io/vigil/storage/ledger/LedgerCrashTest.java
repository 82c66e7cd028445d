package io.vigil.storage.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.storage.LedgerEntry;
import io.vigil.storage.LedgerVerification;
import io.vigil.storage.keys.KdfParameters;
import io.vigil.storage.keys.Keystore;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child JVM appends from four threads and is killed with SIGKILL mid-stream, three times
 * in a row. Every append the child saw return must be in the reopened ledger with the same
 * hash, and the chain (with its signed heads) must verify after each crash.
 */
class LedgerCrashTest {
    private static final String PASSPHRASE = "crash test passphrase";

    @TempDir
    Path dir;

    @Test
    void everyReturnedAppendSurvivesKillMinus9() throws Exception {
        Path keystoreFile = dir.resolve("vigil.keystore");
        Keystore keystore = Keystore.create(keystoreFile, PASSPHRASE.toCharArray(), new KdfParameters(1024, 1, 1),
                Clock.systemUTC());
        Path db = dir.resolve("db");
        long before = 0;
        for (int round = 1; round <= 3; round++) {
            Map<Long, String> acknowledged = runAndKill(db, keystoreFile, 200 * round);
            try (LedgerTestDb rocks = new LedgerTestDb(db)) {
                RocksLedger ledger = new RocksLedger(rocks.db, rocks.entries, rocks.heads, keystore.ledgerKeyPair(),
                        Clock.systemUTC());
                assertTrue(ledger.size() >= before + acknowledged.size(), "round " + round + ": size " + ledger.size());
                for (Map.Entry<Long, String> e : acknowledged.entrySet()) {
                    LedgerEntry stored = ledger.range(e.getKey(), e.getKey()).get(0);
                    assertEquals(e.getValue(), HexFormat.of().formatHex(stored.hash()), "entry " + e.getKey());
                }
                LedgerVerification verification = ledger.verify();
                assertTrue(verification.ok(), "round " + round + ": " + verification.problem());
                assertEquals(ledger.size(), verification.entries());
                before = ledger.size();
            }
        }
    }

    /** Starts the child, waits until it has acknowledged {@code atLeast} appends, kills it, returns what it acknowledged. */
    private Map<Long, String> runAndKill(Path db, Path keystoreFile, int atLeast) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                LedgerCrashChild.class.getName(), db.toString(), keystoreFile.toString(), PASSPHRASE)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        Map<Long, String> acknowledged = new HashMap<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String ready = out.readLine();
            assertTrue(ready != null && ready.startsWith("ready"), "child did not start: " + ready);
            String line;
            while (acknowledged.size() < atLeast && (line = out.readLine()) != null) {
                String[] parts = line.split(" ");
                acknowledged.put(Long.parseLong(parts[0]), parts[1]);
            }
            // SIGKILL on Linux while the appenders keep going: no shutdown hooks, no RocksDB close.
            // Lines the child printed but this test did not read yet are simply not checked.
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "child did not die");
        } finally {
            child.destroyForcibly();
        }
        assertTrue(acknowledged.size() >= atLeast, "child acknowledged only " + acknowledged.size());
        return acknowledged;
    }
}
