package io.vigil.server.cli;

import io.vigil.server.StoreOpener;
import io.vigil.storage.LedgerCsv;
import io.vigil.storage.VigilStore;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write the management ledger as CSV followed by a freshly signed head.")
public final class LedgerExportCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Option(names = "--out", paramLabel = "FILE", description = "write to FILE instead of standard output")
    Path out;

    @Override
    public Integer call() throws IOException {
        try (VigilStore store = StoreOpener.open(config.load())) {
            if (out == null) {
                Writer w = new OutputStreamWriter(System.out, StandardCharsets.UTF_8);
                LedgerCsv.export(store.ledger(), w);
                w.flush();
            } else {
                try (Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
                    LedgerCsv.export(store.ledger(), w);
                }
                System.err.println("Wrote " + store.ledger().size() + " ledger entries and the signed head to " + out);
            }
        }
        return 0;
    }
}
