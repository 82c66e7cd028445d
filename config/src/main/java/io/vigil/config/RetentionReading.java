package io.vigil.config;

import java.time.Duration;

/** The {@code retention:} section: never longer than the law allows (policy Art. 4). */
final class RetentionReading {
    private RetentionReading() {}

    static RetentionConfig read(YamlMap r) {
        r.rejectUnknown(ConfigReading.ordered("days", "legalMaximumDays", "purgeInterval", "minFreeSpace", "holdMaximumYears"));
        int legalMax = r.integer("legalMaximumDays", ConfigDefaults.RETENTION_DAYS, 1, 3650);
        int days = r.integer("days", Math.min(ConfigDefaults.RETENTION_DAYS, legalMax), 1, 3650);
        if (days > legalMax) {
            r.problem(r.node("days"), r.field("days"), "config.retentionOverLegal", "days", days, "max", legalMax);
        }
        Duration interval = r.value("purgeInterval", false, ConfigDefaults.PURGE_INTERVAL, ValueParsers::duration);
        if (interval.compareTo(Duration.ofSeconds(1)) < 0 || interval.compareTo(Duration.ofHours(24)) > 0) {
            r.problem(r.node("purgeInterval"), r.field("purgeInterval"), "config.durationOutOfRange", "value", interval, "range", "1s..24h");
        }
        long minFree = r.value("minFreeSpace", false, ConfigDefaults.MIN_FREE_BYTES, ValueParsers::size);
        int holdYears = r.integer("holdMaximumYears", RetentionConfig.DEFAULT_HOLD_MAXIMUM_YEARS, 1, RetentionConfig.MAX_HOLD_MAXIMUM_YEARS);
        return new RetentionConfig(days, legalMax, interval, minFree, holdYears);
    }
}
