package io.vigil.ingest.rtsp.server;

import io.vigil.ingest.rtsp.codec.FrameLimits;

import java.time.Duration;

/**
 * @param allowBasic     accept HTTP Basic credentials from publishers (the password then
 *                       crosses the network in the clear; Digest is always offered first)
 * @param sessionTimeout a session without any RTSP message or RTP for this long is closed;
 *                       announced to clients in the Session header
 * @param limits         framing limits per connection
 */
public record RtspServerOptions(boolean allowBasic, Duration sessionTimeout, FrameLimits limits) {
    public static final RtspServerOptions DEFAULT = new RtspServerOptions(false, Duration.ofSeconds(60), FrameLimits.DEFAULT);
}
