package io.vigil.gateway.health;

import io.vigil.gateway.HealthReport;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.vigil.gateway.GatewayContext;
import io.vigil.gateway.HealthStatus;
import io.vigil.gateway.accounts.Account;
import io.vigil.gateway.accounts.Session;
import io.vigil.gateway.api.AuthApi;
import io.vigil.gateway.grants.Permissions;
import io.vigil.gateway.http.Exchange;
import io.vigil.gateway.http.Reply;
import io.vigil.gateway.i18n.LanguageChoice;
import io.vigil.gateway.http.Router;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * {@code GET /health}. Anyone may learn the overall status (UP, DEGRADED, DOWN; 503 when
 * DOWN), so a load balancer or an uptime monitor outside the hospital's monitoring network
 * works without an account. Which cameras are down and why, free space, the ledger's head
 * and the purge's reasons are for administrators signed in and for the configured
 * {@code access.monitoringNetworks} only: camera names and locations tell a stranger where
 * nobody is watching (docs/health.md).
 */
public final class HealthApi {
    private final GatewayContext ctx;

    public HealthApi(GatewayContext ctx) {
        this.ctx = ctx;
    }

    public void register(Router r) {
        r.add(HttpMethod.GET, "/health", Router.Access.PUBLIC, this::health);
    }

    private Reply health(Exchange ex) {
        HealthStatus overall = HealthStatus.UP;
        Map<String, Object> checks = new TreeMap<>();
        // The reader's language (the admin page's choice; a monitoring tool gets the site's).
        String language = LanguageChoice.of(ex, ctx.config().settings());
        ZoneId zone = ctx.config().settings().timeZone();
        for (Map.Entry<String, Supplier<HealthReport>> e : ctx.healthChecks().entrySet()) {
            HealthReport r = run(e.getKey(), e.getValue());
            overall = overall.worst(r.status());
            checks.put(e.getKey(), body(r, language, zone));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", overall.name());
        if (mayReadDetails(ex)) {
            body.put("time", ctx.clock().instant().toString());
            body.put("checks", checks);
        }
        return Reply.json(overall == HealthStatus.DOWN ? HttpResponseStatus.SERVICE_UNAVAILABLE : HttpResponseStatus.OK, body);
    }

    /** A check that throws is DOWN with its error, never a 500 for the whole answer. */
    private static HealthReport run(String name, Supplier<HealthReport> check) {
        try {
            HealthReport r = check.get();
            return r == null ? HealthReport.of(HealthStatus.DOWN) : r;
        } catch (RuntimeException failure) {
            return new HealthReport(HealthStatus.DOWN, List.of(new HealthReport.Problem("health.problem.failed",
                    Map.of("check", name, "error", String.valueOf(failure.getMessage())))), Map.of());
        }
    }

    private static Map<String, Object> body(HealthReport r, String language, ZoneId zone) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", r.status().name());
        List<Map<String, Object>> problems = new ArrayList<>();
        for (HealthReport.Problem p : r.problems()) {
            Map<String, Object> pm = new LinkedHashMap<>();
            pm.put("key", p.key());
            pm.put("params", codes(p.params()));
            pm.put("text", p.render(language, zone));
            problems.add(pm);
        }
        m.put("problems", problems);
        r.details().forEach((k, v) -> m.put(k, words(v, language, zone)));
        return m;
    }

    /** A problem's parameters for machines: a nested reason as its own key and parameters. */
    private static Map<String, Object> codes(Map<String, ?> params) {
        Map<String, Object> out = new LinkedHashMap<>();
        params.forEach((k, v) -> out.put(k, v instanceof HealthReport.Problem p ? Map.of("key", p.key(), "params", codes(p.params())) : v));
        return out;
    }

    /** Details with every reason (a Problem, e.g. a camera's) worded in the reader's language. */
    private static Object words(Object v, String language, ZoneId zone) {
        if (v instanceof HealthReport.Problem p) return p.render(language, zone);
        if (v instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            map.forEach((k, x) -> out.put(k, words(x, language, zone)));
            return out;
        }
        if (v instanceof List<?> list) return list.stream().map(x -> words(x, language, zone)).toList();
        return v;
    }

    /**
     * The monitoring networks, or a signed-in administrator whose session, account and network
     * pass the same rules as any page. A poll is no activity (the admin page refreshes it).
     */
    private boolean mayReadDetails(Exchange ex) {
        if (ctx.monitoringAllowed(ex.client())) return true;
        Optional<Session> s = ctx.sessions().resolve(ex.cookie(AuthApi.COOKIE), false);
        if (s.isEmpty()) return false;
        Optional<Account> a = ctx.accounts().find(s.get().username());
        return a.isPresent() && !a.get().disabled() && !a.get().mustChangePassword()
                && ctx.networkAllowed(a.get().role(), ex.client()) && Permissions.mayMonitor(a.get());
    }
}
