package io.vigil.server.cli;

import io.vigil.config.VigilConfig;
import io.vigil.gateway.audit.ManagementLedger;
import io.vigil.gateway.audit.ManagementLedgerCsv;
import io.vigil.gateway.grants.GrantService;
import io.vigil.gateway.live.LiveSettings;
import io.vigil.server.StoreOpener;
import io.vigil.server.UserFacingException;
import io.vigil.server.i18n.CliText;
import io.vigil.storage.LedgerEventType;
import io.vigil.storage.LedgerRecord;
import io.vigil.storage.VigilStore;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code vigil ledger report}: the policy's management ledger for a period as CSV, the same
 * file the ledger page's report downloads (docs/ledger.md, "Management ledger"). Ledgered as
 * a {@code ledger.export} by {@code cli:<os user>}.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write the management ledger of a period (use, provision, viewing, destruction) as CSV ending with a signed head.")
public final class LedgerReportCommand extends ConfiguredCommand {
    @Option(names = "--from", required = true, paramLabel = "DAY", description = "first day, YYYY-MM-DD (site's time zone)")
    String from;

    @Option(names = "--to", required = true, paramLabel = "DAY", description = "last day, YYYY-MM-DD, included")
    String to;

    @Mixin
    OutputOption out;

    @Override
    int run(VigilConfig cfg) throws IOException {
        // The report speaks the command line's language: --lang, else the site's (CliLanguage).
        CliText text = VigilCommand.text(spec);
        String language = text.language();
        Instant start = day("--from", from, cfg, 0);
        Instant end = day("--to", to, cfg, 1);
        if (!start.isBefore(end)) throw new UserFacingException("report.toBeforeFrom", "from", from, "to", to);
        if (Duration.between(start, end).compareTo(Duration.ofDays(366)) > 0) {
            throw new UserFacingException("report.tooLong", "from", from, "to", to, "days", 366);
        }
        try (VigilStore store = StoreOpener.open(cfg)) {
            Duration span = LiveSettings.defaults().shiftLength().plus(Duration.ofHours(1)).plus(GrantService.GRANT_LIFETIME);
            ManagementLedger report = new ManagementLedger(store.ledger(), cfg, span);
            List<ManagementLedger.Row> rows = report.rows(start, end, language);
            store.ledger().append(LedgerRecord.builder(LedgerEventType.LEDGER_EXPORT, Instant.now(), UserCommand.actor())
                    .form("management ledger CSV").period(start + "/" + end).details(Map.of("client", "command line")).build());
            if (out.write(spec, w -> ManagementLedgerCsv.write(report, rows, language, store.ledger().signHead(), w))) {
                spec.commandLine().getErr().println(text.t("report.wrote", "count", rows.size(), "from", from, "to", to, "file", out.file));
                spec.commandLine().getErr().flush();
            }
        }
        return 0;
    }

    private static Instant day(String option, String value, VigilConfig cfg, int plusDays) {
        try {
            return LocalDate.parse(value).plusDays(plusDays).atStartOfDay(cfg.settings().timeZone()).toInstant();
        } catch (DateTimeParseException e) {
            throw new UserFacingException("report.notADay", "option", option, "value", value);
        }
    }
}
