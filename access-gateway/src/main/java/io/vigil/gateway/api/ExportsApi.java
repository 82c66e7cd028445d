package io.vigil.gateway.api;

import io.netty.handler.codec.http.HttpMethod;
import io.vigil.gateway.GatewayContext;
import io.vigil.gateway.Principal;
import io.vigil.gateway.grants.Permissions;
import io.vigil.gateway.http.ApiException;
import io.vigil.gateway.http.Exchange;
import io.vigil.gateway.http.Reply;
import io.vigil.gateway.http.Router;
import io.vigil.storage.Ledger;
import io.vigil.storage.LedgerEntry;
import io.vigil.storage.LedgerEventType;
import io.vigil.storage.LedgerRecord;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/exports}: the export list, newest first: what was exported (camera,
 * footage range), when, by whom, for whom, and the clip's SHA-256, read from the
 * ledger's {@code export} entries, so the list cannot disagree with the evidence.
 *
 * <p>Who sees what: people who may read the ledger (officers, managers, administrators)
 * see every export; everyone else sees only the exports they made themselves. An export
 * is the only way footage leaves Vigil, so a guard must be able to find "which clip did
 * I give the police, and its hash" without asking an officer.
 */
public final class ExportsApi {
    static final int DEFAULT_LIMIT = 200;
    static final int MAX_LIMIT = 2000;
    private static final int PAGE = 4096;

    private final GatewayContext ctx;

    public ExportsApi(GatewayContext ctx) {
        this.ctx = ctx;
    }

    public void register(Router r) {
        r.add(HttpMethod.GET, "/api/v1/exports", Router.Access.SESSION, this::list);
    }

    private Reply list(Exchange ex) {
        Principal p = ex.principal();
        boolean everyone = Permissions.mayReadLedger(p.account());
        int limit = limit(ex.queryParam("limit"));
        Ledger ledger = ctx.store().ledger();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (long hi = ledger.size(); hi >= 1 && rows.size() < limit; hi -= PAGE) {
            List<LedgerEntry> page = ledger.range(Math.max(1, hi - PAGE + 1), hi);
            for (int i = page.size() - 1; i >= 0 && rows.size() < limit; i--) {
                LedgerRecord r = page.get(i).record();
                if (!r.is(LedgerEventType.EXPORT)) continue;
                if (!everyone && !r.actor().equals(p.account().username())) continue;
                rows.add(row(page.get(i)));
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("scope", everyone ? "all" : "own");
        body.put("exports", rows);
        return Reply.ok(body);
    }

    private static int limit(String text) {
        if (text == null || text.isEmpty()) return DEFAULT_LIMIT;
        try {
            int n = Integer.parseInt(text);
            if (n >= 1 && n <= MAX_LIMIT) return n;
        } catch (NumberFormatException e) {
            // reported below with the allowed range
        }
        throw ApiException.badRequest("limit", "must be a whole number 1.." + MAX_LIMIT);
    }

    private static Map<String, Object> row(LedgerEntry e) {
        LedgerRecord r = e.record();
        Map<String, String> d = r.details() == null ? Map.of() : r.details();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("entry", e.number());
        m.put("time", r.time().toString());
        m.put("by", r.actor());
        m.put("cameras", r.cameraIds() == null ? List.of() : Arrays.asList(r.cameraIds().split(",")));
        m.put("footageFrom", r.footageFrom() == null ? null : r.footageFrom().toString());
        m.put("footageTo", r.footageTo() == null ? null : r.footageTo().toString());
        m.put("purpose", r.purpose());
        m.put("recipient", r.recipient());
        m.put("legalBasis", d.get("legalBasis")); // the code (the page words it); exports before the dialog asked: null
        m.put("legalBasisText", r.legalBasis());
        m.put("sha256", d.get("sha256"));
        m.put("bytes", d.containsKey("bytes") ? Long.valueOf(d.get("bytes")) : null);
        return m;
    }
}
