package io.vigil.gateway.api;

import io.vigil.config.CameraId;
import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.vigil.config.Role;
import io.vigil.gateway.GatewayContext;
import io.vigil.gateway.Principal;
import io.vigil.gateway.accounts.Account;
import io.vigil.gateway.accounts.AccountChangeRefused;
import io.vigil.gateway.grants.Permissions;
import io.vigil.gateway.http.ApiException;
import io.vigil.gateway.http.Exchange;
import io.vigil.gateway.http.Json;
import io.vigil.gateway.http.Reply;
import io.vigil.gateway.http.Router;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Account administration over HTTP (administrators; approving cameras: privacy
 * officers). The work and its ledger entries are {@link io.vigil.gateway.accounts.AccountAdministration}'s.
 */
public final class UsersApi {
    private final GatewayContext ctx;

    public UsersApi(GatewayContext ctx) {
        this.ctx = ctx;
    }

    public void register(Router r) {
        r.add(HttpMethod.GET, "/api/v1/users", Router.Access.SESSION, this::list);
        r.add(HttpMethod.POST, "/api/v1/users", Router.Access.SESSION, this::add);
        r.add(HttpMethod.POST, "/api/v1/users/{name}/disable", Router.Access.SESSION, ex -> simple(ex, () ->
                ctx.administration().disable(admin(ex).username(), ex.pathParam("name"), ex.clientText())));
        r.add(HttpMethod.POST, "/api/v1/users/{name}/enable", Router.Access.SESSION, ex -> simple(ex, () ->
                ctx.administration().enable(admin(ex).username(), ex.pathParam("name"), ex.clientText())));
        r.add(HttpMethod.DELETE, "/api/v1/users/{name}", Router.Access.SESSION, this::remove);
        r.add(HttpMethod.POST, "/api/v1/users/{name}/password-reset", Router.Access.SESSION, this::resetPassword);
        r.add(HttpMethod.PUT, "/api/v1/users/{name}/cameras", Router.Access.SESSION, this::setCameras);
        r.add(HttpMethod.GET, "/api/v1/camera-proposals", Router.Access.SESSION, this::proposals);
        r.add(HttpMethod.POST, "/api/v1/users/{name}/cameras/approve", Router.Access.SESSION, this::approve);
        r.add(HttpMethod.POST, "/api/v1/users/{name}/cameras/reject", Router.Access.SESSION, this::reject);
        r.add(HttpMethod.POST, "/api/v1/me/password", Router.Access.SESSION, this::changeOwnPassword);
    }

    private Principal admin(Exchange ex) {
        Principal p = ex.principal();
        if (!Permissions.mayManageUsers(p.account())) {
            ctx.countRefusal("users");
            throw ApiException.keyed(HttpResponseStatus.FORBIDDEN, "forbidden", "error.users.adminOnly", Map.of());
        }
        return p;
    }

    private Reply list(Exchange ex) {
        admin(ex);
        List<Map<String, Object>> out = new ArrayList<>();
        for (Account a : ctx.accounts().list()) out.add(userBody(a));
        return Reply.ok(out);
    }

    private Reply add(Exchange ex) {
        Principal p = admin(ex);
        JsonNode body = Json.parseObject(ex.body());
        String username = Json.requiredString(body, "username", 2, 64);
        Role role = role(Json.requiredString(body, "role", 1, 40));
        String password = Json.requiredString(body, "password", 1, 1024);
        List<CameraId> cameras = cameras(body, false);
        Account a = refusedAsApi(() -> ctx.administration().add(p.username(), username, role, cameras, password.toCharArray(), ex.clientText()));
        return Reply.json(HttpResponseStatus.CREATED, userBody(a));
    }

    private Reply remove(Exchange ex) {
        Principal p = admin(ex);
        String name = ex.pathParam("name");
        refusedAsApi(() -> {
            ctx.administration().remove(p.username(), name, ex.clientText());
            return null;
        });
        return Reply.ok(Map.of("removed", name));
    }

    private Reply resetPassword(Exchange ex) {
        Principal p = admin(ex);
        String name = ex.pathParam("name");
        String otp = refusedAsApi(() -> ctx.administration().resetPassword(p.username(), name, ex.clientText()));
        // Shown once to the administrator, who hands it over; the user must replace it at sign-in.
        return Reply.ok(Map.of("user", name, "oneTimePassword", otp));
    }

    private Reply setCameras(Exchange ex) {
        Principal p = admin(ex);
        JsonNode body = Json.parseObject(ex.body());
        List<CameraId> cameras = cameras(body, true);
        Account a = refusedAsApi(() -> ctx.administration().setCameras(p.username(), ex.pathParam("name"), cameras, ex.clientText()));
        return Reply.ok(userBody(a));
    }

