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
 * @param holdMaximumYears how far ahead of now a legal hold may expire (default 5 years); a
 *                         longer hold must be extended again later, so a typo or a forged
 *                         date cannot keep footage for centuries
 */
public record RetentionConfig(int days, int legalMaximumDays, Duration purgeInterval, long minFreeBytes, int holdMaximumYears) {
    public static final int DEFAULT_HOLD_MAXIMUM_YEARS = 5;
    public static final int MAX_HOLD_MAXIMUM_YEARS = 10;

    /** Retention with the default hold maximum. */
    public RetentionConfig(int days, int legalMaximumDays, Duration purgeInterval, long minFreeBytes) {
        this(days, legalMaximumDays, purgeInterval, minFreeBytes, DEFAULT_HOLD_MAXIMUM_YEARS);
    }

    public Duration retention() {
        return Duration.ofDays(days);
    }

    /** The latest expiry a hold placed or extended at {@code now} may have: the same calendar day (UTC) {@code holdMaximumYears} later. */
    public java.time.Instant holdLimit(java.time.Instant now) {
        return now.atOffset(java.time.ZoneOffset.UTC).plusYears(holdMaximumYears).toInstant();
    }
}
