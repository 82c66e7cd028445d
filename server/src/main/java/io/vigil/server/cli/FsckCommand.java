package io.vigil.server.cli;

import io.vigil.config.VigilConfig;
import io.vigil.server.StoreOpener;
import io.vigil.server.i18n.CliText;
import io.vigil.storage.FsckReport;
import io.vigil.storage.StorageWords;
import io.vigil.storage.VigilStore;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "fsck", mixinStandardHelpOptions = true,
        description = "Check segment files, index rows and keys against each other; --repair fixes what can be fixed.")
public final class FsckCommand extends ConfiguredCommand {
    @Option(names = "--repair", description = "remove orphans and half-written files; never touches an intact segment")
    boolean repair;

    @Override
    int run(VigilConfig cfg) {
        try (VigilStore store = repair ? StoreOpener.open(cfg) : StoreOpener.openReadOnly(cfg)) {
            FsckReport r = store.fsck(repair);
            CliText text = text();
            PrintWriter out = out();
            String key = r.clean() ? "fsck.clean" : r.repaired() ? "fsck.repaired" : "fsck.problems";
            out.println(text.t(key, "segments", r.segmentsChecked(), "count", r.problems().size()));
            // Kind is a stable code and place a file or segment; what is wrong and what was done are worded from storage's bundles.
            StorageWords words = StorageWords.of(text.language(), cfg.settings().timeZone());
            for (FsckReport.Problem p : r.problems()) out.println("  " + p.line(words));
            out.flush();
            return r.clean() || r.repaired() ? 0 : VigilCommand.EXIT_PROBLEM;
        }
    }
}
