package io.vigil.gateway.api;

import io.vigil.gateway.http.CameraParams;
import io.vigil.config.CameraId;
import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.vigil.gateway.GatewayContext;
import io.vigil.gateway.Principal;
import io.vigil.gateway.grants.Permissions;
import io.vigil.gateway.http.ApiException;
import io.vigil.gateway.http.Exchange;
import io.vigil.gateway.http.Json;
import io.vigil.gateway.http.Reply;
import io.vigil.gateway.http.Router;
import io.vigil.storage.holds.HoldNotFoundException;
import io.vigil.storage.holds.HoldStateException;
import io.vigil.storage.holds.LegalHold;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Legal holds over {@link io.vigil.storage.holds.HoldRegistry}: privacy officers place,
 * extend and release; privacy managers may list. The registry writes the ledger entries.
 */
public final class HoldsApi {
    private final GatewayContext ctx;

    public HoldsApi(GatewayContext ctx) {
        this.ctx = ctx;
    }

    public void register(Router r) {
        r.add(HttpMethod.GET, "/api/v1/holds", Router.Access.SESSION, this::list);
        r.add(HttpMethod.POST, "/api/v1/holds", Router.Access.SESSION, this::place);
        r.add(HttpMethod.POST, "/api/v1/holds/{id}/release", Router.Access.SESSION, this::release);
        r.add(HttpMethod.POST, "/api/v1/holds/{id}/extend", Router.Access.SESSION, this::extend);
    }

    private Principal require(Exchange ex, boolean place) {
        Principal p = ex.principal();
        boolean ok = place ? Permissions.mayPlaceHolds(p.account()) : Permissions.mayListHolds(p.account());
        if (!ok) {
            ctx.countRefusal("holds");
            throw ApiException.forbidden(place ? "only privacy officers place, extend or release legal holds"
                    : "only privacy officers and privacy managers see legal holds");
        }
        return p;
    }

    private Reply list(Exchange ex) {
        require(ex, false);
        Instant now = ctx.clock().instant();
        List<Map<String, Object>> out = new ArrayList<>();
        for (LegalHold h : ctx.holds().all()) out.add(body(h, now));
        return Reply.ok(out);
    }

    private Reply place(Exchange ex) {
        Principal p = require(ex, true);
        JsonNode b = Json.parseObject(ex.body());
        List<String> named = Json.stringList(b, "cameras", true);
        if (named.isEmpty()) throw ApiException.badRequest("cameras", "must name at least one camera");
        List<CameraId> cameras = CameraParams.configured(ctx.config(), "cameras", named);
        Instant from = Json.requiredInstant(b, "from");
        Instant to = Json.requiredInstant(b, "to");
        String reason = Json.visibleText("reason", Json.requiredString(b, "reason", 3, 500), 3);
        String reference = Json.optionalString(b, "reference", 200);
        Instant expiresAt = withinMaximum(Json.requiredInstant(b, "expiresAt"));
        try {
            LegalHold h = ctx.holds().place(cameras, from, to, reason, reference, expiresAt, p.username());
            return Reply.json(HttpResponseStatus.CREATED, body(h, ctx.clock().instant()));
        } catch (IllegalArgumentException e) {
            throw badFromRegistry(e);
        }
    }

    private Reply release(Exchange ex) {
        Principal p = require(ex, true);
        JsonNode b = Json.parseObject(ex.body());
        String reason = Json.requiredString(b, "reason", 3, 500);
        return changeHold(() -> ctx.holds().release(ex.pathParam("id"), reason, p.username()));
    }

    /** Runs a change to an existing hold and answers with it, translating the registry's refusals. */
    private Reply changeHold(java.util.function.Supplier<LegalHold> change) {
        try {
            return Reply.ok(body(change.get(), ctx.clock().instant()));
        } catch (HoldNotFoundException e) {
            throw ApiException.notFound(e.getMessage());
        } catch (HoldStateException e) {
            throw new ApiException(HttpResponseStatus.CONFLICT, "conflict", e.getMessage());
        } catch (IllegalArgumentException e) {
            throw badFromRegistry(e);
        }
    }

    private Reply extend(Exchange ex) {
        Principal p = require(ex, true);
        JsonNode b = Json.parseObject(ex.body());
        Instant expiresAt = withinMaximum(Json.requiredInstant(b, "expiresAt"));
        return changeHold(() -> ctx.holds().extend(ex.pathParam("id"), expiresAt, p.username()));
    }

    /**
     * A hold keeps footage past the 14 days; it may run at most {@code retention.holdMaximumYears}
     * (default 5) from now, and is extended again later if still needed.
     */
    private Instant withinMaximum(Instant expiresAt) {
        var retention = ctx.config().retention();
        if (expiresAt.isAfter(retention.holdLimit(ctx.clock().instant()))) {
            int years = retention.holdMaximumYears();
            throw ApiException.badRequest("expiresAt", "a hold may run at most " + years + (years == 1 ? " year" : " years")
                    + " from now (retention.holdMaximumYears); extend it later if needed");
        }
        return expiresAt;
    }

    /** The registry's messages start with the field name ("expiresAt must be ..."). */
    private static ApiException badFromRegistry(IllegalArgumentException e) {
        String msg = e.getMessage() == null ? "invalid" : e.getMessage();
        String field = msg.split("[ :]", 2)[0];
        return new ApiException(HttpResponseStatus.BAD_REQUEST, "bad-request", msg.startsWith(field) ? msg : field + ": " + msg);
    }

    static Map<String, Object> body(LegalHold h, Instant now) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", h.id());
        m.put("cameras", h.cameraIds());
        m.put("from", h.from().toString());
        m.put("to", h.to().toString());
        m.put("reason", h.reason());
        m.put("reference", h.reference());
        m.put("placedBy", h.placedBy());
        m.put("placedAt", h.placedAt() == null ? null : h.placedAt().toString());
        m.put("expiresAt", h.expiresAt().toString());
        m.put("releasedAt", h.releasedAt() == null ? null : h.releasedAt().toString());
        m.put("releasedBy", h.releasedBy());
        m.put("state", h.stateAt(now));
        return m;
    }
}
