package io.vigil.config;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

/**
 * How the site speaks to its users: the default language of its pages and messages
 * (each user may choose another) and the time zone every date and time is shown in.
 *
 * @param language         the site's default language, one of {@link #LANGUAGES}
 * @param timeZone         the zone of every date and time shown (pages, CSV, reports)
 * @param idleTimeout      a session without user activity ends after this (background refreshes are no activity)
 * @param cameraDownAfter  a camera down longer than this makes /health degraded
 */
public record SiteSettings(String language, ZoneId timeZone, Duration idleTimeout, Duration cameraDownAfter) {
    /** The languages Vigil has bundles for; the first is the default. */
    public static final List<String> LANGUAGES = List.of("ko", "en");
    public static final ZoneId DEFAULT_TIME_ZONE = ZoneId.of("Asia/Seoul");
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(15);
    public static final Duration DEFAULT_CAMERA_DOWN_AFTER = Duration.ofMinutes(5);

    public SiteSettings {
        if (!LANGUAGES.contains(language)) throw new IllegalArgumentException("language " + language + " is not one of " + LANGUAGES);
        if (timeZone == null) throw new IllegalArgumentException("timeZone is required");
        if (idleTimeout == null) idleTimeout = DEFAULT_IDLE_TIMEOUT;
        if (cameraDownAfter == null) cameraDownAfter = DEFAULT_CAMERA_DOWN_AFTER;
    }

    public SiteSettings(String language, ZoneId timeZone) {
        this(language, timeZone, DEFAULT_IDLE_TIMEOUT, DEFAULT_CAMERA_DOWN_AFTER);
    }

    public SiteSettings withIdleTimeout(Duration d) {
        return new SiteSettings(language, timeZone, d, cameraDownAfter);
    }

    public SiteSettings withCameraDownAfter(Duration d) {
        return new SiteSettings(language, timeZone, idleTimeout, d);
    }

    /** Korean, Asia/Seoul: the hospital this was built for. */
    public static SiteSettings defaults() {
        return new SiteSettings(LANGUAGES.get(0), DEFAULT_TIME_ZONE);
    }
}
