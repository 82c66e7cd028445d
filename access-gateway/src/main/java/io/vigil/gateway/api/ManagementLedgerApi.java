package io.vigil.gateway.api;

import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.vigil.gateway.GatewayContext;
import io.vigil.gateway.audit.ManagementLedger;
import io.vigil.gateway.audit.ManagementLedgerCsv;
import io.vigil.gateway.http.ApiException;
import io.vigil.gateway.http.Exchange;
import io.vigil.gateway.http.Reply;
import io.vigil.gateway.http.Router;
import io.vigil.gateway.i18n.LanguageChoice;
import io.vigil.storage.Ledger;
import io.vigil.storage.LedgerEventType;
import io.vigil.storage.LedgerRecord;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The policy's management ledger for a period ({@link ManagementLedger}): {@code GET
 * /api/v1/ledger/management} as JSON for the printable page, {@code .csv} for a spreadsheet
 * (UTF-8 with a byte-order mark so Excel reads Hangul, headings in the reader's language,
 * ending with a head signed at export). Who may read: as the ledger. The CSV is ledgered.
 */
final class ManagementLedgerApi {
    /** A report covers at most a year: the policy's ledger is kept per period, and a year of purge runs is ~50k rows. */
    static final Duration MAX_PERIOD = Duration.ofDays(366);

    private final GatewayContext ctx;
    private final Consumer<Exchange> requireAuditor;

    ManagementLedgerApi(GatewayContext ctx, Consumer<Exchange> requireAuditor) {
        this.ctx = ctx;
        this.requireAuditor = requireAuditor;
    }

    void register(Router r) {
        r.add(HttpMethod.GET, "/api/v1/ledger/management", Router.Access.SESSION, this::json);
        r.add(HttpMethod.GET, "/api/v1/ledger/management.csv", Router.Access.SESSION, this::csv);
    }

    private record Period(Instant from, Instant to) {}

    private Period period(Exchange ex) {
        Instant from = ex.queryInstant("from");
        Instant to = ex.queryInstant("to");
        if (from == null) throw ApiException.badRequest("from", "is required: the start of the period (ISO-8601 instant)");
        if (to == null) throw ApiException.badRequest("to", "is required: the end of the period (ISO-8601 instant)");
        if (!from.isBefore(to)) throw ApiException.badRequest("to", "must be after from");
        if (Duration.between(from, to).compareTo(MAX_PERIOD) > 0) throw ApiException.badRequest("to", "the period may cover at most 366 days");
        return new Period(from, to);
    }

    private ManagementLedger report() {
        return new ManagementLedger(ctx.store().ledger(), ctx.config(), LedgerApi.groupSpan(ctx));
    }

    private Reply json(Exchange ex) {
        requireAuditor.accept(ex);
        Period p = period(ex);
        String lang = LanguageChoice.of(ex, ctx.config().settings());
        ManagementLedger report = report();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ManagementLedger.Row row : report.rows(p.from(), p.to(), lang)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("number", row.number());
            m.put("type", row.type().name().toLowerCase(java.util.Locale.ROOT));
            m.put("typeLabel", ManagementLedger.typeLabel(row.type(), lang));
            m.put("time", row.time().toString());
            m.put("footage", row.footage());
            m.put("staff", row.staff());
            m.put("purpose", row.purpose());
            m.put("party", row.party());
            m.put("legalBasis", row.legalBasis());
            m.put("form", row.form());
            m.put("period", row.period());
            m.put("entry", row.entry());
            rows.add(m);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("from", p.from().toString());
        body.put("to", p.to().toString());
        body.put("site", ctx.config().site());
        body.put("generatedAt", ctx.clock().instant().toString());
        body.put("generatedBy", ((io.vigil.gateway.Principal) ex.principal()).username());
        body.put("rows", rows);
        return Reply.ok(body);
    }

    private Reply csv(Exchange ex) throws IOException {
        requireAuditor.accept(ex);
        Period p = period(ex);
        String lang = LanguageChoice.of(ex, ctx.config().settings());
        Ledger ledger = ctx.store().ledger();
        ledger.append(LedgerRecord.builder(LedgerEventType.LEDGER_EXPORT, ctx.clock().instant(), ((io.vigil.gateway.Principal) ex.principal()).username())
                .form("management ledger CSV").period(p.from() + "/" + p.to()).details(Map.of("client", ex.clientText())).build());
        ManagementLedger report = report();
        StringWriter out = new StringWriter();
        ManagementLedgerCsv.write(report, report.rows(p.from(), p.to(), lang), lang, ledger.signHead(), out);
        String name = "vigil-management-ledger-" + p.from().toString().replace(":", "") + ".csv";
        return Reply.bytes(HttpResponseStatus.OK, "text/csv; charset=utf-8", out.toString().getBytes(StandardCharsets.UTF_8))
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"");
    }
}
