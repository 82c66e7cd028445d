package io.vigil.gateway.api;

import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.vigil.gateway.GatewayContext;
import io.vigil.gateway.http.Exchange;
import io.vigil.gateway.http.Reply;
import io.vigil.gateway.http.Router;

/** {@code /metrics} (Prometheus text): administrators or monitoring networks only ({@code /health} is {@link io.vigil.gateway.health.HealthApi}). */
public final class MonitoringApi {
    private final GatewayContext ctx;

    public MonitoringApi(GatewayContext ctx) {
        this.ctx = ctx;
    }

    public void register(Router r) {
        r.add(HttpMethod.GET, "/metrics", Router.Access.SESSION_OR_MONITORING, this::metrics);
    }

    private Reply metrics(Exchange ex) {
        return Reply.text(HttpResponseStatus.OK, "text/plain; version=0.0.4; charset=utf-8", ctx.meters().scrape());
    }
}
