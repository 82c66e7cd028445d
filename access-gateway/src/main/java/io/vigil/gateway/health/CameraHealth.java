package io.vigil.gateway.health;

import io.vigil.gateway.HealthReport;
import io.vigil.config.CameraConfig;
import io.vigil.config.VigilConfig;
import io.vigil.gateway.CameraStatusProvider;
import io.vigil.gateway.CameraStatusView;
import io.vigil.gateway.HealthStatus;
import io.vigil.gateway.i18n.Messages;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cameras' part of {@code /health}: every configured camera's state, and DEGRADED when
 * one has not been recording for longer than {@code health.cameraDownAfter}. A camera is
 * down from its last frame, or from the server's start when it never sent one; a short
 * reconnect (shorter than the limit) is no reason to wake an operator.
 */
public final class CameraHealth {
    static final String RECORDING = "RECORDING";

    private final VigilConfig config;
    private final CameraStatusProvider provider;
    private final Clock clock;
    private final Instant startedAt;

    public CameraHealth(VigilConfig config, CameraStatusProvider provider, Clock clock) {
        this.config = config;
        this.provider = provider;
        this.clock = clock;
        this.startedAt = clock.instant();
    }

    public HealthReport check() {
        Instant now = clock.instant();
        Duration limit = config.settings().cameraDownAfter();
        Map<String, CameraStatusView> states = provider.cameraStatus();
        List<Map<String, Object>> cameras = new ArrayList<>();
        List<HealthReport.Problem> problems = new ArrayList<>();
        int recording = 0;
        for (CameraConfig c : config.cameras()) {
            CameraStatusView s = states.get(c.id().value());
            String state = s == null ? "UNKNOWN" : s.state();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", c.id().value());
            row.put("name", c.name());
            row.put("location", c.location());
            row.put("state", state);
            // The reason as code and arguments for machines; /health words "reason" in the reader's language.
            HealthReport.Problem reason = s == null ? null : s.reasonInWords();
            row.put("reasonCode", s == null ? null : s.reasonCode());
            row.put("reasonArgs", s == null ? Map.of() : s.reasonArgs());
            row.put("reason", reason);
            row.put("lastFrameAt", s == null || s.lastFrameAt() == null ? null : s.lastFrameAt().toString());
            if (RECORDING.equals(state)) {
                recording++;
            } else {
                Instant since = s != null && s.lastFrameAt() != null ? s.lastFrameAt() : startedAt;
                Duration down = Duration.between(since, now);
                boolean over = down.compareTo(limit) > 0;
                row.put("downSince", since.toString());
                row.put("downSeconds", Math.max(0, down.toSeconds()));
                row.put("overLimit", over);
                if (over) {
                    Map<String, Object> p = new LinkedHashMap<>();
                    p.put("name", c.name());
                    p.put("id", c.id().value());
                    p.put("minutes", down.toMinutes());
                    p.put("reason", reason != null ? reason : stateInWords(state));
                    problems.add(new HealthReport.Problem("health.camera.down", p));
                }
            }
            cameras.add(row);
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("recording", recording);
        details.put("configured", config.cameras().size());
        details.put("downAfterSeconds", limit.toSeconds());
        details.put("cameras", cameras);
        return new HealthReport(problems.isEmpty() ? HealthStatus.UP : HealthStatus.DEGRADED, problems, details);
    }

    /** A camera without a reason (no state at all yet): its state in words. */
    private static HealthReport.Problem stateInWords(String state) {
        String key = "health.state." + state;
        return Messages.get().has(key) ? new HealthReport.Problem(key, Map.of()) : HealthReport.text(state);
    }
}
