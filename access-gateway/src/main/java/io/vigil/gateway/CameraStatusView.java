package io.vigil.gateway;

import java.time.Instant;
import java.util.Map;

/**
 * What the gateway shows about a camera's live state. The server adapts ingest's
 * recorder states to this, so the gateway never depends on ingest.
 *
 * @param state       e.g. "RECORDING", "CONNECTING", "FAILED"
 * @param reason      why it is in that state in English words (the log's), or null
 * @param lastFrameAt when the last frame arrived, or null when never
 * @param reasonCode  the reason as a key of the bundles ({@code camera.reason.*}), or null when it has none
 * @param reasonArgs  the key's arguments (names ending in {@code At} hold ISO instants)
 */
public record CameraStatusView(String state, String reason, Instant lastFrameAt, String reasonCode, Map<String, String> reasonArgs) {
    public CameraStatusView {
        reasonArgs = reasonArgs == null ? Map.of() : Map.copyOf(reasonArgs);
    }

    /** A state whose reason comes in words only (tests, older adapters). */
    public CameraStatusView(String state, String reason, Instant lastFrameAt) {
        this(state, reason, lastFrameAt, null, Map.of());
    }

    /**
     * The reason as the pages word it: its code when the bundles know it, else its English
     * words as they are; null when there is no reason.
     */
    public HealthReport.Problem reasonInWords() {
        if (reasonCode != null && io.vigil.gateway.i18n.Messages.get().has(reasonCode)) {
            return new HealthReport.Problem(reasonCode, reasonArgs);
        }
        return reason == null ? null : HealthReport.text(reason);
    }
}