    private Reply proposals(Exchange ex) {
        Principal p = ex.principal();
        if (!Permissions.mayReviewCameraProposals(p.account())) {
            ctx.countRefusal("camera-proposals");
            throw ApiException.keyed(HttpResponseStatus.FORBIDDEN, "forbidden", "error.users.proposalsRole", Map.of());
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (Account a : ctx.accounts().list()) if (a.proposal() != null) out.add(userBody(a));
        return Reply.ok(out);
    }

    private Reply approve(Exchange ex) {
        Principal p = ex.principal();
        if (!Permissions.mayApproveCameras(p.account())) {
            ctx.countRefusal("camera-approve");
            throw ApiException.keyed(HttpResponseStatus.FORBIDDEN, "forbidden", "account.error.approveRole", Map.of());
        }
        Account a = refusedAsApi(() -> ctx.administration().approveCameras(p.username(), p.account().role(), ex.pathParam("name"), ex.clientText()));
        return Reply.ok(userBody(a));
    }

    private Reply reject(Exchange ex) {
        Principal p = ex.principal();
        if (!Permissions.mayReviewCameraProposals(p.account())) {
            ctx.countRefusal("camera-reject");
            throw ApiException.keyed(HttpResponseStatus.FORBIDDEN, "forbidden", "error.users.proposalsRole", Map.of());
        }
        JsonNode body = ex.body().length == 0 ? Json.MAPPER.createObjectNode() : Json.parseObject(ex.body());
        String reason = Json.optionalString(body, "reason", 500);
        Account a = refusedAsApi(() -> ctx.administration().rejectCameras(p.username(), ex.pathParam("name"), reason, ex.clientText()));
        return Reply.ok(userBody(a));
    }

    private Reply changeOwnPassword(Exchange ex) {
        Principal p = ex.principal();
        JsonNode body = Json.parseObject(ex.body());
        String current = Json.requiredString(body, "currentPassword", 1, 1024);
        String next = Json.requiredString(body, "newPassword", 1, 1024);
        refusedAsApi(() -> ctx.administration().changeOwnPassword(p.username(), current.toCharArray(), next.toCharArray(), ex.clientText()));
        return Reply.ok(Map.of("changed", true));
    }

    private Reply simple(Exchange ex, Supplier<Account> change) {
        return Reply.ok(userBody(refusedAsApi(change)));
    }

    /**
     * The body's camera ids, checked here where they enter: a malformed one is refused with
     * the words of an unknown one ({@code account.error.noCamera}), as no camera has such an id;
     * whether each is configured is {@link io.vigil.gateway.accounts.AccountAdministration}'s check.
     */
    private static List<CameraId> cameras(JsonNode body, boolean required) {
        List<CameraId> out = new ArrayList<>();
        for (String c : Json.stringList(body, "cameras", required)) {
            if (!CameraId.isValid(c)) {
                throw ApiException.keyed(HttpResponseStatus.BAD_REQUEST, "bad-request", "account.error.noCamera", Map.of("camera", c));
            }
            out.add(CameraId.of(c));
        }
        return out;
    }

    private static Role role(String name) {
        try {
            return Role.fromConfigName(name);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("role", e.getMessage());
        }
    }

    /** An account change's refusal as the API's error, its words keyed for the user's language. */
    static <T> T refusedAsApi(Supplier<T> change) {
        try {
            return change.get();
        } catch (AccountChangeRefused e) {
            HttpResponseStatus status = switch (e.kind()) {
                case INVALID -> HttpResponseStatus.BAD_REQUEST;
                case NOT_FOUND -> HttpResponseStatus.NOT_FOUND;
                case CONFLICT -> HttpResponseStatus.CONFLICT;
                case FORBIDDEN -> HttpResponseStatus.FORBIDDEN;
            };
            String code = switch (e.kind()) {
                case INVALID -> "bad-request";
                case NOT_FOUND -> "not-found";
                case CONFLICT -> "conflict";
                case FORBIDDEN -> "forbidden";
            };
            throw ApiException.keyed(status, code, e.key(), e.params());
        }
    }

    private Map<String, Object> userBody(Account a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("username", a.username());
        m.put("role", a.role().configName());
        m.put("cameras", a.cameras());
        m.put("createdAt", a.createdAt().toString());
        m.put("disabled", a.disabled());
        m.put("mustChangePassword", a.mustChangePassword());
        m.put("failedLogins", ctx.accounts().throttle().failures(a.username()));
        if (a.proposal() != null) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("cameras", a.proposal().cameras());
            p.put("proposedBy", a.proposal().proposedBy());
            p.put("proposedAt", a.proposal().proposedAt().toString());
            m.put("proposal", p);
        }
        return m;
    }
}
