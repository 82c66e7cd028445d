package io.vigil.gateway.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.vigil.config.SiteSettings;
import io.vigil.gateway.GatewayContext;
import io.vigil.gateway.http.ApiException;
import io.vigil.gateway.http.Exchange;
import io.vigil.gateway.http.Json;
import io.vigil.gateway.http.Reply;
import io.vigil.gateway.http.Router;
import io.vigil.gateway.i18n.LanguageChoice;
import io.vigil.gateway.i18n.Messages;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The pages' words and clock: {@code GET /api/v1/i18n} answers the bundle of the
 * request's language with the site's time zone (no sign-in: the login and policy pages
 * need it too); {@code POST /api/v1/language} remembers a user's choice in a cookie
 * (and, for a signed-in user, with the account).
 */
public final class I18nApi {
    private final GatewayContext ctx;

    public I18nApi(GatewayContext ctx) {
        this.ctx = ctx;
    }

    public void register(Router r) {
        r.add(HttpMethod.GET, "/api/v1/i18n", Router.Access.PUBLIC, this::bundle);
        r.add(HttpMethod.POST, "/api/v1/language", Router.Access.PUBLIC, this::choose);
    }

    private Reply bundle(Exchange ex) {
        SiteSettings site = ctx.config().settings();
        String lang = LanguageChoice.of(ex, site);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("language", lang);
        m.put("languages", SiteSettings.LANGUAGES);
        m.put("siteLanguage", site.language());
        m.put("timeZone", site.timeZone().getId());
        m.put("site", ctx.config().site());
        m.put("messages", Messages.get().bundle(lang));
        return Reply.ok(m);
    }

    private Reply choose(Exchange ex) {
        String type = ex.header("Content-Type");
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            throw new ApiException(HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type",
                    "Content-Type: the body must be sent as application/json");
        }
        JsonNode body = Json.parseObject(ex.body());
        String lang = Json.requiredString(body, "language", 2, 2);
        if (!SiteSettings.LANGUAGES.contains(lang)) {
            throw ApiException.keyed(HttpResponseStatus.BAD_REQUEST, "bad-request", "error.language.unknown",
                    Map.of("language", lang, "valid", String.join(", ", SiteSettings.LANGUAGES)));
        }
        // Signed in: the choice goes with the account too (not required: the login page has no session).
        ctx.sessions().resolve(ex.cookie(AuthApi.COOKIE))
                .ifPresent(s -> ctx.administration().setLanguage(s.username(), lang));
        return Reply.ok(Map.of("language", lang)).header("Set-Cookie", LanguageChoice.cookie(lang));
    }
}
