package io.vigil.server.cli;

import io.vigil.purge.PurgeReport;

/** What `vigil purge` prints after a run. */
final class PurgeReportText {
    private PurgeReportText() {}

    static String render(PurgeReport r) {
        StringBuilder b = new StringBuilder();
        b.append("Purge run ").append(r.runId()).append(r.complete() ? " completed" : " did not complete").append(" in ")
                .append(r.duration().toMillis()).append(" ms.\n");
        b.append("Erased ").append(r.segmentsErased()).append(" segment(s), ").append(r.bytesErased()).append(" bytes, ")
                .append(r.daysErased()).append(" whole camera-day(s); ").append(r.keyIdsDestroyed().size()).append(" key(s) destroyed.\n");
        if (r.earlySegments() > 0) {
            b.append("Erased early for lack of disk space: ").append(r.earlySegments()).append(" segment(s), ").append(r.earlyBytes()).append(" bytes.\n");
        }
        b.append("Kept under legal hold: ").append(r.heldBytes()).append(" bytes.\n");
        for (String e : r.errors()) b.append("  error: ").append(e).append('\n');
        if (r.floorUnreachable()) b.append("Free space is still below the floor and nothing more may be erased.\n");
        return b.toString();
    }
}
