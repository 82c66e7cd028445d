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
import io.vigil.storage.StorageWords;
import io.vigil.gateway.i18n.LanguageChoice;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import io.vigil.gateway.audit.Activity;
import io.vigil.gateway.audit.LedgerActivities;
import io.vigil.gateway.audit.LedgerFilter;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The officers' view of the ledger: entries and grouped activities (newest first) by staff
 * member, camera, time, footage range, purpose and action, with whether the chain verifies,
 * and the CSV export of the same filter with a freshly signed head.
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
        r.add(HttpMethod.GET, "/api/v1/ledger/activities", Router.Access.SESSION, this::activities);
        new ManagementLedgerApi(ctx, this::requireAuditor).register(r);
    }

    void requireAuditor(Exchange ex) {
        Principal p = ex.principal();
        if (!Permissions.mayReadLedger(p.account())) {
            ctx.countRefusal("ledger");
            throw ApiException.forbidden("role " + p.account().role().configName() + " may not read the ledger");
        }
    }

    private Reply search(Exchange ex) {
        requireAuditor(ex);
        Predicate<LedgerEntry> filter = filter(ex, ctx.config());
        int limit = limit(ex);
        Ledger ledger = ctx.store().ledger();
        long size = ledger.size();
        List<Map<String, Object>> entries = new ArrayList<>();
        for (long hi = size; hi >= 1 && entries.size() < limit; hi -= PAGE) {
            List<LedgerEntry> page = ledger.range(Math.max(1, hi - PAGE + 1), hi);
            for (int i = page.size() - 1; i >= 0 && entries.size() < limit; i--) {
                if (filter.test(page.get(i))) entries.add(entryBody(page.get(i)));
            }
        }
        return Reply.ok(verified(ex, ledger, size, "entries", entries));
    }

    private static int limit(Exchange ex) {
        String l = ex.queryParam("limit");
        if (l == null || l.isEmpty()) return 200;
        int limit;
        try {
            limit = Integer.parseInt(l);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("limit", "must be a whole number 1.." + MAX_LIMIT);
        }
        if (limit < 1 || limit > MAX_LIMIT) throw ApiException.badRequest("limit", "must be 1.." + MAX_LIMIT);
        return limit;
    }

    /** The officer's rows: viewings and live sessions grouped, the rest one row each (docs/ledger.md, "The officer's audit"). */
    private Reply activities(Exchange ex) {
        requireAuditor(ex);
        LedgerFilter filter = filter(ex, ctx.config());
        int limit = limit(ex);
        Ledger ledger = ctx.store().ledger();
        long size = ledger.size();
        List<Activity> found = new LedgerActivities(ledger, groupSpan(ctx)).find(filter, limit);
        List<Map<String, Object>> rows = new ArrayList<>(found.size());
        for (Activity a : found) rows.add(ActivityBody.of(a, ctx.config()));
        return Reply.ok(verified(ex, ledger, size, "activities", rows));
    }

    /**
     * A search's answer: whether the ledger of {@code size} entries verifies (if not, what is
     * wrong in the reader's words, from storage's bundles, and the first bad entry), its size,
     * and what was found under {@code name}.
     */
    private Map<String, Object> verified(Exchange ex, Ledger ledger, long size, String name, List<Map<String, Object>> found) {
        LedgerVerification v = verification(ledger, size);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("verified", v.ok());
        body.put("problem", v.ok() ? null : StorageWords.of(LanguageChoice.of(ex, ctx.config().settings()),
                ctx.config().settings().timeZone()).text(v.reason()));
        body.put("firstBadEntry", v.firstBadEntry().orElse(null));
        body.put("size", size);
        body.put(name, found);
        return body;
    }

    /** The longest a viewing's entries lie apart: a grant's lifetime or a live wall's shift, and the sweep that ends them. */
    static Duration groupSpan(GatewayContext ctx) {
        Duration live = ctx.live().settings().shiftLength();
        Duration grant = io.vigil.gateway.grants.GrantService.GRANT_LIFETIME;
        return (live.compareTo(grant) > 0 ? live : grant).plus(Duration.ofHours(1));
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

    /** The officer's filters from the query (docs/api.md): user (or viewer), camera (id or name), from/to, footageFrom/To, purpose, action. */
    static LedgerFilter filter(Exchange ex, io.vigil.config.VigilConfig config) {
        String user = blankToNull(ex.queryParam("user"));
        if (user == null) user = blankToNull(ex.queryParam("viewer"));
        Instant from = ex.queryInstant("from");
        Instant to = ex.queryInstant("to");
        if (from != null && to != null && !from.isBefore(to)) throw ApiException.badRequest("to", "must be after from");
        Instant ff = ex.queryInstant("footageFrom");
        Instant ft = ex.queryInstant("footageTo");
        if (ff != null && ft != null && !ff.isBefore(ft)) throw ApiException.badRequest("footageTo", "must be after footageFrom");
        return new LedgerFilter(user, cameras(blankToNull(ex.queryParam("camera")), config), from, to, ff, ft,
                blankToNull(ex.queryParam("purpose")), blankToNull(ex.queryParam("action")));
    }

    /** A camera id, or a camera's name as the officer knows it ("Emergency entrance"), as the ids it names. */
    private static Set<String> cameras(String typed, io.vigil.config.VigilConfig config) {
        if (typed == null) return null;
        Set<String> ids = new HashSet<>();
        for (io.vigil.config.CameraConfig c : config.cameras()) {
            if (c.id().value().equalsIgnoreCase(typed) || c.name() != null && c.name().equalsIgnoreCase(typed)) ids.add(c.id().value());
        }
        if (ids.isEmpty()) ids.add(typed); // a camera since removed from the config is still in the ledger
        return ids;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private Reply csv(Exchange ex) throws Exception {
        requireAuditor(ex);
        return LedgerCsvExport.reply(ctx, ex, filter(ex, ctx.config()));
    }
}
