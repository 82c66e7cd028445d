package io.vigil.server;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vigil.config.VigilConfig;
import io.vigil.storage.StoreOptions;
import io.vigil.storage.VigilStore;
import io.vigil.storage.VigilStores;
import java.time.Clock;
import java.util.Arrays;

/** Opens the data directory named by a config, resolving the passphrase and wiping it after. */
public final class StoreOpener {
    private StoreOpener() {}

    public static VigilStore open(VigilConfig config) {
        return open(config, new SimpleMeterRegistry(), Clock.systemUTC());
    }

    public static VigilStore open(VigilConfig config, MeterRegistry meters, Clock clock) {
        requireKeystore(config);
        return withPassphrase(config, pass -> VigilStores.open(new StoreOptions(config.dataDir(), config.keystore(), pass, clock, meters)));
    }

    /** Opens read-only: for commands that must never write (`ledger verify`, `fsck`, `purge --dry-run`). */
    public static VigilStore openReadOnly(VigilConfig config) {
        requireKeystore(config);
        return withPassphrase(config, pass -> VigilStores.open(new StoreOptions(config.dataDir(), config.keystore(), pass,
                Clock.systemUTC(), new SimpleMeterRegistry(), true)));
    }

    /**
     * The most common first-minute mistake, told in the operator's language before the
     * store is touched (the store's own message says the same in English).
     */
    public static void requireKeystore(VigilConfig config) {
        if (!java.nio.file.Files.exists(config.keystore())) {
            throw new UserFacingException("error.keystoreMissing", "file", config.keystore());
        }
    }

    /** Runs {@code use} with the keystore passphrase, then wipes it whatever happens. */
    public static <T> T withPassphrase(VigilConfig config, java.util.function.Function<char[], T> use) {
        char[] passphrase = passphrase(config);
        try {
            return use.apply(passphrase);
        } finally {
            Arrays.fill(passphrase, '\0');
        }
    }

    /** The keystore passphrase; the message on failure names where it was looked for, never a value. */
    public static char[] passphrase(VigilConfig config) {
        try {
            return config.keystorePassphrase().resolve();
        } catch (io.vigil.config.SecretUnavailableException e) {
            throw new PassphraseUnavailableException(e);
        } catch (IllegalStateException e) {
            throw new UserFacingException("error.passphrase", "detail", e.getMessage());
        }
    }
}
