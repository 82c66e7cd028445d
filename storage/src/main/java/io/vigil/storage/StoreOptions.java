package io.vigil.storage;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/**
 * How to open a {@link VigilStore}.
 *
 * @param dataDir      directory holding segment files and the RocksDB index
 * @param keystorePath passphrase-protected keystore file (kept outside dataDir)
 * @param passphrase   keystore passphrase; the caller wipes it after open
 * @param clock        time source (injectable so tests can simulate days passing)
 * @param meters       where storage meters are registered
 * @param readOnly     open for reading only (`ledger verify`, `fsck` without --repair,
 *                     `purge --dry-run`): RocksDB read-only, no start-up repair, nothing written
 *                     in the data directory or beside the keystore
 */
public record StoreOptions(Path dataDir, Path keystorePath, char[] passphrase, Clock clock, MeterRegistry meters,
                           boolean readOnly) {
    public StoreOptions(Path dataDir, Path keystorePath, char[] passphrase, Clock clock, MeterRegistry meters) {
        this(dataDir, keystorePath, passphrase, clock, meters, false);
    }

    /** The same options, read-only. */
    public StoreOptions asReadOnly() {
        return new StoreOptions(dataDir, keystorePath, passphrase, clock, meters, true);
    }

    public StoreOptions {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(keystorePath, "keystorePath");
        Objects.requireNonNull(passphrase, "passphrase");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(meters, "meters");
    }
}
