package io.vigil.gateway.api;

import io.vigil.gateway.http.CameraParams;
import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.vigil.config.CameraId;
import io.vigil.gateway.GatewayContext;
import io.vigil.gateway.Principal;
import io.vigil.gateway.grants.Purpose;
import io.vigil.gateway.grants.ViewingGrant;
import io.vigil.gateway.grants.GrantService;
import io.vigil.gateway.http.ApiException;
import io.vigil.gateway.http.ByteRange;
import io.vigil.gateway.http.Exchange;
import io.vigil.gateway.http.Json;
import io.vigil.gateway.http.Reply;
import io.vigil.gateway.http.Router;
import io.vigil.gateway.media.AssembledVideo;
import io.vigil.gateway.media.FootageMap;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Viewing grants and playback. Playback ({@code video.mp4}) passes the grant gate, then
 * writes {@code view.start} (once per grant and camera until {@code view.end}) before the
 * response's first byte, then streams the joined MP4 with Range support.
 */
public final class GrantsApi {
    private final GatewayContext ctx;

    public GrantsApi(GatewayContext ctx) {
        this.ctx = ctx;
    }

    public void register(Router r) {
        r.add(HttpMethod.POST, "/api/v1/grants", Router.Access.SESSION, this::issue);
        r.add(HttpMethod.GET, "/api/v1/grants/{grantId}/video.mp4", Router.Access.SESSION, this::video);
        r.add(HttpMethod.POST, "/api/v1/grants/{grantId}/end", Router.Access.SESSION, this::end);
    }

    private Reply issue(Exchange ex) {
        Principal p = ex.principal();
        JsonNode body = Json.parseObject(ex.body());
        List<String> named = Json.stringList(body, "cameras", true);
        if (named.isEmpty()) throw ApiException.badRequest("cameras", "must name at least one camera");
        if (named.size() > 16) throw ApiException.badRequest("cameras", "at most 16 cameras per grant");
        List<CameraId> cameras = CameraParams.configured(ctx.config(), "cameras", List.copyOf(new LinkedHashSet<>(named)));
        Instant from = Json.requiredInstant(body, "from");
        Instant to = Json.requiredInstant(body, "to");
        if (!from.isBefore(to)) throw ApiException.badRequest("to", "must be after from");
        if (Duration.between(from, to).compareTo(GrantService.MAX_RANGE) > 0) {
            throw ApiException.badRequest("to", "a grant may cover at most 24 hours of footage");
        }
        String code = Json.requiredString(body, "purpose", 1, 40);
        Purpose purpose = Purpose.fromCode(code).orElseThrow(() -> ApiException.badRequest("purpose",
                "'" + code + "' is not a purpose code (see GET /api/v1/purposes)"));
        String text = Json.visibleText("purposeText", Json.requiredString(body, "purposeText", 3, 500), 3);
        ViewingGrant g = ctx.grants().issue(p.account(), cameras, from, to, purpose, text, ex.clientText());
        return Reply.json(HttpResponseStatus.CREATED, grantBody(g));
    }

