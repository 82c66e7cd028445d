package io.vigil.gateway.i18n;

import io.vigil.config.SiteSettings;

/**
 * Which language a request is answered in: the user's choice (the {@value #COOKIE}
 * cookie, set when they pick a language and at sign-in from their account), else the
 * site's default from the config. The browser's Accept-Language is deliberately not
 * used: a hospital's shared computers often run an English system for a Korean staff.
 *
 * <p>It reads the request through {@link Request}, which the HTTP package's exchange
 * implements: i18n names nothing of the HTTP package, so the dependency points one way
 * (http formats its errors through i18n's bundles).
 */
public final class LanguageChoice {
    public static final String COOKIE = "vigil_lang";

    private LanguageChoice() {}

    /** What the choice needs of a request: a query parameter and a cookie. */
    public interface Request {
        String queryParam(String name);

        String cookie(String name);
    }

    public static String of(Request ex, SiteSettings site) {
        String asked = ex.queryParam("lang");
        if (asked != null && SiteSettings.LANGUAGES.contains(asked)) return asked;
        String chosen = ex.cookie(COOKIE);
        if (chosen != null && SiteSettings.LANGUAGES.contains(chosen)) return chosen;
        return site.language();
    }

    /** The Set-Cookie value remembering a choice for a year (readable by the pages; it is no secret). */
    public static String cookie(String language) {
        return COOKIE + "=" + language + "; Path=/; Max-Age=31536000; Secure; SameSite=Strict";
    }
}
