package io.vigil.server.cli;

import io.vigil.purge.PurgeReport;
import io.vigil.server.i18n.CliText;

/** What `vigil purge` prints after a run, in the operator's language. */
final class PurgeReportText {
    private PurgeReportText() {}

    static String render(PurgeReport r, CliText text) {
        StringBuilder b = new StringBuilder();
        b.append(text.t(r.complete() ? "purge.run.completed" : "purge.run.incomplete", "run", r.runId(), "ms", r.duration().toMillis()))
                .append('\n');
        b.append(text.t("purge.run.erased", "segments", r.segmentsErased(), "bytes", r.bytesErased(), "days", r.daysErased(),
                "keys", r.keyIdsDestroyed().size())).append('\n');
        if (r.earlySegments() > 0) {
            b.append(text.t("purge.run.early", "segments", r.earlySegments(), "bytes", r.earlyBytes())).append('\n');
        }
        b.append(text.t("purge.run.held", "bytes", r.heldBytes())).append('\n');
        // Errors are the purge daemon's own words (they name files and keys), as it logs and ledgers them.
        for (String e : r.errors()) b.append("  ").append(text.t("purge.run.error", "detail", e)).append('\n');
        if (r.floorUnreachable()) b.append(text.t("purge.run.floorUnreachable")).append('\n');
        return b.toString();
    }
}
