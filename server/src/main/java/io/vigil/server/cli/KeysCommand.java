package io.vigil.server.cli;

import io.vigil.config.VigilConfig;
import io.vigil.storage.VigilStore;
import io.vigil.storage.keys.Keystore;
import io.vigil.storage.ledger.LedgerRecord;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "keys", mixinStandardHelpOptions = true, description = "Create the keystore (master key and ledger signing key).",
        subcommands = KeysCommand.Init.class)
public final class KeysCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "init", mixinStandardHelpOptions = true,
            description = "Create the passphrase-protected keystore named in the config (never overwrites one).")
    static final class Init implements Callable<Integer> {
        @Mixin
        ConfigOption config;

        @Override
        public Integer call() {
            VigilConfig cfg = config.load();
            char[] passphrase = StoreOpener.passphrase(cfg);
            Keystore ks;
            try {
                ks = Keystore.create(cfg.keystore(), passphrase);
            } finally {
                Arrays.fill(passphrase, '\0');
            }
            String publicKey = Base64.getEncoder().encodeToString(ks.ledgerKeyPair().getPublic().getEncoded());
            try (VigilStore store = StoreOpener.open(cfg)) {
                store.ledger().append(LedgerRecord.of("keys.init", Instant.now(), "vigil keys init",
                        Map.of("keystore", cfg.keystore().toString(), "masterKeyId", String.valueOf(ks.masterKeyId()),
                                "ledgerPublicKey", publicKey)));
            }
            System.out.println("Created keystore " + cfg.keystore() + " (master key " + ks.masterKeyId() + ").");
            System.out.println("Ledger signing public key (X.509, base64): " + publicKey);
            System.out.println("Keep the passphrase apart from the data directory; without it the footage cannot be read.");
            return 0;
        }
    }
}
