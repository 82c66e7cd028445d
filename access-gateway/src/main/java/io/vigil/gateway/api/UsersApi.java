package io.vigil.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.vigil.config.Role;
import io.vigil.gateway.GatewayContext;
import io.vigil.gateway.Principal;
import io.vigil.gateway.accounts.Account;
import io.vigil.gateway.grants.Permissions;
import io.vigil.gateway.http.ApiException;
import io.vigil.gateway.http.Exchange;
import io.vigil.gateway.http.Json;
import io.vigil.gateway.http.Reply;
import io.vigil.gateway.http.Router;
import io.vigil.storage.LedgerRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** User administration (administrators only); adding a user is ledgered ({@code user.add}). */
public final class UsersApi {
    private final GatewayContext ctx;

    public UsersApi(GatewayContext ctx) {
        this.ctx = ctx;
    }

    public void register(Router r) {
        r.add(HttpMethod.GET, "/api/v1/users", Router.Access.SESSION, this::list);
        r.add(HttpMethod.POST, "/api/v1/users", Router.Access.SESSION, this::add);
    }

    private Principal requireAdmin(Exchange ex) {
        Principal p = ex.principal();
        if (!Permissions.mayManageUsers(p.account())) {
            ctx.countRefusal("users");
            throw ApiException.forbidden("only administrators manage users");
        }
        return p;
    }

    private Reply list(Exchange ex) {
        requireAdmin(ex);
        List<Map<String, Object>> out = new ArrayList<>();
        for (Account a : ctx.accounts().list()) out.add(userBody(a));
        return Reply.ok(out);
    }

    private Reply add(Exchange ex) {
        Principal p = requireAdmin(ex);
        JsonNode body = Json.parseObject(ex.body());
        String username = Json.requiredString(body, "username", 2, 64);
        String roleName = Json.requiredString(body, "role", 1, 40);
        Role role;
        try {
            role = Role.fromConfigName(roleName);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("role", e.getMessage());
        }
        List<String> cameras = Json.stringList(body, "cameras", false);
        for (String c : cameras) {
            if (ctx.config().camera(c) == null) throw ApiException.badRequest("cameras", "no camera '" + c + "'");
        }
        String password = Json.requiredString(body, "password", 1, 1024);
        Account a;
        try {
            a = ctx.accounts().addUser(username, role, cameras, password.toCharArray());
        } catch (IllegalArgumentException e) {
            String field = e.getMessage().startsWith("password") ? "password" : e.getMessage().startsWith("camera") ? "cameras" : "username";
            throw ApiException.badRequest(field, e.getMessage());
        }
        ctx.store().ledger().append(LedgerRecord.of("user.add", ctx.clock().instant(), p.username(),
                Map.of("user", a.username(), "role", a.role().configName(), "cameras", String.join(",", a.cameras()), "client", ex.clientText())));
        return Reply.json(HttpResponseStatus.CREATED, userBody(a));
    }

    private Map<String, Object> userBody(Account a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("username", a.username());
        m.put("role", a.role().configName());
        m.put("cameras", a.cameras());
        m.put("createdAt", a.createdAt().toString());
        m.put("disabled", a.disabled());
        m.put("failedLogins", ctx.accounts().throttle().failures(a.username()));
        return m;
    }
}
