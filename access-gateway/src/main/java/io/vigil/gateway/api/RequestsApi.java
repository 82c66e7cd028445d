package io.vigil.gateway.api;

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
import io.vigil.gateway.requests.RefusalGround;
import io.vigil.gateway.requests.RequestException;
import io.vigil.gateway.requests.RequestForm;
import io.vigil.gateway.requests.RequestWorkflow;
import io.vigil.gateway.requests.SubjectRequest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code /api/v1/requests}: subject requests registered by privacy managers (or officers),
 * decided by privacy officers, read by both (docs/api.md). The workflow enforces states,
 * the four-eyes rule and the ledger; this class checks roles and turns JSON into calls.
 */
public final class RequestsApi {
    private static final Set<String> FORM_FIELDS = Set.of("requesterName", "requesterContact", "documentType", "checkedBy",
            "checkedAt", "childUnder14", "representativeName", "representativeRelationship", "representativeProof", "kinds",
            "cameras", "from", "to", "description", "reason", "urgent");

    private final GatewayContext ctx;

    public RequestsApi(GatewayContext ctx) {
        this.ctx = ctx;
    }

    public void register(Router r) {
        r.add(HttpMethod.GET, "/api/v1/requests", Router.Access.SESSION, this::list);
        r.add(HttpMethod.POST, "/api/v1/requests", Router.Access.SESSION, this::create);
        r.add(HttpMethod.GET, "/api/v1/requests/grounds", Router.Access.SESSION, this::grounds);
        r.add(HttpMethod.GET, "/api/v1/requests/{number}", Router.Access.SESSION, this::get);
        r.add(HttpMethod.POST, "/api/v1/requests/{number}/review", Router.Access.SESSION, ex -> decide(ex, () ->
                workflow().review(ex.pathParam("number"), user(ex), Json.optionalString(body(ex), "reason", 2000))));
        r.add(HttpMethod.POST, "/api/v1/requests/{number}/approve", Router.Access.SESSION, this::approve);
        r.add(HttpMethod.POST, "/api/v1/requests/{number}/defer", Router.Access.SESSION, this::defer);
        r.add(HttpMethod.POST, "/api/v1/requests/{number}/refuse", Router.Access.SESSION, this::refuse);
        r.add(HttpMethod.POST, "/api/v1/requests/{number}/kiosk-code", Router.Access.SESSION, ex -> {
            requireDecider(ex);
            RequestWorkflow.Approval a = call(() -> workflow().reissueKioskCode(ex.pathParam("number"), user(ex)));
            return Reply.ok(approvalBody(a));
        });
        r.add(HttpMethod.POST, "/api/v1/requests/{number}/fulfil", Router.Access.SESSION, ex -> handle(ex, () ->
                workflow().fulfil(ex.pathParam("number"), user(ex), Json.optionalString(body(ex), "note", 2000))));
        r.add(HttpMethod.POST, "/api/v1/requests/{number}/existence", Router.Access.SESSION, this::existence);
        r.add(HttpMethod.POST, "/api/v1/requests/{number}/erase", Router.Access.SESSION, this::erase);
        r.add(HttpMethod.POST, "/api/v1/requests/{number}/close", Router.Access.SESSION, ex -> handle(ex, () ->
                workflow().close(ex.pathParam("number"), user(ex), Json.optionalString(body(ex), "reason", 2000))));
    }

    private RequestWorkflow workflow() {
        return ctx.requests();
    }

    private static String user(Exchange ex) {
        return ex.<Principal>principal().username();
    }

    private static JsonNode body(Exchange ex) {
        return ex.body() == null || ex.body().length == 0 ? Json.MAPPER.createObjectNode() : Json.parseObject(ex.body());
    }

    private Principal requireHandler(Exchange ex) {
        Principal p = ex.principal();
        if (!Permissions.mayHandleRequests(p.account())) {
            ctx.countRefusal("requests");
            throw ApiException.forbidden("only privacy managers and privacy officers handle subject requests");
        }
        return p;
    }

    private Principal requireDecider(Exchange ex) {
        Principal p = requireHandler(ex);
        if (!Permissions.mayDecideRequests(p.account())) {
            ctx.countRefusal("requests");
            throw ApiException.forbidden("only privacy officers review and decide subject requests");
        }
        return p;
    }

    private Reply list(Exchange ex) {
        requireHandler(ex);
        Instant now = ctx.clock().instant();
        List<Map<String, Object>> out = new ArrayList<>();
        List<SubjectRequest> all = workflow().all();
        for (int i = all.size() - 1; i >= 0; i--) out.add(RequestBodies.summary(all.get(i), workflow().deadlines(), now));
        return Reply.ok(out);
    }

    private Reply get(Exchange ex) {
        requireHandler(ex);
        SubjectRequest r = call(() -> workflow().get(ex.pathParam("number")));
        return Reply.ok(RequestBodies.full(r, workflow().deadlines(), ctx.clock().instant()));
    }

    private Reply grounds(Exchange ex) {
        requireHandler(ex);
        List<Map<String, String>> out = new ArrayList<>();
        for (RefusalGround g : RefusalGround.values()) out.add(Map.of("code", g.code(), "citation", g.citation()));
        return Reply.ok(out);
    }

