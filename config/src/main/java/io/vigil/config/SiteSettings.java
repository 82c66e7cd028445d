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
 * @param liveIdleTimeout  a live wall nobody touched for this long ends (YAML {@code live.idleTimeout})
 * @param liveShiftLength  a live wall ends this long after it opened; the next shift states its own purpose
 *                         (YAML {@code live.shiftLength})
 */
public record SiteSettings(String language, ZoneId timeZone, Duration idleTimeout, Duration cameraDownAfter,
                           Duration liveIdleTimeout, Duration liveShiftLength) {
    /** The languages Vigil has bundles for; the first is the default. */
    public static final List<String> LANGUAGES = List.of("ko", "en");
    public static final ZoneId DEFAULT_TIME_ZONE = ZoneId.of("Asia/Seoul");
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(15);
    public static final Duration DEFAULT_CAMERA_DOWN_AFTER = Duration.ofMinutes(5);
    /** The sign-in session's own idle limit: a wall left alone ends like a page left alone. */
    public static final Duration DEFAULT_LIVE_IDLE_TIMEOUT = Duration.ofMinutes(15);
    /** The usual hospital shift is 8 or 12 hours. */
    public static final Duration DEFAULT_LIVE_SHIFT_LENGTH = Duration.ofHours(12);

    public SiteSettings {
        if (!LANGUAGES.contains(language)) throw new IllegalArgumentException("language " + language + " is not one of " + LANGUAGES);
        if (timeZone == null) throw new IllegalArgumentException("timeZone is required");
        if (idleTimeout == null) idleTimeout = DEFAULT_IDLE_TIMEOUT;
        if (cameraDownAfter == null) cameraDownAfter = DEFAULT_CAMERA_DOWN_AFTER;
        if (liveIdleTimeout == null) liveIdleTimeout = DEFAULT_LIVE_IDLE_TIMEOUT;
        if (liveShiftLength == null) liveShiftLength = DEFAULT_LIVE_SHIFT_LENGTH;
    }

    public SiteSettings(String language, ZoneId timeZone, Duration idleTimeout, Duration cameraDownAfter) {
        this(language, timeZone, idleTimeout, cameraDownAfter, null, null);
    }

    public SiteSettings(String language, ZoneId timeZone) {
        this(language, timeZone, DEFAULT_IDLE_TIMEOUT, DEFAULT_CAMERA_DOWN_AFTER);
    }

    public SiteSettings withIdleTimeout(Duration d) {
        return new SiteSettings(language, timeZone, d, cameraDownAfter, liveIdleTimeout, liveShiftLength);
    }

    public SiteSettings withCameraDownAfter(Duration d) {
        return new SiteSettings(language, timeZone, idleTimeout, d, liveIdleTimeout, liveShiftLength);
    }

    /** The live wall's idle timeout and shift length (the YAML's {@code live:} block). */
    public SiteSettings withLive(Duration idle, Duration shift) {
        return new SiteSettings(language, timeZone, idleTimeout, cameraDownAfter, idle, shift);
    }

    /** Korean, Asia/Seoul: the hospital this was built for. */
    public static SiteSettings defaults() {
        return new SiteSettings(LANGUAGES.get(0), DEFAULT_TIME_ZONE);
    }
}
