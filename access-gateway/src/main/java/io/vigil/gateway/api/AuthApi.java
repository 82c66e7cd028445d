package io.vigil.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.vigil.gateway.GatewayContext;
import io.vigil.gateway.Principal;
import io.vigil.gateway.accounts.Account;
import io.vigil.gateway.accounts.LoginRefusedException;
import io.vigil.gateway.accounts.Session;
import io.vigil.gateway.accounts.SessionService;
import io.vigil.gateway.grants.Permissions;
import io.vigil.gateway.http.ApiException;
import io.vigil.gateway.http.Exchange;
import io.vigil.gateway.http.Json;
import io.vigil.gateway.http.Reply;
import io.vigil.gateway.http.Router;
import io.vigil.gateway.refusals.RefusalSource;
import io.vigil.storage.LedgerEventType;
import io.vigil.storage.LedgerRecord;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Login, logout, "who am I", and the guard run before every route: session cookie,
 * account still valid, client network allowed for the role, CSRF token on every
 * non-GET request.
 */
public final class AuthApi implements Router.Guard {
    public static final String COOKIE = "vigil_session";
    public static final String CSRF_HEADER = "X-CSRF-Token";
    /** Sent by a page's own timed refreshes: they are no sign of a person at the screen. */
    public static final String BACKGROUND_HEADER = "X-Vigil-Background";

    private final GatewayContext ctx;

    public AuthApi(GatewayContext ctx) {
        this.ctx = ctx;
    }

    public void register(Router r) {
        r.add(HttpMethod.POST, "/api/v1/login", Router.Access.PUBLIC, this::login);
        r.add(HttpMethod.POST, "/api/v1/logout", Router.Access.SESSION, this::logout);
        r.add(HttpMethod.GET, "/api/v1/me", Router.Access.SESSION, this::me);
    }

    @Override
    public void check(Exchange ex, Router.Route route) {
        switch (route.access()) {
            case PUBLIC -> { }
            case SESSION -> requireSession(ex, route);
            case SESSION_OR_MONITORING -> {
                if (ctx.monitoringAllowed(ex.client())) return;
                Principal p = requireSession(ex, route);
                if (!Permissions.mayMonitor(p.account())) {
                    ctx.countRefusal("monitoring");
                    throw ApiException.forbidden("only administrators or the monitoring networks may read " + ex.rawPath());
                }
            }
        }
    }

    /** The live wall's WebSocket upgrade passes the same guard as a GET route (sign-in, network, password). */
    private static final Router.Route LIVE_SOCKET = new Router.Route(HttpMethod.GET, io.vigil.gateway.live.LiveUpgrade.PATH,
            null, java.util.List.of(), Router.Access.SESSION, null);

    /** The signed-in account of a request that is not routed (the WebSocket upgrade), or throws. */
    public io.vigil.gateway.accounts.Account signedIn(Exchange ex) {
        return requireSession(ex, LIVE_SOCKET).account();
    }

    /** All a user signed in with a one-time password may do before choosing their own. */
    private static final java.util.Set<String> MAY_WITH_ONE_TIME_PASSWORD = java.util.Set.of(
            "GET /api/v1/me", "POST /api/v1/logout", "POST /api/v1/me/password");

    private Principal requireSession(Exchange ex, Router.Route route) {
        boolean background = "1".equals(ex.header(BACKGROUND_HEADER));
        Optional<Session> s = ctx.sessions().resolve(ex.cookie(COOKIE), !background);
        if (s.isEmpty()) {
            ctx.countRefusal("no-session");
            throw ApiException.keyed(HttpResponseStatus.UNAUTHORIZED, "unauthorized", "error.session.none", Map.of());
        }
        Optional<Account> a = ctx.accounts().find(s.get().username());
        if (a.isEmpty() || a.get().disabled()) {
            ctx.sessions().delete(s.get());
            throw ApiException.keyed(HttpResponseStatus.UNAUTHORIZED, "unauthorized", "error.session.account-gone", Map.of());
        }
        if (!ctx.networkAllowed(a.get().role(), ex.client())) {
            ctx.countRefusal("network");
            throw ApiException.keyed(HttpResponseStatus.FORBIDDEN, "forbidden", "error.network.role",
                    Map.of("role", a.get().role().configName(), "client", ex.clientText()));
        }
        Principal p = new Principal(s.get(), a.get());
        if (a.get().mustChangePassword() && !MAY_WITH_ONE_TIME_PASSWORD.contains(route.method() + " " + route.template())) {
            ctx.countRefusal("must-change-password");
            throw ApiException.keyed(HttpResponseStatus.FORBIDDEN, "password-change-required", "error.password.mustChange", Map.of());
        }
        if (!ex.method().equals(HttpMethod.GET) && !ex.method().equals(HttpMethod.HEAD)
                && !SessionService.csrfMatches(s.get(), ex.header(CSRF_HEADER))) {
            ctx.countRefusal("csrf");
            ctx.refusals().append(RefusalSource.user(p.username(), ex.clientText()), LedgerRecord.of(LedgerEventType.REQUEST_REFUSED, ctx.clock().instant(), p.username(),
                    Map.of("reason", ex.header(CSRF_HEADER) == null ? "missing CSRF token" : "wrong CSRF token",
                            "request", ex.method() + " " + ex.rawPath(), "client", ex.clientText())));
            throw new ApiException(HttpResponseStatus.FORBIDDEN, "csrf", "missing or wrong " + CSRF_HEADER + " header");
        }
        ex.principal(p);
        return p;
    }

