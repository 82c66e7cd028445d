package io.vigil.storage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The policy's management ledger as CSV (RFC 4180: comma-separated, CRLF line ends, fields
 * quoted when they hold a comma, quote, CR or LF, quotes doubled). One header row, one row
 * per entry, then an empty line and the signed head as a second small table:
 *
 * <pre>
 * number,type,time,actor,cameras,footage_from,footage_to,purpose,recipient,legal_basis,form,period,details,hash
 * 1,keys.init,2026-11-24T09:00:00Z,admin,,,,,,,,,"{""master_key"":""1""}",3fa1...
 *
 * head_size,head_hash,head_time,signature,public_key
 * 1,3fa1...,2026-11-24T09:00:01Z,base64...,base64...
 * </pre>
 *
 * Times are ISO-8601 UTC; empty cells are absent values; details are a JSON object with
 * sorted keys; hashes are lowercase hex; the signature (Ed25519 over the head bytes of
 * docs/ledger.md) and the raw 32-byte public key are base64. A cell a spreadsheet would run
 * as a formula gets a leading apostrophe ({@link #quote}); the hash covers the stored text.
 */
public final class LedgerCsv {
    public static final List<String> COLUMNS = List.of("number", "type", "time", "actor", "cameras", "footage_from",
            "footage_to", "purpose", "recipient", "legal_basis", "form", "period", "details", "hash");
    public static final List<String> HEAD_COLUMNS = List.of("head_size", "head_hash", "head_time", "signature",
            "public_key");
    private static final String CRLF = "\r\n";
    private static final int PAGE = 10_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private LedgerCsv() {
    }

    /**
     * Exports the whole ledger: signs a head now and writes every entry it covers, then the head,
     * so the file carries its own proof of completeness.
     */
    public static Ledger.SignedHead export(Ledger ledger, Writer out) throws IOException {
        return export(ledger, out, entry -> true);
    }

    /**
     * Exports the entries {@code filter} accepts (an officer's search), then a head signed now
     * over the whole ledger: each row's hash can be checked against a full export or the ledger.
     */
    public static Ledger.SignedHead export(Ledger ledger, Writer out, java.util.function.Predicate<LedgerEntry> filter)
            throws IOException {
        Ledger.SignedHead head = ledger.signHead();
        writeHeader(out);
        for (long from = 1; from <= head.size(); from += PAGE) {
            for (LedgerEntry entry : ledger.range(from, Math.min(head.size(), from + PAGE - 1))) {
                if (filter.test(entry)) {
                    writeEntry(entry, out);
                }
            }
        }
        writeHead(Optional.of(head), out);
        out.flush();
        return head;
    }

    /** Writes the given entries (e.g. a search result) followed by a signed head, if any. */
    public static void write(List<LedgerEntry> entries, Optional<Ledger.SignedHead> head, Writer out) throws IOException {
        writeHeader(out);
        for (LedgerEntry entry : entries) {
            writeEntry(entry, out);
        }
        writeHead(head, out);
        out.flush();
    }

    private static void writeHeader(Writer out) throws IOException {
        writeRow(COLUMNS, out);
    }

    private static void writeEntry(LedgerEntry entry, Writer out) throws IOException {
        LedgerRecord r = entry.record();
        writeRow(List.of(
                Long.toString(entry.number()),
                r.type(),
                time(r.time()),
                r.actor(),
                text(r.cameraIds()),
                time(r.footageFrom()),
                time(r.footageTo()),
                text(r.purpose()),
                text(r.recipient()),
                text(r.legalBasis()),
                text(r.form()),
                text(r.period()),
                details(r),
                HexFormat.of().formatHex(entry.hash())), out);
    }

    /** Writes an empty line and the signed head table (as at the end of {@link #export}) after another table. */
    public static void writeSignedHead(Ledger.SignedHead head, Writer out) throws IOException {
        writeHead(Optional.of(head), out);
    }

    private static void writeHead(Optional<Ledger.SignedHead> head, Writer out) throws IOException {
        if (head.isEmpty()) {
            return;
        }
        Ledger.SignedHead h = head.get();
        out.write(CRLF);
        writeRow(HEAD_COLUMNS, out);
        Base64.Encoder base64 = Base64.getEncoder();
        writeRow(List.of(Long.toString(h.size()), HexFormat.of().formatHex(h.headHash()), time(h.time()),
                base64.encodeToString(h.signature()), base64.encodeToString(h.publicKey())), out);
    }

    private static void writeRow(List<String> cells, Writer out) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(quote(cells.get(i)));
        }
        out.write(CRLF);
    }

    /**
     * RFC 4180 section 2, rules 5-7; and a cell a spreadsheet would run as a formula (starting
     * with = + - @, a tab or CR, as a purpose or user name typed by anyone may) gets a leading
     * apostrophe, so it is shown as text (OWASP's CSV injection rule).
     */
    public static String quote(String cell) {
        if (!cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0) {
            cell = "'" + cell;
        }
        boolean needsQuotes = false;
        for (int i = 0; i < cell.length() && !needsQuotes; i++) {
            char c = cell.charAt(i);
            needsQuotes = c == ',' || c == '"' || c == '\r' || c == '\n';
        }
        return needsQuotes ? '"' + cell.replace("\"", "\"\"") + '"' : cell;
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    private static String time(Instant value) {
        return value == null ? "" : value.toString();
    }

    private static String details(LedgerRecord record) {
        if (record.details().isEmpty()) {
            return "";
        }
        try {
            return JSON.writeValueAsString(new TreeMap<>(record.details()));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write ledger details as JSON", e);
        }
    }
}
