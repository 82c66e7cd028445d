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
import io.vigil.storage.LedgerRecord;
import io.vigil.storage.LedgerVerification;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The officers' view of the ledger: search (newest first) by viewer, camera, footage
 * date, purpose and action, with whether the chain verifies, and the CSV export with
 * the signed head. Reading the ledger is itself recorded ({@code ledger.read}).
 */
public final class LedgerApi {
    public static final int MAX_LIMIT = 5000;
    private static final int PAGE = 4096;
    /** Verifying a million entries takes seconds: reuse a result this young. */
    private static final Duration VERIFY_CACHE = Duration.ofSeconds(30);

    private final GatewayContext ctx;
    private volatile LedgerVerification lastVerification;
    private volatile Instant lastVerifiedAt = Instant.MIN;
    private volatile long lastVerifiedSize = -1;

    public LedgerApi(GatewayContext ctx) {
        this.ctx = ctx;
    }

    public void register(Router r) {
        r.add(HttpMethod.GET, "/api/v1/ledger", Router.Access.SESSION, this::search);
        r.add(HttpMethod.GET, "/api/v1/ledger.csv", Router.Access.SESSION, this::csv);
    }

    private void requireAuditor(Exchange ex) {
        Principal p = ex.principal();
        if (!Permissions.mayReadLedger(p.account())) {
            ctx.countRefusal("ledger");
            throw ApiException.forbidden("role " + p.account().role().configName() + " may not read the ledger");
        }
    }

    private Reply search(Exchange ex) {
        requireAuditor(ex);
        Predicate<LedgerEntry> filter = filter(ex);
        int limit = 200;
        String l = ex.queryParam("limit");
        if (l != null && !l.isEmpty()) {
            try {
                limit = Integer.parseInt(l);
            } catch (NumberFormatException e) {
                throw io.vigil.gateway.http.ApiException.badRequest("limit", "must be a whole number 1.." + MAX_LIMIT);
            }
            if (limit < 1 || limit > MAX_LIMIT) throw ApiException.badRequest("limit", "must be 1.." + MAX_LIMIT);
        }
        Ledger ledger = ctx.store().ledger();
        long size = ledger.size();
        List<Map<String, Object>> entries = new ArrayList<>();
        for (long hi = size; hi >= 1 && entries.size() < limit; hi -= PAGE) {
            List<LedgerEntry> page = ledger.range(Math.max(1, hi - PAGE + 1), hi);
            for (int i = page.size() - 1; i >= 0 && entries.size() < limit; i--) {
                if (filter.test(page.get(i))) entries.add(entryBody(page.get(i)));
            }
        }
        LedgerVerification v = verification(ledger, size);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("verified", v.ok());
        body.put("problem", v.problem());
        body.put("size", size);
        body.put("entries", entries);
        return Reply.ok(body);
    }

    private synchronized LedgerVerification verification(Ledger ledger, long size) {
        Instant now = ctx.clock().instant();
        if (lastVerification == null || (size != lastVerifiedSize && now.isAfter(lastVerifiedAt.plus(VERIFY_CACHE)))
                || !lastVerification.ok() && now.isAfter(lastVerifiedAt.plus(VERIFY_CACHE))) {
            lastVerification = ledger.verify();
            lastVerifiedAt = now;
            lastVerifiedSize = size;
        }
        return lastVerification;
    }

    static Map<String, Object> entryBody(LedgerEntry e) {
        LedgerRecord r = e.record();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("number", e.number());
        m.put("type", r.type());
        m.put("time", r.time().toString());
        m.put("actor", r.actor());
        m.put("cameras", r.cameraIds() == null ? List.of() : Arrays.asList(r.cameraIds().split(",")));
        m.put("footageFrom", r.footageFrom() == null ? null : r.footageFrom().toString());
        m.put("footageTo", r.footageTo() == null ? null : r.footageTo().toString());
        m.put("purpose", r.purpose());
        m.put("recipient", r.recipient());
        m.put("legalBasis", r.legalBasis());
        m.put("form", r.form());
        m.put("period", r.period());
        m.put("details", r.details());
        return m;
    }

    private Predicate<LedgerEntry> filter(Exchange ex) {
        String viewer = blankToNull(ex.queryParam("viewer"));
        String camera = blankToNull(ex.queryParam("camera"));
        String purpose = blankToNull(ex.queryParam("purpose"));
        String action = blankToNull(ex.queryParam("action"));
        Instant ff = ex.queryInstant("footageFrom");
        Instant ft = ex.queryInstant("footageTo");
        return e -> {
            LedgerRecord r = e.record();
            if (viewer != null && !r.actor().equalsIgnoreCase(viewer)) return false;
            if (camera != null && (r.cameraIds() == null || !Arrays.asList(r.cameraIds().split(",")).contains(camera))) return false;
            if (purpose != null && (r.purpose() == null || !r.purpose().toLowerCase(Locale.ROOT).contains(purpose.toLowerCase(Locale.ROOT)))) return false;
            if (action != null && !(r.type().equals(action) || r.type().startsWith(action + "."))) return false;
            if (ff != null || ft != null) {
                if (r.footageFrom() == null || r.footageTo() == null) return false;
                if (ft != null && !r.footageFrom().isBefore(ft)) return false;
                if (ff != null && !r.footageTo().isAfter(ff)) return false;
            }
            return true;
        };
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private Reply csv(Exchange ex) throws Exception {
        requireAuditor(ex);
        return LedgerCsvExport.reply(ctx, ex);
    }
}
