package io.vigil.server.cli;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vigil.config.VigilConfig;
import io.vigil.purge.PurgeDaemon;
import io.vigil.server.StoreOpener;
import io.vigil.server.i18n.CliText;
import io.vigil.storage.VigilStore;
import java.io.PrintWriter;
import java.time.Clock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "purge", mixinStandardHelpOptions = true,
        description = "Show (--dry-run) or run the retention purge: what is erased and why, and what legal holds keep.")
public final class PurgeCommand extends ConfiguredCommand {
    @Option(names = "--dry-run", description = "only list what the next run would erase; change nothing")
    boolean dryRun;

    @Option(names = "--confirm-clock",
            description = "confirm the wall clock is right after a large forward jump, so the purge follows it again (ledgered)")
    boolean confirmClock;

    @Override
    int run(VigilConfig cfg) {
        CliText text = text();
        PrintWriter out = out();
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
