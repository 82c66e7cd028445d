package io.vigil.config;

import java.time.Duration;

/**
 * How long footage is kept and how the purge runs.
 *
 * @param days             retention from filming, in days (default 14)
 * @param legalMaximumDays the legal/policy maximum; {@code days} may not exceed it
 * @param purgeInterval    how often the purge runs (default 10 minutes)
 * @param minFreeBytes     free-space floor of the data directory's file system; below it the
 *                         oldest unheld footage is erased early so recording never stops
 */
public record RetentionConfig(int days, int legalMaximumDays, Duration purgeInterval, long minFreeBytes) {
    public Duration retention() {
        return Duration.ofDays(days);
    }
}
