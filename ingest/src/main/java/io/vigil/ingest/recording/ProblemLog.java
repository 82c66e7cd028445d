package io.vigil.ingest.recording;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.vigil.config.CameraId;
import io.vigil.ingest.fmp4.ProblemReporter;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where one camera's bad input goes: a count under {@code vigil.ingest.problems{camera,kind}}
 * and a log line, the first of each kind per session at WARN, again at WARN at most every
 * {@link #REWARN} while it goes on (a session may last weeks), and repeats in between at
 * DEBUG, so a garbage stream cannot flood the log. Used on the session's thread.
 */
final class ProblemLog implements ProblemReporter {
    /** The recorder's log category: one place to follow a camera's recording. */
    private static final Logger log = LoggerFactory.getLogger(CameraRecorder.class);

    private final CameraId cameraId;
    private final MeterRegistry meters;
    private final Tags tags;
    private final ConcurrentHashMap<String, Counter> counters = new ConcurrentHashMap<>();
    /** How often a problem that goes on is logged at WARN again. */
    static final long REWARN = TimeUnit.MINUTES.toNanos(10);
    /** Per kind, when it was last logged at WARN in this session (monotonic). */
    private final Map<String, Long> warnedThisSession = new HashMap<>();

    ProblemLog(CameraId cameraId, MeterRegistry meters, Tags tags) {
        this.cameraId = cameraId;
        this.meters = meters;
        this.tags = tags;
    }

    /** A new session: the first problem of each kind is logged at WARN again. */
    void newSession() {
        warnedThisSession.clear();
    }

    @Override
    public void report(String kind, String message) {
        count(kind);
        if (warnNow(kind)) {
            log.warn("camera {}: {} ({}; further ones of this kind are counted in vigil.ingest.problems)", cameraId, message, kind);
        } else {
            log.debug("camera {}: {} ({})", cameraId, message, kind);
        }
    }

    /** A bug of ours, not bad input: counted, logged with the stack once per session. */
    void internalError(RuntimeException e) {
        count("internal-error");
        if (!warnedThisSession.containsKey("internal-error")) {
            warnedThisSession.put("internal-error", System.nanoTime());
            log.error("camera {}: internal error in the media pipeline, packet dropped", cameraId, e);
        }
    }

    private boolean warnNow(String kind) {
        long now = System.nanoTime();
        Long last = warnedThisSession.get(kind);
        if (last != null && now - last < REWARN) return false;
        warnedThisSession.put(kind, now);
        return true;
    }

    private void count(String kind) {
        counters.computeIfAbsent(kind, k -> meters.counter("vigil.ingest.problems", tags.and("kind", k))).increment();
    }
}
