package io.vigil.config;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * What a setting is when the file leaves it out (README's configuration table lists the
 * same). The site's own defaults (language, time zone, timeouts) live in {@link SiteSettings},
 * the hold maximum in {@link RetentionConfig}, beside the types that carry them.
 */
final class ConfigDefaults {
    /** Policy Art. 4: footage is kept within 14 days from filming. */
    static final int RETENTION_DAYS = 14;
    static final Duration PURGE_INTERVAL = Duration.ofMinutes(10);
    static final Duration SEGMENT_DURATION = Duration.ofSeconds(2);
    static final long MIN_FREE_BYTES = 1_000_000_000L;
    /** The viewer listens on loopback unless told otherwise: nothing is exposed by accident. */
    static final InetSocketAddress HTTPS = new InetSocketAddress(InetAddress.getLoopbackAddress(), 8443);

    private ConfigDefaults() {}
}
