package io.vigil.gateway.api;

import io.vigil.gateway.http.CameraParams;
import io.vigil.config.CameraId;
import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.vigil.gateway.GatewayContext;
import io.vigil.gateway.Principal;
import io.vigil.gateway.grants.Purpose;
import io.vigil.gateway.http.ApiException;
import io.vigil.gateway.http.Exchange;
import io.vigil.gateway.http.Json;
import io.vigil.gateway.http.Reply;
import io.vigil.gateway.http.Router;
import io.vigil.gateway.live.EndReason;
import io.vigil.gateway.live.LiveUpgrade;
import io.vigil.gateway.live.MonitoringSession;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * The live wall's monitoring sessions: open one with a purpose and cameras
 * ({@code POST /api/v1/live/sessions}), tell it the viewer is still there
 * ({@code .../activity}), end it ({@code .../end}). The pictures themselves come over
 * {@value LiveUpgrade#PATH} ({@link LiveUpgrade}).
 */
public final class LiveApi {
    private final GatewayContext ctx;

    public LiveApi(GatewayContext ctx) {
        this.ctx = ctx;
    }

    public void register(Router r) {
        r.add(HttpMethod.POST, "/api/v1/live/sessions", Router.Access.SESSION, this::start);
        r.add(HttpMethod.POST, "/api/v1/live/sessions/{id}/activity", Router.Access.SESSION, this::activity);
        r.add(HttpMethod.POST, "/api/v1/live/sessions/{id}/end", Router.Access.SESSION, this::end);
    }

    private Reply start(Exchange ex) {
        Principal p = ex.principal();
        JsonNode body = Json.parseObject(ex.body());
        List<String> named = Json.stringList(body, "cameras", true);
        if (named.isEmpty()) throw ApiException.badRequest("cameras", "must name at least one camera");
        if (named.size() > 16) throw ApiException.badRequest("cameras", "at most 16 cameras on one wall");
        List<CameraId> cameras = CameraParams.configured(ctx.config(), "cameras", List.copyOf(new LinkedHashSet<>(named)));
        String code = Json.requiredString(body, "purpose", 1, 40);
        Purpose purpose = Purpose.fromCode(code).orElseThrow(() -> ApiException.badRequest("purpose",
                "'" + code + "' is not a purpose code (see GET /api/v1/purposes)"));
        String text = Json.requiredString(body, "purposeText", 3, 500).strip();
        if (text.length() < 3) throw ApiException.badRequest("purposeText", "must be 3..500 characters long");
        MonitoringSession m = ctx.live().start(p.account(), cameras, purpose, text, ex.clientText());
        return Reply.json(HttpResponseStatus.CREATED, body(m));
    }

    private Reply activity(Exchange ex) {
        MonitoringSession m = own(ex);
        ctx.live().activity(m);
        return Reply.json(HttpResponseStatus.OK, body(m));
    }

    private Reply end(Exchange ex) {
        MonitoringSession m = own(ex);
        ctx.live().end(m, EndReason.CLOSED);
        return Reply.json(HttpResponseStatus.OK, Map.of("ended", true, "reason", EndReason.CLOSED.code()));
    }

    private MonitoringSession own(Exchange ex) {
        Principal p = ex.principal();
        String id = ex.pathParam("id");
        return ctx.live().find(id, p.username()).orElseThrow(() -> ApiException.notFound("no open monitoring session " + id));
    }

    private Map<String, Object> body(MonitoringSession m) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("id", m.id());
        o.put("cameras", m.cameras());
        o.put("purpose", m.purpose().code());
        o.put("purposeText", m.purposeText());
        o.put("startedAt", m.startedAt().toString());
        o.put("endsAt", m.endsAt().toString());
        o.put("idleTimeoutSeconds", ctx.live().settings().idleTimeout().toSeconds());
        return o;
    }
}
