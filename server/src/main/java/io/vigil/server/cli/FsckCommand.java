package io.vigil.server.cli;

import io.vigil.server.StoreOpener;
import io.vigil.storage.FsckReport;
import io.vigil.storage.VigilStore;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "fsck", mixinStandardHelpOptions = true,
        description = "Check segment files, index rows and keys against each other; --repair fixes what can be fixed.")
public final class FsckCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Option(names = "--repair", description = "remove orphans and half-written files; never touches an intact segment")
    boolean repair;

    @Override
    public Integer call() {
        try (VigilStore store = repair ? StoreOpener.open(config.load()) : StoreOpener.openReadOnly(config.load())) {
            FsckReport r = store.fsck(repair);
            System.out.println("Checked " + r.segmentsChecked() + " segment(s): "
                    + (r.clean() ? "no problems." : r.problems().size() + " problem(s)" + (r.repaired() ? ", repaired:" : ":")));
            for (FsckReport.Problem p : r.problems()) {
                System.out.println("  " + p.kind() + " " + p.where() + ": " + p.detail() + (p.action() == null ? "" : " -> " + p.action()));
            }
            return r.clean() || r.repaired() ? 0 : VigilCommand.EXIT_PROBLEM;
        }
    }
}