    private Reply create(Exchange ex) {
        requireHandler(ex);
        JsonNode b = Json.parseObject(ex.body());
        for (Iterator<String> it = b.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (f.equals("documentNumber")) {
                throw ApiException.badField(f, "requests.invalid.document-number", Map.of());
            }
            // Quoted: a field with an empty or blank name must still be named (HttpApiFuzzTest found {"":null}).
            if (!FORM_FIELDS.contains(f)) throw ApiException.badRequest("\"" + f + "\"", "is not a field of a subject request");
        }
        RequestForm form = new RequestForm(str(b, "requesterName"), str(b, "requesterContact"), str(b, "documentType"),
                str(b, "checkedBy"), Json.optionalInstant(b, "checkedAt"), bool(b, "childUnder14"), str(b, "representativeName"),
                str(b, "representativeRelationship"), str(b, "representativeProof"), Json.stringList(b, "kinds", false),
                Json.stringList(b, "cameras", false), Json.optionalInstant(b, "from"), Json.optionalInstant(b, "to"),
                str(b, "description"), str(b, "reason"), bool(b, "urgent"));
        SubjectRequest r = call(() -> workflow().register(form, user(ex)));
        return Reply.json(HttpResponseStatus.CREATED, RequestBodies.full(r, workflow().deadlines(), ctx.clock().instant()));
    }

    private io.vigil.gateway.requests.RequestFulfilment fulfilment() {
        return new io.vigil.gateway.requests.RequestFulfilment(workflow(), ctx.store().ledger(), ctx.store().segments(), ctx.holds(), ctx.clock());
    }

    private Reply existence(Exchange ex) {
        requireHandler(ex);
        String n = ex.pathParam("number");
        var statements = call(() -> fulfilment().confirmExistence(n, user(ex)));
        List<Map<String, Object>> cams = new ArrayList<>();
        for (var s : statements) {
            List<Map<String, Object>> spans = new ArrayList<>();
            for (var sp : s.spans()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("start", sp.start().toString());
                m.put("end", sp.end().toString());
                m.put("recorded", sp.recorded());
                m.put("gapReason", io.vigil.gateway.i18n.StoredReasons.words(sp.gapReason(),
                        io.vigil.gateway.i18n.LanguageChoice.of(ex, ctx.config().settings()), ctx.config().settings().timeZone()));
                spans.add(m);
            }
            cams.add(Map.of("camera", s.cameraId(), "spans", spans));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("request", body(workflow().get(n)));
        out.put("cameras", cams);
        return Reply.ok(out);
    }

    private Reply erase(Exchange ex) {
        requireHandler(ex);
        String n = ex.pathParam("number");
        var e = call(() -> fulfilment().erase(n, user(ex)));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("request", body(workflow().get(n)));
        out.put("erasedSegments", e.erasedSegments());
        out.put("erasedBytes", e.erasedBytes());
        out.put("keptSegments", e.keptSegments());
        out.put("keptByHolds", e.keptByHolds());
        out.put("keptReferences", e.keptReferences());
        return Reply.ok(out);
    }

    private Reply approve(Exchange ex) {
        requireDecider(ex);
        String reason = Json.optionalString(body(ex), "reason", 2000);
        RequestWorkflow.Approval a = call(() -> workflow().approve(ex.pathParam("number"), user(ex), reason));
        return Reply.ok(approvalBody(a));
    }

    private Map<String, Object> approvalBody(RequestWorkflow.Approval a) {
        Map<String, Object> m = new LinkedHashMap<>(RequestBodies.full(a.request(), workflow().deadlines(), ctx.clock().instant()));
        m.put("kioskCode", a.kioskCode());
        return m;
    }

    private Reply defer(Exchange ex) {
        requireDecider(ex);
        JsonNode b = body(ex);
        String untilText = Json.requiredString(b, "until", 10, 10);
        LocalDate until;
        try {
            until = LocalDate.parse(untilText);
        } catch (DateTimeParseException e) {
            throw ApiException.badField("until", "requests.invalid.not-a-day", Map.of("value", untilText));
        }
        String reason = Json.optionalString(b, "reason", 2000);
        return Reply.ok(body(call(() -> workflow().defer(ex.pathParam("number"), user(ex), until, reason))));
    }

    private Reply refuse(Exchange ex) {
        requireDecider(ex);
        JsonNode b = body(ex);
        List<RefusalGround> grounds = new ArrayList<>();
        for (String code : Json.stringList(b, "grounds", false)) {
            RefusalGround g = RefusalGround.fromCode(code);
            if (g == null) throw ApiException.badField("grounds", "requests.invalid.ground-unknown", Map.of("value", code));
            grounds.add(g);
        }
        String text = Json.optionalString(b, "text", 2000);
        return Reply.ok(body(call(() -> workflow().refuse(ex.pathParam("number"), user(ex), grounds, text))));
    }

    private Reply decide(Exchange ex, Supplier<SubjectRequest> action) {
        requireDecider(ex);
        return Reply.ok(body(call(action)));
    }

    private Reply handle(Exchange ex, Supplier<SubjectRequest> action) {
        requireHandler(ex);
        return Reply.ok(body(call(action)));
    }

    private Map<String, Object> body(SubjectRequest r) {
        return RequestBodies.full(r, workflow().deadlines(), ctx.clock().instant());
    }

    /** Runs a workflow call, turning its refusals into API errors with the same words. */
    static <T> T call(Supplier<T> action) {
        try {
            return action.get();
        } catch (RequestException e) {
            throw translate(e);
        }
    }

    static ApiException translate(RequestException e) {
        return switch (e.kind()) {
                case INVALID -> ApiException.badField(e.field(), e.key(), e.params());
                case NOT_FOUND -> ApiException.notFound(e.getMessage());
                case CONFLICT -> new ApiException(HttpResponseStatus.CONFLICT, "conflict", e.getMessage());
                case FORBIDDEN -> ApiException.forbidden(e.getMessage());
            };
    }

    private static String str(JsonNode b, String field) {
        JsonNode v = b.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isTextual()) throw ApiException.badRequest(field, "must be a string");
        return v.asText();
    }

    private static Boolean bool(JsonNode b, String field) {
        JsonNode v = b.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isBoolean()) throw ApiException.badRequest(field, "must be true or false");
        return v.asBoolean();
    }
}
