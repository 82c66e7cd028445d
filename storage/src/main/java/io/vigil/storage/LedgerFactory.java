package io.vigil.storage;

import io.vigil.storage.db.VigilDatabase;
import io.vigil.storage.ledger.Ledger;
import io.vigil.storage.ledger.RocksLedger;
import java.security.KeyPair;
import java.time.Clock;

/** Builds the ledger over the {@code ledger} and {@code ledger_heads} column families of the index. */
final class LedgerFactory {
    private LedgerFactory() {}

    static Ledger create(VigilDatabase db, KeyPair signingKey, Clock clock) {
        return new RocksLedger(db.db(), db.cf(VigilDatabase.LEDGER), db.cf(VigilDatabase.LEDGER_HEADS), signingKey, clock);
    }
}
