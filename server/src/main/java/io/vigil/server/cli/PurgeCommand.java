package io.vigil.server.cli;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vigil.config.VigilConfig;
import io.vigil.purge.PurgeDaemon;
import io.vigil.server.StoreOpener;
import io.vigil.server.i18n.CliText;
import io.vigil.storage.VigilStore;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "purge", mixinStandardHelpOptions = true,
        description = "Show (--dry-run) or run the retention purge: what is erased and why, and what legal holds keep.")
public final class PurgeCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Option(names = "--dry-run", description = "only list what the next run would erase; change nothing")
    boolean dryRun;

    @Option(names = "--confirm-clock",
            description = "confirm the wall clock is right after a large forward jump, so the purge follows it again (ledgered)")
    boolean confirmClock;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        CliText text = VigilCommand.text(spec);
        PrintWriter out = spec.commandLine().getOut();
        VigilConfig cfg = config.load();
        try (VigilStore store = dryRun && !confirmClock ? StoreOpener.openReadOnly(cfg) : StoreOpener.open(cfg)) {
            PurgeDaemon daemon = new PurgeDaemon(cfg, store, new SimpleMeterRegistry(), Clock.systemUTC());
            if (confirmClock) {
                java.time.Duration lag = daemon.confirmClock("vigil purge --confirm-clock (" + System.getProperty("user.name") + ")");
                out.println(lag.isZero() ? text.t("purge.clock.alreadyFollows") : text.t("purge.clock.confirmed", "lag", lag));
                if (!dryRun) {
                    out.flush();
                    return 0;
                }
            }
            if (dryRun) {
                out.print(PurgePlanText.render(daemon.plan(), text, cfg.settings().timeZone()));
            } else {
                out.print(PurgeReportText.render(daemon.runOnce(), text));
            }
            out.flush();
        }
        return 0;
    }
}
