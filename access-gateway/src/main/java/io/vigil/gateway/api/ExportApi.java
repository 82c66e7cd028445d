package io.vigil.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.vigil.config.CameraId;
import io.vigil.gateway.GatewayContext;
import io.vigil.gateway.export.ExportBasis;
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
        String basisCode = null;
        if (ex.body().length > 0) {
            JsonNode body = Json.parseObject(ex.body());
            recipient = Json.optionalString(body, "recipient", 200);
            basisCode = Json.optionalString(body, "legalBasis", 40);
        }
        ViewingGrant g = GrantsApi.authorize(ctx, ex, "export");
        ExportBasis basis = basis(basisCode, recipient);
        CameraId camera = GrantsApi.camera(ex);
        Instant from = GrantsApi.from(ex, g), to = GrantsApi.to(ex, g);
        KeyPair key = ctx.exportSigningKey();
        if (key == null) {
            throw new ApiException(HttpResponseStatus.SERVICE_UNAVAILABLE, "no-signing-key",
                    "exports need the server's ledger signing key, which this server was started without");
        }
        FootageMap map = FootageMap.plan(ctx.segmentChecks(), camera, from, to);
        if (map.isEmpty()) throw GrantsApi.noFootage(map);
        ExportWriter.Request req = new ExportWriter.Request(g, ctx.config().camera(camera).name(), ctx.config().site(),
                recipient, basis, ex.clientText());
        // The manifest is read by people (the police, a court): gap reasons in the site's language.
        var site = ctx.config().settings();
        FootageMap worded = map.withReasonsWorded(r -> io.vigil.gateway.i18n.StoredReasons.words(r, site.language(), site.timeZone()));
        ExportWriter.Prepared p = ExportWriter.prepare(ctx.store().segments(), worded, req, key, ctx.store().ledger(), ctx.clock().instant());
        return Reply.stream(HttpResponseStatus.OK, "application/zip", p.zip(), -1)
                .header("Content-Disposition", "attachment; filename=\"" + p.fileName() + "\"");
    }

    /**
     * The legal basis is required (footage leaving the server needs a ground in the management
     * ledger), and the hospital's own use cannot be the ground of a clip given to someone else.
     */
    private static ExportBasis basis(String code, String recipient) {
        if (code == null) {
            throw ApiException.badRequest("legalBasis", "is required: the legal basis of the export, one of " + String.join(", ", ExportBasis.codes()));
        }
        ExportBasis b = ExportBasis.of(code);
        if (b == null) throw ApiException.badRequest("legalBasis", "'" + code + "' is not one of " + String.join(", ", ExportBasis.codes()));
        if (b == ExportBasis.INTERNAL && recipient != null) {
            throw ApiException.badRequest("legalBasis", "'internal' is for footage the hospital keeps; a clip for " + recipient
                    + " needs the legal basis of that provision");
        }
        return b;
    }
}
