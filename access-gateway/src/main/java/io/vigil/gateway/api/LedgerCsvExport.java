package io.vigil.gateway.api;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.vigil.gateway.GatewayContext;
import io.vigil.gateway.Principal;
import io.vigil.gateway.http.BodySource;
import io.vigil.gateway.http.Exchange;
import io.vigil.gateway.http.Reply;
import io.vigil.storage.ledger.Ledger;
import io.vigil.storage.ledger.LedgerEntry;
import io.vigil.storage.ledger.LedgerRecord;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/ledger.csv}: the whole management ledger as CSV (one row per entry,
 * with each entry's hash and its predecessor's, so the chain can be re-checked), ending
 * with the head signed at export time. Streamed page by page; the export is ledgered.
 */
final class LedgerCsvExport {
    private static final int PAGE = 2048;
    static final String HEADER = "number,type,time,actor,cameras,footage_from,footage_to,purpose,recipient,legal_basis,form,period,details,previous_hash,hash\r\n";

    private LedgerCsvExport() {}

    static Reply reply(GatewayContext ctx, Exchange ex) {
        Principal p = ex.principal();
        Ledger ledger = ctx.store().ledger();
        ledger.append(LedgerRecord.of("ledger.export", ctx.clock().instant(), p.username(), Map.of("client", ex.clientText(), "form", "CSV")));
        Ledger.SignedHead head = ledger.signHead();
        BodySource body = new BodySource() {
            long next = 1;
            boolean headerDone, trailerDone;

            @Override
            public ByteBuf next(ByteBufAllocator alloc) {
                StringBuilder sb = new StringBuilder();
                if (!headerDone) {
                    sb.append(HEADER);
                    headerDone = true;
                } else if (next <= head.size()) {
                    long hi = Math.min(head.size(), next + PAGE - 1);
                    List<LedgerEntry> page = ledger.range(next, hi);
                    for (LedgerEntry e : page) row(sb, e);
                    next = hi + 1;
                } else if (!trailerDone) {
                    sb.append("# signed head: size=").append(head.size())
                            .append(" hash=").append(HexFormat.of().formatHex(head.headHash()))
                            .append(" time=").append(head.time())
                            .append(" signature=").append(Base64.getEncoder().encodeToString(head.signature()))
                            .append(" publicKey=").append(Base64.getEncoder().encodeToString(head.publicKey()))
                            .append(" algorithm=Ed25519\r\n");
                    trailerDone = true;
                } else {
                    return null;
                }
                return Unpooled.wrappedBuffer(sb.toString().getBytes(StandardCharsets.UTF_8));
            }
        };
        return Reply.stream(HttpResponseStatus.OK, "text/csv; charset=utf-8", body, -1)
                .header("Content-Disposition", "attachment; filename=\"vigil-ledger-" + head.size() + ".csv\"");
    }

    private static void row(StringBuilder sb, LedgerEntry e) {
        LedgerRecord r = e.record();
        field(sb, Long.toString(e.number()));
        field(sb, r.type());
        field(sb, r.time().toString());
        field(sb, r.actor());
        field(sb, r.cameraIds());
        field(sb, r.footageFrom() == null ? null : r.footageFrom().toString());
        field(sb, r.footageTo() == null ? null : r.footageTo().toString());
        field(sb, r.purpose());
        field(sb, r.recipient());
        field(sb, r.legalBasis());
        field(sb, r.form());
        field(sb, r.period());
        StringBuilder d = new StringBuilder();
        r.details().forEach((k, v) -> d.append(d.length() == 0 ? "" : "; ").append(k).append('=').append(v));
        field(sb, d.toString());
        field(sb, e.previousHash() == null ? null : HexFormat.of().formatHex(e.previousHash()));
        sb.append(e.hash() == null ? "" : HexFormat.of().formatHex(e.hash())).append("\r\n");
    }

    private static void field(StringBuilder sb, String v) {
        if (v != null) {
            // Cells starting with = + - @ are prefixed so spreadsheets do not run them as formulas.
            String s = v;
            if (!s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0 && !s.matches("-?[0-9].*")) s = "'" + s;
            sb.append('"').append(s.replace("\"", "\"\"")).append('"');
        }
        sb.append(',');
    }
}
