package io.vigil.storage.ledger;

import io.vigil.storage.LedgerEntry;
import io.vigil.storage.LedgerRecord;
import io.vigil.storage.keys.Keystore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;

/**
 * Child process for {@link LedgerCrashTest}: appends from four threads until killed and
 * prints "number hash" for every append that has returned, i.e. that the ledger promised
 * is durable. Arguments: database dir, keystore file, passphrase.
 */
public final class LedgerCrashChild {
    private LedgerCrashChild() {
    }

    public static void main(String[] args) throws Exception {
        // Ends itself if the test that started it is gone (a stopped run), instead of writing until the disk is full.
        io.vigil.testkit.OrphanGuard.start(300, java.util.concurrent.TimeUnit.SECONDS);
        Keystore keystore = Keystore.open(Path.of(args[1]), args[2].toCharArray());
        LedgerTestDb rocks = new LedgerTestDb(Path.of(args[0]));
        RocksLedger ledger = new RocksLedger(rocks.db, rocks.entries, rocks.heads, keystore.ledgerKeyPair(),
                Clock.systemUTC(), new RocksLedger.HeadPolicy(50, java.time.Duration.ofMinutes(1)));
        System.out.println("ready " + ledger.size());
        System.out.flush();
        for (int t = 0; t < 4; t++) {
            int thread = t;
            Thread appender = new Thread(() -> {
                for (long i = 0; ; i++) {
                    LedgerEntry entry = ledger.append(LedgerRecord.of("view.start", Instant.now(), "crash-" + thread,
                            Map.of("i", Long.toString(i))));
                    String line = entry.number() + " " + HexFormat.of().formatHex(entry.hash());
                    synchronized (System.out) {
                        System.out.println(line);
                        System.out.flush();
                    }
                }
            });
            appender.start();
        }
    }
}
