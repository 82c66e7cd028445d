package io.vigil.ingest.rtsp.server;

import io.vigil.ingest.stream.RtpSource;

/**
 * Makes the play session that serves a registered {@link RtpSource} to a player (DESCRIBE,
 * SETUP, PLAY). The simulator provides it ({@code io.vigil.ingest.sim.RtspPlaySession});
 * a server without one (Vigil's own, receiving pushes) serves no player.
 */
@FunctionalInterface
public interface PlaySessionFactory {
    RtspSessionHandler playSession(RtspServer server, RtpSource source);
}
