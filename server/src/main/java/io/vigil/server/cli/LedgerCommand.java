package io.vigil.server.cli;

import io.vigil.server.StoreOpener;
import io.vigil.server.UserFacingException;
import io.vigil.storage.Ledger;
import io.vigil.storage.LedgerHeadText;
import io.vigil.storage.LedgerVerification;
import io.vigil.storage.VigilStore;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "ledger", mixinStandardHelpOptions = true,
        description = "Verify or export the tamper-evident management ledger.",
        subcommands = {LedgerCommand.Verify.class, LedgerExportCommand.class, LedgerReportCommand.class})
public final class LedgerCommand extends CommandGroup {

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Check every entry's hash link and every signed head; name the first edited, deleted, inserted or reordered entry.")
    static final class Verify implements Callable<Integer> {
        @Mixin
        ConfigOption config;

        @Option(names = "--head", paramLabel = "LINE",
                description = "A signed head kept elsewhere (the 'vigil-ledger-head v1 ...' line from the daily log or an"
                        + " earlier verify): the ledger must still run through it.")
        String head;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            java.io.PrintWriter out = spec.commandLine().getOut();
            Ledger.SignedHead kept = null;
            if (head != null) {
                try {
                    kept = LedgerHeadText.parse(head);
                } catch (IllegalArgumentException e) {
                    throw new UserFacingException("--head: " + e.getMessage());
                }
            }
            try (VigilStore store = StoreOpener.openReadOnly(config.load())) {
                LedgerVerification v = kept == null ? store.ledger().verify()
                        : store.ledger().verifyAgainst(kept, "the head given with --head");
                if (v.ok()) {
                    out.println("Ledger verifies: " + v.entries() + " entries, " + v.signedHeads() + " signed head(s)"
                            + (kept == null ? "" : ", and runs through the head given with --head") + ".");
                    store.ledger().latestSignedHead().ifPresent(h -> out.println(
                            "Latest signed head (keep a copy away from this server):\n" + LedgerHeadText.format(h)));
                    out.flush();
                    return 0;
                }
                out.println("LEDGER DOES NOT VERIFY"
                        + v.firstBadEntry().map(n -> " at entry " + n).orElse("") + ": " + v.problem());
                out.println("(" + v.entries() + " entries and " + v.signedHeads() + " signed head(s) examined)");
                out.flush();
                return VigilCommand.EXIT_PROBLEM;
            }
        }
    }
}
