package io.vigil.gateway.api;

import io.vigil.config.CameraId;
import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.HttpMethod;
import io.vigil.gateway.GatewayContext;
import io.vigil.gateway.Principal;
import io.vigil.gateway.grants.Permissions;
import io.vigil.gateway.http.ApiException;
import io.vigil.gateway.http.Exchange;
import io.vigil.gateway.http.Json;
import io.vigil.gateway.http.Reply;
import io.vigil.gateway.http.Router;
import io.vigil.gateway.masking.KioskViewings;
import io.vigil.gateway.masking.MaskingService;
import io.vigil.gateway.requests.RequestException;
import io.vigil.gateway.requests.RequestWorkflow;
import io.vigil.gateway.requests.SubjectRequest;
import io.vigil.storage.LedgerRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/v1/kiosk/open}: the subject's viewing at the hospital's kiosk starts
 * with the one-time code the officer's approval issued, typed at a computer on a kiosk
 * network while the privacy manager (the staff member present, video policy Art. 5: the subject
 * contacts the video information manager and views at the hospital) is signed in.
 * The code works once, until it expires; every refusal is ledgered (without the code).
 * The viewing plays only masked copies already released for the request (a code is not
 * used up while there is nothing to show), only to the staff member's session that opened
 * it, only from a kiosk network: {@code GET /api/v1/kiosk/viewings/{id}/video/{camera}}.
 */
public final class KioskApi {
    private static final String NOT_THE_MANAGER = "a kiosk viewing is opened by the privacy manager present with the subject"
            + " (video policy Art. 5); privacy officers decide requests and never see footage";
    private final GatewayContext ctx;
    private final MaskingService masking;
    private final KioskViewings viewings;

    public KioskApi(GatewayContext ctx, MaskingService masking, KioskViewings viewings) {
        this.ctx = ctx;
        this.masking = masking;
        this.viewings = viewings;
    }

    public void register(Router r) {
        r.add(HttpMethod.POST, "/api/v1/kiosk/open", Router.Access.SESSION, this::open);
        r.add(HttpMethod.GET, "/api/v1/kiosk/viewings/{id}/video/{camera}", Router.Access.SESSION, this::video);
        r.add(HttpMethod.POST, "/api/v1/kiosk/viewings/{id}/end", Router.Access.SESSION, this::end);
    }

    /** The privacy manager at a computer of a kiosk network; else refused (and counted). */
    private Principal kioskStaff(Exchange ex) {
        Principal p = ex.principal();
        if (!Permissions.mayPrepareMasking(p.account())) {
            ctx.countRefusal("kiosk");
            throw ApiException.forbidden(NOT_THE_MANAGER);
        }
        if (!onKioskNetwork(ex)) {
            ctx.countRefusal("kiosk");
            throw ApiException.forbidden("viewings are opened only at the kiosk (from " + ex.clientText() + " not allowed)");
        }
        return p;
    }

    private boolean onKioskNetwork(Exchange ex) {
        return ctx.requests().settings().kioskNetworks().stream().anyMatch(n -> n.contains(ex.client()));
    }

    private Reply video(Exchange ex) {
        Principal p = kioskStaff(ex);
        KioskViewings.Viewing v = viewings.require(ex.pathParam("id"), p.username());
        String named = ex.pathParam("camera"); // checked here, where it enters: a malformed id is in no viewing
        CameraId camera = CameraId.isValid(named) ? CameraId.of(named) : null;
        if (camera == null || !v.cameras().contains(camera)) throw ApiException.notFound("camera " + named + " is not part of this viewing");
        var copy = masking.released(v.number(), camera, p.username(), null).output();
        return MaskingApi.video(ex, copy, "inline", "viewing.mp4");
    }

    private Reply end(Exchange ex) {
        Principal p = kioskStaff(ex);
        KioskViewings.Viewing v = viewings.end(ex.pathParam("id"), p.username());
        Map<String, String> d = new LinkedHashMap<>();
        d.put("request", v.number());
        d.put("staffPresent", p.username());
        d.put("openedAt", v.openedAt().toString());
        ctx.store().ledger().append(LedgerRecord.of("subject-request.view-end", ctx.clock().instant(), p.username(), d));
        return Reply.ok(Map.of("number", v.number(), "ended", true));
    }

    private Reply open(Exchange ex) {
        Principal p = ex.principal();
        if (!Permissions.mayPrepareMasking(p.account())) {
            ctx.countRefusal("kiosk");
            throw ApiException.forbidden(NOT_THE_MANAGER);
        }
        JsonNode b = Json.parseObject(ex.body());
        String number = Json.requiredString(b, "number", 3, 40);
        String code = Json.requiredString(b, "code", 4, 40);
        RequestWorkflow w = ctx.requests();
        if (!onKioskNetwork(ex)) {
            refuse(number, p, ex, "not a kiosk network");
            throw ApiException.forbidden("viewings are opened only at the kiosk (from " + ex.clientText() + " not allowed)");
        }
        List<CameraId> cameras = new ArrayList<>();
        SubjectRequest r;
        try {
            r = w.useKioskCode(number, code, p.username(), req -> {
                cameras.addAll(masking.releasedCameras(req.number()));
                if (cameras.isEmpty()) {
                    refuse(number, p, ex, "no masked copy released yet (the code was not used)");
                    throw ApiException.keyed(io.netty.handler.codec.http.HttpResponseStatus.CONFLICT, "masking-refused",
                            "masking.refused.kiosk-nothing-released", Map.of("number", number));
                }
            });
        } catch (RequestException e) {
            refuse(number, p, ex, e.getMessage());
            throw RequestsApi.translate(e);
        }
        Map<String, String> details = new LinkedHashMap<>();
        details.put("staffPresent", p.username());
        details.put("client", ex.clientText());
        details.put("maskedCameras", LedgerRecord.cameraList(cameras));
        w.recordFulfilment(r.number(), "view", p.username(), "viewing at the kiosk opened, " + p.username() + " present",
                new LedgerRecord("subject-request.view", Instant.EPOCH, RequestWorkflow.subjectOf(r), LedgerRecord.cameraList(r.cameras()),
                        r.from(), r.to(), "subject request " + r.number() + ": view", RequestWorkflow.subjectOf(r),
                        "PIPA Art. 35; video policy Art. 6", "viewing at the kiosk (masked, no download)", null, details));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("number", r.number());
        out.put("cameras", r.cameras());
        out.put("from", r.from().toString());
        out.put("to", r.to().toString());
        out.put("staffPresent", p.username());
        KioskViewings.Viewing v = viewings.open(r.number(), cameras, p.username());
        out.put("viewing", v.id());
        out.put("endsAt", v.endsAt().toString());
        List<Map<String, String>> videos = new ArrayList<>();
        for (CameraId c : cameras) videos.add(Map.of("camera", c.value(), "video", "/api/v1/kiosk/viewings/" + v.id() + "/video/" + c));
        out.put("videos", videos);
        return Reply.ok(out);
    }

    private void refuse(String number, Principal p, Exchange ex, String why) {
        ctx.countRefusal("kiosk");
        Map<String, String> d = new LinkedHashMap<>();
        d.put("request", number);
        d.put("reason", why);
        d.put("client", ex.clientText());
        ctx.refusals().append(io.vigil.gateway.refusals.RefusalSource.user(p.username(), ex.clientText()),
                LedgerRecord.of("subject-request.kiosk-refused", ctx.clock().instant(), p.username(), d));
    }
}
