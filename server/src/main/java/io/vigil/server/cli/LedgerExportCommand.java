package io.vigil.server.cli;

import io.vigil.config.VigilConfig;
import io.vigil.server.StoreOpener;
import io.vigil.server.i18n.CliText;
import io.vigil.storage.LedgerCsv;
import io.vigil.storage.LedgerEventType;
import io.vigil.storage.LedgerRecord;
import io.vigil.storage.VigilStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code vigil ledger export}: the whole ledger as CSV ending with a head signed now. Not a
 * read-only command, by choice (docs/ledger.md, "CSV export"): the ledger says who watched
 * whose footage, so taking all of it out is itself ledgered ({@code ledger.export} by
 * {@code cli:<os user>}, like the web's CSV and {@code ledger report}), and the head signed
 * at the end covers every entry up to that one, so the file is checkable on its own.
 * {@code ledger verify} is the read-only check; it writes nothing.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write the management ledger as CSV followed by a freshly signed head.")
public final class LedgerExportCommand extends ConfiguredCommand {
    @Mixin
    OutputOption out;

    @Override
    int run(VigilConfig cfg) throws IOException {
        try (VigilStore store = StoreOpener.open(cfg)) {
            store.ledger().append(LedgerRecord.builder(LedgerEventType.LEDGER_EXPORT, Instant.now(), UserCommand.actor())
                    .form("ledger CSV").details(Map.of("client", "command line", "scope", "whole ledger")).build());
            if (out.write(spec, w -> LedgerCsv.export(store.ledger(), w))) {
                CliText text = VigilCommand.text(spec);
                PrintWriter err = spec.commandLine().getErr();
                err.println(text.t("ledger.export.wrote", "count", store.ledger().size(), "file", out.file));
                err.flush();
            }
        }
        return 0;
    }
}
