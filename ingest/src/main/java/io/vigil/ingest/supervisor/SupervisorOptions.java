package io.vigil.ingest.supervisor;

import java.time.Duration;

/**
 * Tuning of the supervisor; the defaults suit IP cameras on a hospital LAN.
 *
 * @param stallTimeout   no RTP for this long marks a camera STALLED and restarts its session
 * @param backoffInitial first reconnect delay
 * @param backoffMax     cap of the exponential backoff
 * @param connectTimeout TCP connect timeout per attempt
 * @param requestTimeout timeout of each RTSP request
 * @param eventLoops     Netty event loops for all cameras (0: two per core)
 */
public record SupervisorOptions(Duration stallTimeout, Duration backoffInitial, Duration backoffMax,
                                Duration connectTimeout, Duration requestTimeout, int eventLoops) {
    public static final SupervisorOptions DEFAULT = new SupervisorOptions(Duration.ofSeconds(10), Duration.ofSeconds(1),
            Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofSeconds(10), 0);
}
