package io.vigil.server.cli;

import io.vigil.config.VigilConfig;
import io.vigil.server.StoreOpener;
import io.vigil.server.i18n.CliText;
import io.vigil.storage.LedgerEventType;
import io.vigil.storage.LedgerRecord;
import io.vigil.storage.VigilStore;
import io.vigil.storage.keys.Keystore;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import picocli.CommandLine.Command;

@Command(name = "keys", mixinStandardHelpOptions = true, description = "Create the keystore or rotate its master key.",
        subcommands = {KeysCommand.Init.class, KeysCommand.Rotate.class})
public final class KeysCommand extends CommandGroup {

    @Command(name = "init", mixinStandardHelpOptions = true,
            description = "Create the passphrase-protected keystore named in the config (never overwrites one).")
    static final class Init extends ConfiguredCommand {
        @Override
        int run(VigilConfig cfg) {
            Keystore ks = StoreOpener.withPassphrase(cfg, pass -> Keystore.create(cfg.keystore(), pass));
            String publicKey = Base64.getEncoder().encodeToString(ks.ledgerKeyPair().getPublic().getEncoded());
            try (VigilStore store = StoreOpener.open(cfg)) {
                store.ledger().append(LedgerRecord.of(LedgerEventType.KEYS_INIT, Instant.now(), "vigil keys init",
                        Map.of("keystore", cfg.keystore().toString(), "masterKeyId", String.valueOf(ks.masterKeyId()),
                                "ledgerPublicKey", publicKey)));
            }
            CliText text = VigilCommand.text(spec);
            PrintWriter out = spec.commandLine().getOut();
            out.println(text.t("keys.created", "file", cfg.keystore(), "id", ks.masterKeyId()));
            out.println(text.t("keys.publicKey", "key", publicKey));
            out.println(text.t("keys.keepPassphrase"));
            out.flush();
            return 0;
        }
    }

    @Command(name = "rotate", mixinStandardHelpOptions = true,
            description = "Make a new master key, re-wrap every camera-day key with it, then retire the old master keys.")
    static final class Rotate extends ConfiguredCommand {
        @Override
        int run(VigilConfig cfg) {
            StoreOpener.withPassphrase(cfg, passphrase -> {
                // 1. New current key; older ones stay in the keystore so existing day keys still unwrap.
                Keystore ks = Keystore.open(cfg.keystore(), passphrase).rotateMasterKey(cfg.keystore(), passphrase);
                int rewrapped;
                // 2. Re-wrap every day key under the new key (a crash here is safe: run rotate again).
                try (io.vigil.storage.VigilStore store = StoreOpener.open(cfg)) {
                    rewrapped = store.maintenance().rewrapDayKeys();
                    // 3. Retire the old keys: wrapped day-key copies left behind by RocksDB compaction become useless.
                    java.util.List<Integer> retired = new java.util.ArrayList<>();
                    for (var old : ks.masterKeys()) {
                        if (old.id() != ks.masterKeyId()) {
                            ks = ks.retireMasterKey(cfg.keystore(), passphrase, old.id());
                            retired.add(old.id());
                        }
                    }
                    store.ledger().append(LedgerRecord.of(LedgerEventType.KEYS_ROTATE, Instant.now(), "vigil keys rotate",
                            Map.of("masterKeyId", String.valueOf(ks.masterKeyId()), "dayKeysRewrapped", String.valueOf(rewrapped),
                                    "retiredMasterKeyIds", retired.toString())));
                    PrintWriter out = spec.commandLine().getOut();
                    out.println(VigilCommand.text(spec).t("keys.rotated", "id", ks.masterKeyId(), "count", rewrapped, "retired", retired));
                    out.flush();
                }
                return null;
            });
            return 0;
        }
    }
}
