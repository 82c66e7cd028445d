package io.vigil.gateway.api;

import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.vigil.gateway.GatewayContext;
import io.vigil.gateway.HealthStatus;
import io.vigil.gateway.http.Exchange;
import io.vigil.gateway.http.Reply;
import io.vigil.gateway.http.Router;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/** {@code /metrics} (Prometheus text) and {@code /health}: administrators or monitoring networks only. */
public final class MonitoringApi {
    private final GatewayContext ctx;

    public MonitoringApi(GatewayContext ctx) {
        this.ctx = ctx;
    }

    public void register(Router r) {
        r.add(HttpMethod.GET, "/metrics", Router.Access.SESSION_OR_MONITORING, this::metrics);
        r.add(HttpMethod.GET, "/health", Router.Access.SESSION_OR_MONITORING, this::health);
    }

    private Reply metrics(Exchange ex) {
        return Reply.text(HttpResponseStatus.OK, "text/plain; version=0.0.4; charset=utf-8", ctx.meters().scrape());
    }

    private Reply health(Exchange ex) {
        HealthStatus overall = HealthStatus.UP;
        Map<String, String> checks = new TreeMap<>();
        for (Map.Entry<String, Supplier<HealthStatus>> e : ctx.healthChecks().entrySet()) {
            HealthStatus s;
            try {
                s = e.getValue().get();
            } catch (RuntimeException failure) {
                s = HealthStatus.DOWN;
            }
            if (s == null) s = HealthStatus.DOWN;
            checks.put(e.getKey(), s.name());
            overall = overall.worst(s);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", overall.name());
        body.put("checks", checks);
        return Reply.json(overall == HealthStatus.DOWN ? HttpResponseStatus.SERVICE_UNAVAILABLE : HttpResponseStatus.OK, body);
    }
}
