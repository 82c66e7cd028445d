package io.vigil.server;

import io.vigil.config.CameraId;
import io.vigil.storage.SegmentStore;
import io.vigil.storage.Span;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At start, before the cameras are connected, writes the time Vigil was not running into
 * each camera's timeline as a gap with its reason: from where the camera's timeline last
 * says something (the end of its last segment, or of a gap the recorder wrote) up to now.
 * Nobody is there to write that gap while Vigil is down, and after a crash the recorder's
 * open gap ends at its last rewrite; without this the timeline would show the stretch as
 * unrecorded without a reason.
 */
final class DowntimeGaps {
    private static final Logger log = LoggerFactory.getLogger(DowntimeGaps.class);
    /** The stored reasons: codes of the web bundles, worded on the camera page and in exports in the reader's language. */
    static final String REASON = io.vigil.storage.Reason.of("gap.reason.notRunning").encode();
    static final String REASON_UNCLEAN = io.vigil.storage.Reason.of("gap.reason.notRunningUnclean").encode();
    /** Windows searched backwards for the camera's last recorded or explained instant; small first, so a short restart reads few rows. */
    private static final List<Duration> STEPS = List.of(Duration.ofMinutes(10), Duration.ofHours(6), Duration.ofDays(1));

    private final SegmentStore segments;
    private final Duration retention;

    DowntimeGaps(SegmentStore segments, Duration retention) {
        this.segments = segments;
        this.retention = retention;
    }

    /** Records the downtime gap of each camera that has a past; returns how many gaps were written. */
    int record(List<CameraId> cameraIds, Instant now, boolean unclean) {
        String reason = unclean ? REASON_UNCLEAN : REASON;
        int n = 0;
        for (CameraId camera : cameraIds) {
            try {
                Optional<Instant> last = lastKnown(camera, now);
                if (last.isPresent() && last.get().isBefore(now)) {
                    segments.recordGap(camera, last.get(), now, reason);
                    n++;
                }
            } catch (RuntimeException e) {
                log.warn("camera {}: the gap while Vigil was not running could not be recorded: {}", camera, e.getMessage());
            }
        }
        return n;
    }

    /**
     * The end of the camera's last recorded span or explained gap before {@code now}, looking
     * back at most the retention period (older footage is erased, and a gap row there would
     * outlive it); empty when the camera has nothing in that time.
     */
    private Optional<Instant> lastKnown(CameraId camera, Instant now) {
        Instant oldest = now.minus(retention).minus(Duration.ofDays(1));
        Instant to = now;
        int step = 0;
        while (to.isAfter(oldest)) {
            Instant from = to.minus(STEPS.get(Math.min(step++, STEPS.size() - 1)));
            if (from.isBefore(oldest)) from = oldest;
            List<Span> spans = segments.timeline(camera, from, to);
            for (int i = spans.size() - 1; i >= 0; i--) {
                Span s = spans.get(i);
                if (s.recorded() || s.gapReason() != null) return Optional.of(s.end().isAfter(now) ? now : s.end());
            }
            to = from;
        }
        return Optional.empty();
    }
}