    static Map<String, Object> grantBody(ViewingGrant g) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("grantId", g.id());
        m.put("cameras", g.cameras());
        m.put("from", g.from().toString());
        m.put("to", g.to().toString());
        m.put("purpose", g.purpose().code());
        m.put("purposeText", g.purposeText());
        m.put("expiresAt", g.expiresAt().toString());
        return m;
    }

    /** Authorizes a footage request against the grant (recording any refusal) and returns it. */
    static ViewingGrant authorize(GatewayContext ctx, Exchange ex, String action) {
        Principal p = ex.principal();
        String grantId = ex.pathParam("grantId");
        CameraId camera = camera(ex);
        Optional<ViewingGrant> known = ctx.grants().find(grantId);
        Instant from = ex.queryInstant("from");
        Instant to = ex.queryInstant("to");
        if (from == null) from = known.map(ViewingGrant::from).orElse(ctx.clock().instant());
        if (to == null) to = known.map(ViewingGrant::to).orElse(from.plusSeconds(1));
        try {
            return ctx.grants().authorize(p.account(), grantId, camera, from, to, action, ex.clientText());
        } catch (ApiException e) {
            ctx.countRefusal("view");
            throw e;
        }
    }

    /** The camera of a footage request ({@code ?camera=}): a 400 naming the parameter and the id rule when malformed. */
    static CameraId camera(Exchange ex) {
        return CameraParams.query(ex, "camera");
    }

    static Instant from(Exchange ex, ViewingGrant g) {
        Instant f = ex.queryInstant("from");
        return f == null ? g.from() : f;
    }

    static Instant to(Exchange ex, ViewingGrant g) {
        Instant t = ex.queryInstant("to");
        return t == null ? g.to() : t;
    }

    private Reply video(Exchange ex) {
        ViewingGrant g = authorize(ctx, ex, "view");
        CameraId camera = camera(ex);
        Instant from = from(ex, g), to = to(ex, g);
        FootageMap map = FootageMap.plan(ctx.segmentChecks(), camera, from, to);
        if (map.isEmpty()) throw noFootage(map);
        int part = partParameter(ex, map);
        AssembledVideo video = AssembledVideo.of(ctx.store().segments(), map.parts().get(part)).orElseThrow(() -> noFootage(map));
        ByteRange range = ByteRange.parse(ex.header("Range"), video.length());
        // Durable before the first byte: the append returns only once synced. It names the gaps.
        ctx.grants().startViewing(g, camera, from, to, ex.clientText(), map.ledgerDetails());
        Reply r;
        if (range == null) {
            r = Reply.stream(HttpResponseStatus.OK, "video/mp4", video.body(0, video.length() - 1), video.length());
        } else {
            r = Reply.stream(HttpResponseStatus.PARTIAL_CONTENT, "video/mp4", video.body(range.first(), range.last()), range.length())
                    .header("Content-Range", "bytes " + range.first() + "-" + range.last() + "/" + video.length());
        }
        return r.header("Accept-Ranges", "bytes")
                .header("X-Vigil-Footage-Start", video.footageStart().toString())
                .header("X-Vigil-Footage-End", video.footageEnd().toString())
                .header("X-Vigil-Part", Integer.toString(part))
                .header("X-Vigil-Parts", Integer.toString(map.parts().size()))
                .header("Content-Disposition", "inline; filename=\"" + camera + ".mp4\"");
    }

    /** Not found, saying whether anything was recorded there but could not be read. */
    static ApiException noFootage(FootageMap map) {
        String range = " between " + map.requestedFrom() + " and " + map.requestedTo();
        if (map.lostFootage().isEmpty()) return ApiException.notFound("no footage of camera " + map.camera() + " is recorded" + range);
        return ApiException.notFound("no playable footage of camera " + map.camera() + range + ": the recorded footage there is "
                + map.lostFootage().stream().map(FootageMap.Gap::kind).distinct().toList() + " (see GET .../footage)");
    }

    /** The {@code part} query parameter (default 0): which part of the footage map to play. */
    private static int partParameter(Exchange ex, FootageMap map) {
        String text = ex.queryParam("part");
        if (text == null || text.isEmpty()) return 0;
        int part;
        try {
            part = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("part", "must be a whole number from 0 to " + (map.parts().size() - 1));
        }
        if (part < 0 || part >= map.parts().size()) {
            throw ApiException.badRequest("part", "this footage has " + map.parts().size() + " part(s): 0 to " + (map.parts().size() - 1));
        }
        return part;
    }

    private Reply end(Exchange ex) {
        Principal p = ex.principal();
        String grantId = ex.pathParam("grantId");
        ViewingGrant g;
        try {
            g = ctx.grants().authorizeOwner(p.account(), grantId, "end", ex.clientText());
        } catch (ApiException e) {
            ctx.countRefusal("view");
            throw e;
        }
        List<CameraId> cams = ctx.grants().endViewing(g, ex.clientText());
        return Reply.ok(Map.of("grantId", g.id(), "ended", cams));
    }
}