    private Reply login(Exchange ex) {
        refuseCrossSiteLogin(ex);
        JsonNode body = Json.parseObject(ex.body());
        String username = Json.requiredString(body, "username", 1, 64);
        String password = Json.requiredString(body, "password", 1, 1024);
        String client = ex.clientText();
        Account a;
        try {
            a = ctx.accounts().authenticate(username, password.toCharArray(), client,
                    role -> ctx.networkAllowed(role, ex.client()));
        } catch (LoginRefusedException e) {
            if (e.reason() == LoginRefusedException.Reason.LOCKED) {
                ctx.countRefusal("login-locked");
                long secs = Math.max(1, e.retryAfter().toSeconds());
                throw ApiException.keyed(HttpResponseStatus.TOO_MANY_REQUESTS, "locked", "error.login.locked", Map.of("seconds", secs))
                        .withHeaders(Map.of("Retry-After", Long.toString(secs)));
            }
            if (e.reason() == LoginRefusedException.Reason.NETWORK) {
                // Checked before the password: the same answer whether it was right or not.
                ctx.countRefusal("login-network");
                ctx.refusals().append(RefusalSource.address(client), LedgerRecord.of(LedgerEventType.LOGIN_REFUSED, ctx.clock().instant(), username,
                        Map.of("reason", e.getMessage(), "client", client)));
                throw ApiException.keyed(HttpResponseStatus.FORBIDDEN, "forbidden", "error.login.network", Map.of("client", client));
            }
            ctx.countRefusal("login-failed");
            Map<String, String> d = new LinkedHashMap<>();
            d.put("client", client);
            d.put("failures", Integer.toString(ctx.accounts().throttle().failures(username)));
            if (!e.retryAfter().isZero()) d.put("lockedForSeconds", Long.toString(e.retryAfter().toSeconds()));
            ctx.refusals().append(RefusalSource.address(client), LedgerRecord.of(e.retryAfter().isZero() ? LedgerEventType.LOGIN_FAILED : LedgerEventType.LOGIN_LOCKED,
                    ctx.clock().instant(), username, d));
            throw ApiException.keyed(HttpResponseStatus.UNAUTHORIZED, "unauthorized", "error.login.wrong", Map.of());
        }
        // Whatever session cookie came with the request is dropped: a new id every login (no fixation).
        ctx.sessions().resolve(ex.cookie(COOKIE)).ifPresent(ctx.sessions()::delete);
        Map.Entry<String, Session> created = ctx.sessions().create(a.username(), client);
        ctx.store().ledger().append(LedgerRecord.of(LedgerEventType.LOGIN, ctx.clock().instant(), a.username(), Map.of("client", client)));
        Reply reply = Reply.ok(meBody(a, created.getValue()))
                .header("Set-Cookie", COOKIE + "=" + created.getKey() + "; Path=/; HttpOnly; Secure; SameSite=Strict");
        // The account's language follows the user to any computer they sign in at.
        if (a.language() != null) reply.addHeader("Set-Cookie", io.vigil.gateway.i18n.LanguageChoice.cookie(a.language()));
        return reply;
    }

    /**
     * Login has no CSRF token yet, so a cross-site page could try to log a victim's browser
     * into another account. Refused two ways: the body must be declared JSON (an HTML form
     * cannot send that without a CORS preflight, which the gateway never grants), and an
     * Origin header, when sent, must be this server's.
     */
    private void refuseCrossSiteLogin(Exchange ex) {
        String type = ex.header("Content-Type");
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            throw new ApiException(HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type",
                    "Content-Type: the login body must be sent as application/json");
        }
        String origin = ex.header("Origin");
        if (origin == null) return;
        String host = ex.header("Host");
        String authority;
        try {
            authority = java.net.URI.create(origin).getRawAuthority();
        } catch (IllegalArgumentException e) {
            authority = null;
        }
        if (authority == null || host == null || !authority.equalsIgnoreCase(host)) {
            ctx.countRefusal("cross-origin");
            throw ApiException.forbidden("Origin " + origin + " is not this server");
        }
    }

    private Reply logout(Exchange ex) {
        Principal p = ex.principal();
        ctx.sessions().delete(p.session());
        ctx.live().endAllOf(p.username(), io.vigil.gateway.live.EndReason.SIGNED_OUT);
        ctx.store().ledger().append(LedgerRecord.of(LedgerEventType.LOGOUT, ctx.clock().instant(), p.username(), Map.of("client", ex.clientText())));
        return Reply.ok(Map.of("loggedOut", true))
                .header("Set-Cookie", COOKIE + "=; Path=/; Max-Age=0; HttpOnly; Secure; SameSite=Strict");
    }

    private Reply me(Exchange ex) {
        Principal p = ex.principal();
        return Reply.ok(meBody(p.account(), p.session()));
    }

    private Map<String, Object> meBody(Account a, Session s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("user", a.username());
        m.put("role", a.role().configName());
        m.put("cameras", a.cameras());
        m.put("csrfToken", s.csrfToken());
        m.put("site", ctx.config().site());
        m.put("mustChangePassword", a.mustChangePassword());
        m.put("idleTimeoutSeconds", ctx.sessions().idle().toSeconds());
        m.put("idleRemainingSeconds", ctx.sessions().idleRemaining(s).toSeconds());
        if (a.language() != null) m.put("language", a.language());
        return m;
    }
}
