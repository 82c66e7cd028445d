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
import io.vigil.gateway.i18n.Messages;
import io.vigil.gateway.http.Router;
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
        String language = ctx.config().settings().language();
        for (Map.Entry<String, Supplier<HealthReport>> e : ctx.healthChecks().entrySet()) {
            HealthReport r = run(e.getKey(), e.getValue());
            overall = overall.worst(r.status());
            checks.put(e.getKey(), body(r, language));
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

    private static Map<String, Object> body(HealthReport r, String language) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", r.status().name());
        List<Map<String, Object>> problems = new ArrayList<>();
        for (HealthReport.Problem p : r.problems()) {
            Map<String, Object> pm = new LinkedHashMap<>();
            pm.put("key", p.key());
            pm.put("params", p.params());
            pm.put("text", Messages.get().format(language, p.key(), p.params()));
            problems.add(pm);
        }
        m.put("problems", problems);
        m.putAll(r.details());
        return m;
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
