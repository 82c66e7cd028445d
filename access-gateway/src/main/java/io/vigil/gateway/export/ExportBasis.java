package io.vigil.gateway.export;

import io.vigil.gateway.choices.Choice;
import io.vigil.gateway.choices.Provision;
import java.util.List;

/**
 * The legal basis an export is made on, chosen in the export dialog and required: an export
 * is footage leaving the server, so the management ledger must say on what ground (PIPA
 * Art. 17-18; the video policy's management ledger has a "legal basis" column). The
 * citation is what the ledger and the signed manifest record; the pages show the bundle
 * text {@code export.basis.<code>}.
 */
public enum ExportBasis implements Provision {
    /** The hospital's own use within the purpose the cameras were installed for; no third party. */
    INTERNAL("internal", "PIPA Art. 25(1) (use within the installation purpose; no third party)"),
    CONSENT("pipa-18-2-1", "PIPA Art. 18(2) 1 (the data subject's separate consent)"),
    OTHER_LAW("pipa-18-2-2", "PIPA Art. 18(2) 2 (a special provision of another law)"),
    URGENT("pipa-18-2-3", "PIPA Art. 18(2) 3 (clearly needed for the urgent benefit of life, body or property)"),
    INVESTIGATION("pipa-18-2-7", "PIPA Art. 18(2) 7 (investigation of a crime, prosecution; public institutions)"),
    COURT("pipa-18-2-8", "PIPA Art. 18(2) 8 (a court's trial work; public institutions)"),
    PUBLIC_SAFETY("pipa-18-2-10", "PIPA Art. 18(2) 10 (urgently needed for public safety and health)"),
    WARRANT("warrant", "Criminal Procedure Act Art. 215 (search and seizure warrant)"),
    SUBJECT_REQUEST("subject-request", "PIPA Art. 35 (the data subject's own request)");

    private final Entry entry;

    ExportBasis(String code, String citation) {
        this.entry = new Entry(code, citation);
    }

    @Override
    public Entry entry() {
        return entry;
    }

    /** The basis of that code, or null. */
    public static ExportBasis of(String code) {
        return Choice.byCode(ExportBasis.class, code).orElse(null);
    }

    /** Every code, in the dialog's order (for error messages). */
    public static List<String> codes() {
        return Choice.codes(ExportBasis.class);
    }
}
