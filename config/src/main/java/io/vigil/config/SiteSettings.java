package io.vigil.config;

import java.time.ZoneId;
import java.util.List;

/**
 * How the site speaks to its users: the default language of its pages and messages
 * (each user may choose another) and the time zone every date and time is shown in.
 *
 * @param language the site's default language, one of {@link #LANGUAGES}
 * @param timeZone the zone of every date and time shown (pages, CSV, reports)
 */
public record SiteSettings(String language, ZoneId timeZone) {
    /** The languages Vigil has bundles for; the first is the default. */
    public static final List<String> LANGUAGES = List.of("ko", "en");
    public static final ZoneId DEFAULT_TIME_ZONE = ZoneId.of("Asia/Seoul");

    public SiteSettings {
        if (!LANGUAGES.contains(language)) throw new IllegalArgumentException("language " + language + " is not one of " + LANGUAGES);
        if (timeZone == null) throw new IllegalArgumentException("timeZone is required");
    }

    /** Korean, Asia/Seoul: the hospital this was built for. */
    public static SiteSettings defaults() {
        return new SiteSettings(LANGUAGES.get(0), DEFAULT_TIME_ZONE);
    }
}
