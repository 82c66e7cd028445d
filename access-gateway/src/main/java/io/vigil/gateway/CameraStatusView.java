package io.vigil.gateway;

import java.time.Instant;

/**
 * What the gateway shows about a camera's live state. The server adapts ingest's
 * recorder states to this, so the gateway never depends on ingest.
 *
 * @param state       e.g. "RECORDING", "RECONNECTING", "DOWN"
 * @param reason      why it is not recording, or null
 * @param lastFrameAt when the last frame arrived, or null when never
 */
public record CameraStatusView(String state, String reason, Instant lastFrameAt) {}
