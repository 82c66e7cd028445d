package io.vigil.config;

import java.time.Duration;
import java.time.ZoneId;

/**
 * How the site speaks to its users and how long things may idle: {@code language},
 * {@code timeZone}, {@code access.idleTimeout}, {@code health.cameraDownAfter} and the
 * {@code live:} section, gathered in one {@link SiteSettings}.
 */
final class SiteSettingsReading {
    private SiteSettingsReading() {}

    /** @param access the {@code access:} section (its other keys are read by {@link ConfigReading}) */
    static SiteSettings read(YamlMap top, YamlMap access) {
        String language = top.value("language", false, SiteSettings.LANGUAGES.get(0), ValueParsers::language);
        ZoneId zone = top.value("timeZone", false, SiteSettings.DEFAULT_TIME_ZONE, ValueParsers::zone);
        Duration idle = access.value("idleTimeout", false, SiteSettings.DEFAULT_IDLE_TIMEOUT, ValueParsers::duration);
        if (idle.compareTo(Duration.ofMinutes(1)) < 0 || idle.compareTo(Duration.ofHours(8)) > 0) {
            access.problem(access.node("idleTimeout"), access.field("idleTimeout"), "config.secondsOutOfRange", "seconds", idle.toSeconds(), "range", "1m..8h");
        }
        SiteSettings settings = new SiteSettings(language, zone).withIdleTimeout(idle).withCameraDownAfter(cameraDownAfter(top.map("health", false)));
        return live(top.map("live", false), settings);
    }

    /** The live wall's limits (docs/live.md): how long it lasts without a touch, and at most. */
    private static SiteSettings live(YamlMap l, SiteSettings settings) {
        l.rejectUnknown(ConfigReading.ordered("idleTimeout", "shiftLength"));
        Duration idle = l.value("idleTimeout", false, SiteSettings.DEFAULT_LIVE_IDLE_TIMEOUT, ValueParsers::duration);
        if (idle.compareTo(Duration.ofMinutes(1)) < 0 || idle.compareTo(Duration.ofHours(8)) > 0) {
            l.problem(l.node("idleTimeout"), l.field("idleTimeout"), "config.secondsOutOfRange", "seconds", idle.toSeconds(), "range", "1m..8h");
        }
        Duration shift = l.value("shiftLength", false, SiteSettings.DEFAULT_LIVE_SHIFT_LENGTH, ValueParsers::duration);
        if (shift.compareTo(Duration.ofMinutes(30)) < 0 || shift.compareTo(Duration.ofHours(24)) > 0) {
            l.problem(l.node("shiftLength"), l.field("shiftLength"), "config.minutesOutOfRange", "minutes", shift.toMinutes(), "range", "30m..24h");
        } else if (shift.compareTo(idle) < 0) {
            l.problem(l.node("shiftLength"), l.field("shiftLength"), "config.shiftShorterThanIdle", "minutes", idle.toMinutes());
        }
        return settings.withLive(idle, shift);
    }

    /** How long a camera may be down before /health says DEGRADED: 30s..24h (shorter would page on every reconnect). */
    private static Duration cameraDownAfter(YamlMap health) {
        health.rejectUnknown(ConfigReading.ordered("cameraDownAfter"));
        Duration d = health.value("cameraDownAfter", false, SiteSettings.DEFAULT_CAMERA_DOWN_AFTER, ValueParsers::duration);
        if (d.compareTo(Duration.ofSeconds(30)) < 0 || d.compareTo(Duration.ofHours(24)) > 0) {
            health.problem(health.node("cameraDownAfter"), health.field("cameraDownAfter"),
                    "config.secondsOutOfRange", "seconds", d.toSeconds(), "range", "30s..24h");
            return SiteSettings.DEFAULT_CAMERA_DOWN_AFTER;
        }
        return d;
    }
}
