package io.vigil.server.cli;

import io.vigil.server.StoreOpener;
import io.vigil.server.UserFacingException;
import io.vigil.server.i18n.CliText;
import io.vigil.storage.Ledger;
import io.vigil.storage.LedgerHeadText;
import io.vigil.storage.LedgerVerification;
import io.vigil.storage.VigilStore;
import io.vigil.storage.Reason;
import io.vigil.config.VigilConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "ledger", mixinStandardHelpOptions = true,
        description = "Verify or export the tamper-evident management ledger.",
        subcommands = {LedgerCommand.Verify.class, LedgerExportCommand.class, LedgerReportCommand.class, LedgerCommand.PublicKeyExport.class})
public final class LedgerCommand extends CommandGroup {

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Check every entry's hash link and every signed head; name the first edited, deleted, inserted or reordered entry.")
    static final class Verify extends ConfiguredCommand {
        @Option(names = "--head", paramLabel = "LINE",
                description = "A signed head kept elsewhere (the 'vigil-ledger-head v1 ...' line from the daily log or an"
                        + " earlier verify): the ledger must still run through it.")
        String head;

        @Option(names = "--public-key", paramLabel = "FILE",
                description = "check with this public key alone, without the keystore or its passphrase")
        Path publicKey;

        /** The --head option, read. */
        private Ledger.SignedHead kept;

        @Override
        void checkOptions() {
            if (publicKey != null && head != null) throw new KeyedUsageError(spec.commandLine(), "ledger.verify.keyAndHead");
            if (head != null) {
                try {
                    kept = LedgerHeadText.parse(head);
                } catch (IllegalArgumentException e) {
                    throw new UserFacingException("ledger.verify.badHead", "detail", e.getMessage());
                }
            }
        }

        @Override
        int run(VigilConfig cfg) {
            if (publicKey != null) return new PublicKeyLedgerCheck(text(), out()).run(cfg, publicKey);
            try (VigilStore store = StoreOpener.openReadOnly(cfg)) {
                // Where the kept head came from, worded like the rest of the problem (an argument may be a reason).
                LedgerVerification v = kept == null ? store.ledger().verify()
                        : store.ledger().verifyAgainst(kept, Reason.of("verifier.place.headOption").encode());
                return report(v, kept != null, store.ledger(), text(), cfg.settings().timeZone(), out());
            }
        }

        private static int report(LedgerVerification v, boolean throughHead, Ledger ledger, CliText text, java.time.ZoneId zone,
                                  PrintWriter out) {
            if (v.ok()) {
                out.println(text.t(throughHead ? "ledger.verify.okThroughHead" : "ledger.verify.ok",
                        "entries", v.entries(), "heads", v.signedHeads()));
                ledger.latestSignedHead().ifPresent(h -> out.println(text.t("ledger.verify.keepHead") + "\n" + LedgerHeadText.format(h)));
                out.flush();
                return 0;
            }
            PublicKeyLedgerCheck.printFailure(v, text, zone, out);
            return VigilCommand.EXIT_PROBLEM;
        }
    }

    @Command(name = "public-key", mixinStandardHelpOptions = true,
            description = "Print (or write with --out) the public key that signs the ledger's heads, as PEM, with its fingerprint:"
                    + " keep it away from the server to check the ledger with 'ledger verify --public-key'.")
    static final class PublicKeyExport extends PublicKeyPrint {
        @Override
        String writtenKey() {
            return "ledger.publicKey.written";
        }
    }
}
