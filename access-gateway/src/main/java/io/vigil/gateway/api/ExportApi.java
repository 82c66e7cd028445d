package io.vigil.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.vigil.gateway.GatewayContext;
import io.vigil.gateway.export.ExportWriter;
import io.vigil.gateway.grants.ViewingGrant;
import io.vigil.gateway.http.ApiException;
import io.vigil.gateway.http.Exchange;
import io.vigil.gateway.http.Json;
import io.vigil.gateway.http.Reply;
import io.vigil.gateway.http.Router;
import io.vigil.gateway.media.FootageMap;
import java.security.KeyPair;
import java.time.Instant;

/**
 * {@code POST /api/v1/grants/{grantId}/export}: the clips (one per part of the footage) and
 * their signed manifest, naming every gap and any damaged or missing footage, in one zip.
 */
public final class ExportApi {
    private final GatewayContext ctx;

    public ExportApi(GatewayContext ctx) {
        this.ctx = ctx;
    }

    public void register(Router r) {
        r.add(HttpMethod.POST, "/api/v1/grants/{grantId}/export", Router.Access.SESSION, this::export);
    }

    private Reply export(Exchange ex) throws Exception {
        String recipient = null;
        if (ex.body().length > 0) {
            JsonNode body = Json.parseObject(ex.body());
            recipient = Json.optionalString(body, "recipient", 200);
        }
        ViewingGrant g = GrantsApi.authorize(ctx, ex, "export");
        String camera = ex.requiredQuery("camera");
        Instant from = GrantsApi.from(ex, g), to = GrantsApi.to(ex, g);
        KeyPair key = ctx.exportSigningKey();
        if (key == null) {
            throw new ApiException(HttpResponseStatus.SERVICE_UNAVAILABLE, "no-signing-key",
                    "exports need the server's ledger signing key, which this server was started without");
        }
        FootageMap map = FootageMap.plan(ctx.segmentChecks(), camera, from, to);
        if (map.isEmpty()) throw GrantsApi.noFootage(map);
        ExportWriter.Request req = new ExportWriter.Request(g, ctx.config().camera(camera).name(), ctx.config().site(),
                recipient, ex.clientText());
        ExportWriter.Prepared p = ExportWriter.prepare(ctx.store().segments(), map, req, key, ctx.store().ledger(), ctx.clock().instant());
        return Reply.stream(HttpResponseStatus.OK, "application/zip", p.zip(), -1)
                .header("Content-Disposition", "attachment; filename=\"" + p.fileName() + "\"");
    }
}
