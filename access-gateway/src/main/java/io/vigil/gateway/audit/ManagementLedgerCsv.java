package io.vigil.gateway.audit;

import io.vigil.gateway.i18n.Messages;
import io.vigil.storage.Ledger;
import io.vigil.storage.LedgerCsv;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;

/**
 * The management ledger as CSV, for the web's download and {@code vigil ledger report}: a
 * byte-order mark (Excel then reads the UTF-8 Hangul), headings in the reader's language,
 * one row per {@link ManagementLedger.Row} (RFC 4180, formula-looking cells neutralised by
 * {@link LedgerCsv#quote}), then an empty line and the signed head table of the ledger CSV.
 */
public final class ManagementLedgerCsv {
    private ManagementLedgerCsv() {}

    public static void write(ManagementLedger report, List<ManagementLedger.Row> rows, String lang, Ledger.SignedHead head, Writer out)
            throws IOException {
        out.write('\uFEFF');
        Messages m = Messages.get();
        row(out, ManagementLedger.COLUMN_KEYS.stream().map(k -> m.format(lang, k, Map.of())).toList());
        for (ManagementLedger.Row r : rows) {
            row(out, List.of(Integer.toString(r.number()), ManagementLedger.typeLabel(r.type(), lang), report.timeText(r.time()),
                    r.footage(), r.staff(), r.purpose(), r.party(), r.legalBasis(), r.form(), r.period(), Long.toString(r.entry())));
        }
        LedgerCsv.writeSignedHead(head, out);
        out.flush();
    }

    private static void row(Writer out, List<String> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) out.write(',');
            out.write(LedgerCsv.quote(cells.get(i) == null ? "" : cells.get(i)));
        }
        out.write("\r\n");
    }
}
