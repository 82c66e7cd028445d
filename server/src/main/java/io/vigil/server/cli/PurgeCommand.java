package io.vigil.server.cli;

import io.vigil.server.StoreOpener;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vigil.config.VigilConfig;
import io.vigil.purge.PurgeDaemon;
import io.vigil.storage.VigilStore;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

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

    @Override
    public Integer call() {
        VigilConfig cfg = config.load();
        try (VigilStore store = dryRun && !confirmClock ? StoreOpener.openReadOnly(cfg) : StoreOpener.open(cfg)) {
            PurgeDaemon daemon = new PurgeDaemon(cfg, store, new SimpleMeterRegistry(), Clock.systemUTC());
            if (confirmClock) {
                java.time.Duration lag = daemon.confirmClock("vigil purge --confirm-clock (" + System.getProperty("user.name") + ")");
                System.out.println(lag.isZero() ? "The purge clock already follows the wall clock; nothing to confirm."
                        : "Confirmed the wall clock; the purge will catch up " + lag + " of lag at its next run.");
                if (!dryRun) return 0;
            }
            if (dryRun) {
                System.out.print(daemon.plan().toText());
            } else {
                System.out.print(PurgeReportText.render(daemon.runOnce()));
            }
        }
        return 0;
    }
}
