package io.vigil.gateway.api;

import io.netty.handler.codec.http.HttpMethod;
import io.vigil.config.CameraConfig;
import io.vigil.gateway.CameraStatusView;
import io.vigil.gateway.GatewayContext;
import io.vigil.gateway.HealthReport;
import io.vigil.gateway.i18n.LanguageChoice;
import io.vigil.gateway.i18n.StoredReasons;
import io.vigil.gateway.Principal;
import io.vigil.gateway.grants.Permissions;
import io.vigil.gateway.grants.Purpose;
import io.vigil.gateway.http.ApiException;
import io.vigil.gateway.http.Exchange;
import io.vigil.gateway.http.Reply;
import io.vigil.gateway.http.Router;
import io.vigil.storage.Span;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Camera list with live status, per-camera timelines (metadata only), and the purpose list. */
public final class CamerasApi {
    static final Duration MAX_TIMELINE = Duration.ofDays(15);
    private final GatewayContext ctx;

    public CamerasApi(GatewayContext ctx) {
        this.ctx = ctx;
    }

    public void register(Router r) {
        r.add(HttpMethod.GET, "/api/v1/cameras", Router.Access.SESSION, this::cameras);
        r.add(HttpMethod.GET, "/api/v1/cameras/{id}/timeline", Router.Access.SESSION, this::timeline);
        r.add(HttpMethod.GET, "/api/v1/purposes", Router.Access.SESSION, this::purposes);
    }

    private Reply cameras(Exchange ex) {
        Principal p = ex.principal();
        Map<String, CameraStatusView> status = ctx.cameraStatus().cameraStatus();
        String language = LanguageChoice.of(ex, ctx.config().settings());
        List<Map<String, Object>> out = new ArrayList<>();
        for (CameraConfig c : ctx.config().cameras()) {
            if (!p.account().holdsCamera(c.id()) && !Permissions.seesAllCameraStatus(p.account())) continue;
            CameraStatusView s = status == null ? null : status.get(c.id().value());
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", c.id().value());
            m.put("name", c.name());
            m.put("location", c.location());
            m.put("state", s == null ? "UNKNOWN" : s.state());
            // The recorder's reason in the reader's language, and as code and arguments.
            HealthReport.Problem reason = s == null ? null : s.reasonInWords();
            m.put("reason", reason == null ? null : reason.render(language, ctx.config().settings().timeZone()));
            m.put("reasonCode", s == null ? null : s.reasonCode());
            m.put("reasonArgs", s == null ? Map.of() : s.reasonArgs());
            m.put("lastFrameAt", s == null || s.lastFrameAt() == null ? null : s.lastFrameAt().toString());
            m.put("granted", p.account().holdsCamera(c.id()));
            out.add(m);
        }
        return Reply.ok(out);
    }

    private Reply timeline(Exchange ex) {
        Principal p = ex.principal();
        String id = ex.pathParam("id");
        CameraConfig camera = ctx.config().camera(id);
        if (camera == null) throw ApiException.notFound("no camera '" + id + "'");
        if (!Permissions.mayReadTimeline(p.account(), camera.id())) {
            ctx.countRefusal("timeline");
            throw ApiException.forbidden("camera " + id + " is not among your cameras");
        }
        Instant now = ctx.clock().instant();
        Instant to = ex.queryInstant("to");
        Instant from = ex.queryInstant("from");
        if (to == null) to = now;
        if (from == null) from = to.minus(Duration.ofDays(1));
        if (!from.isBefore(to)) throw ApiException.badRequest("to", "must be after from");
        if (Duration.between(from, to).compareTo(MAX_TIMELINE) > 0) throw ApiException.badRequest("to", "range may span at most 15 days");
        List<Map<String, Object>> spans = new ArrayList<>();
        String language = LanguageChoice.of(ex, ctx.config().settings());
        for (Span s : ctx.store().segments().timeline(camera.id(), from, to)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("start", s.start().toString());
            m.put("end", s.end().toString());
            m.put("recorded", s.recorded());
            m.put("gapReason", StoredReasons.words(s.gapReason(), language, ctx.config().settings().timeZone()));
            spans.add(m);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("camera", id);
        body.put("from", from.toString());
        body.put("to", to.toString());
        body.put("spans", spans);
        return Reply.ok(body);
    }

    private Reply purposes(Exchange ex) {
        List<Map<String, String>> out = new ArrayList<>();
        for (Purpose p : Purpose.values()) out.add(Map.of("code", p.code(), "label", p.label()));
        return Reply.ok(out);
    }
}
