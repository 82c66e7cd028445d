package io.vigil.server.cli;

import io.vigil.server.StoreOpener;
import io.vigil.server.i18n.CliText;
import io.vigil.storage.LedgerCsv;
import io.vigil.storage.LedgerEventType;
import io.vigil.storage.LedgerRecord;
import io.vigil.storage.VigilStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

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
public final class LedgerExportCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Option(names = "--out", paramLabel = "FILE", description = "write to FILE instead of standard output")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        try (VigilStore store = StoreOpener.open(config.load())) {
            store.ledger().append(LedgerRecord.builder(LedgerEventType.LEDGER_EXPORT, Instant.now(), UserCommand.actor())
                    .form("ledger CSV").details(Map.of("client", "command line", "scope", "whole ledger")).build());
            if (out == null) {
                PrintWriter w = spec.commandLine().getOut();
                LedgerCsv.export(store.ledger(), w);
                w.flush();
            } else {
                try (Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
                    LedgerCsv.export(store.ledger(), w);
                }
                CliText text = VigilCommand.text(spec);
                PrintWriter err = spec.commandLine().getErr();
                err.println(text.t("ledger.export.wrote", "count", store.ledger().size(), "file", out));
                err.flush();
            }
        }
        return 0;
    }
}
