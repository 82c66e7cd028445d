package io.vigil.server.cli;

import io.vigil.server.StoreOpener;
import io.vigil.storage.LedgerVerification;
import io.vigil.storage.VigilStore;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "ledger", mixinStandardHelpOptions = true,
        description = "Verify or export the tamper-evident management ledger.",
        subcommands = {LedgerCommand.Verify.class, LedgerExportCommand.class})
public final class LedgerCommand extends CommandGroup {

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Check every entry's hash link and every signed head; name the first edited, deleted, inserted or reordered entry.")
    static final class Verify implements Callable<Integer> {
        @Mixin
        ConfigOption config;

        @Override
        public Integer call() {
            try (VigilStore store = StoreOpener.open(config.load())) {
                LedgerVerification v = store.ledger().verify();
                if (v.ok()) {
                    System.out.println("Ledger verifies: " + v.entries() + " entries, " + v.signedHeads() + " signed head(s).");
                    return 0;
                }
                System.out.println("LEDGER DOES NOT VERIFY"
                        + v.firstBadEntry().map(n -> " at entry " + n).orElse("") + ": " + v.problem());
                System.out.println("(" + v.entries() + " entries and " + v.signedHeads() + " signed head(s) examined)");
                return VigilCommand.EXIT_PROBLEM;
            }
        }
    }
}
