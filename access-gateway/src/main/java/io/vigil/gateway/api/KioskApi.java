package io.vigil.gateway.api;

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
import io.vigil.gateway.requests.RequestException;
import io.vigil.gateway.requests.RequestWorkflow;
import io.vigil.gateway.requests.SubjectRequest;
import io.vigil.storage.LedgerRecord;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /api/v1/kiosk/open}: the subject's viewing at the hospital's kiosk starts
 * with the one-time code the officer's approval issued, typed at a computer on a kiosk
 * network while a privacy manager or officer (the staff member present) is signed in.
 * The code works once, until it expires; every refusal is ledgered (without the code).
 */
public final class KioskApi {
    private final GatewayContext ctx;

    public KioskApi(GatewayContext ctx) {
        this.ctx = ctx;
    }

    public void register(Router r) {
        r.add(HttpMethod.POST, "/api/v1/kiosk/open", Router.Access.SESSION, this::open);
    }

    private Reply open(Exchange ex) {
        Principal p = ex.principal();
        if (!Permissions.mayHandleRequests(p.account())) {
            ctx.countRefusal("kiosk");
            throw ApiException.forbidden("a kiosk viewing is opened by the privacy manager or officer present with the subject");
        }
        JsonNode b = Json.parseObject(ex.body());
        String number = Json.requiredString(b, "number", 3, 40);
        String code = Json.requiredString(b, "code", 4, 40);
        RequestWorkflow w = ctx.requests();
        boolean kioskNetwork = w.settings().kioskNetworks().stream().anyMatch(n -> n.contains(ex.client()));
        if (!kioskNetwork) {
            refuse(number, p, ex, "not a kiosk network");
            throw ApiException.forbidden("viewings are opened only at the kiosk (from " + ex.clientText() + " not allowed)");
        }
        SubjectRequest r;
        try {
            r = w.useKioskCode(number, code, p.username());
        } catch (RequestException e) {
            refuse(number, p, ex, e.getMessage());
            throw RequestsApi.translate(e);
        }
        Map<String, String> details = new LinkedHashMap<>();
        details.put("staffPresent", p.username());
        details.put("client", ex.clientText());
        w.recordFulfilment(r.number(), "view", p.username(), "viewing at the kiosk opened, " + p.username() + " present",
                new LedgerRecord("subject-request.view", Instant.EPOCH, RequestWorkflow.subjectOf(r), String.join(",", r.cameras()),
                        r.from(), r.to(), "subject request " + r.number() + ": view", RequestWorkflow.subjectOf(r),
                        "PIPA Art. 35; video policy Art. 6", "viewing at the kiosk (masked, no download)", null, details));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("number", r.number());
        out.put("cameras", r.cameras());
        out.put("from", r.from().toString());
        out.put("to", r.to().toString());
        out.put("staffPresent", p.username());
        return Reply.ok(out);
    }

    private void refuse(String number, Principal p, Exchange ex, String why) {
        ctx.countRefusal("kiosk");
        Map<String, String> d = new LinkedHashMap<>();
        d.put("request", number);
        d.put("reason", why);
        d.put("client", ex.clientText());
        ctx.store().ledger().append(LedgerRecord.of("subject-request.kiosk-refused", ctx.clock().instant(), p.username(), d));
    }
}
