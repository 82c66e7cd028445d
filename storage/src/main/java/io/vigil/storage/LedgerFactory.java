package io.vigil.storage;

import io.vigil.storage.db.VigilDatabase;
import io.vigil.storage.ledger.Ledger;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.security.KeyPair;
import java.time.Clock;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDB;
import org.slf4j.LoggerFactory;

/**
 * Builds the ledger over the {@code ledger} and {@code ledger_heads} column families.
 * {@code RocksLedger} is written in parallel by another engineer; it is looked up
 * reflectively until it is in the tree, so this module compiles either way.
 */
final class LedgerFactory {
    static final String IMPLEMENTATION = "io.vigil.storage.ledger.RocksLedger";

    private LedgerFactory() {}

    static Ledger create(VigilDatabase db, KeyPair signingKey, Clock clock) {
        try {
            Class<?> c = Class.forName(IMPLEMENTATION);
            Constructor<?> ctor = c.getConstructor(RocksDB.class, ColumnFamilyHandle.class, ColumnFamilyHandle.class,
                    KeyPair.class, Clock.class);
            return (Ledger) ctor.newInstance(db.db(), db.cf(VigilDatabase.LEDGER), db.cf(VigilDatabase.LEDGER_HEADS),
                    signingKey, clock);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            throw new StorageException("cannot open the ledger: " + e.getCause(), e.getCause());
        } catch (ClassNotFoundException e) {
            LoggerFactory.getLogger(LedgerFactory.class).warn("{} is not in this build yet; the ledger is unavailable", IMPLEMENTATION);
            return unavailable();
        } catch (ReflectiveOperationException e) {
            throw new StorageException("the ledger implementation " + IMPLEMENTATION + " cannot be constructed: " + e, e);
        }
    }

    /** A ledger every call of which fails clearly, so segment storage stays usable meanwhile. */
    private static Ledger unavailable() {
        return (Ledger) Proxy.newProxyInstance(Ledger.class.getClassLoader(), new Class<?>[] {Ledger.class}, (proxy, m, args) -> {
            if (m.getDeclaringClass() == Object.class) {
                return switch (m.getName()) {
                    case "toString" -> "UnavailableLedger";
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> proxy == args[0];
                };
            }
            throw new StorageException("the ledger is not available in this build (" + IMPLEMENTATION + " missing)");
        });
    }
}
