package io.vigil.ingest.supervisor;

import io.vigil.config.CameraId;
import java.time.Instant;
import java.util.Map;

/**
 * What one camera's recorder is doing, for the health page and the operator.
 *
 * @param cameraId   the camera
 * @param state      see {@link State}
 * @param reason     in words: why it is in that state ("camera refused the credentials (401 on DESCRIBE); retrying in 8 s")
 * @param lastFrame  arrival time of the last RTP packet, or null if none yet
 * @param reconnects how many times the recorder had to start over since Vigil started
 * @param reasonCode the reason as a bundle key the gateway words in the reader's language ({@link CameraReason})
 * @param reasonArgs the key's arguments
 */
public record CameraState(CameraId cameraId, State state, String reason, Instant lastFrame, long reconnects,
                          String reasonCode, Map<String, String> reasonArgs) {
    public enum State {
        /** Connecting or negotiating with the camera. */
        CONNECTING,
        /** RTP is arriving and handed to the media side. */
        RECORDING,
        /** The session is up but no RTP arrived for the stall timeout. */
        STALLED,
        /** The last attempt failed; a reconnect is scheduled (reason says why and when). */
        FAILED,
        /** A push camera with no publisher connected. */
        IDLE
    }
}
