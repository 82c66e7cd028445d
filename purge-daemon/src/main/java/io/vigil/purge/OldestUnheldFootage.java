package io.vigil.purge;

import io.vigil.config.CameraId;
import io.vigil.storage.SegmentInfo;
import io.vigil.storage.SegmentStore;
import io.vigil.storage.holds.LegalHold;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;

/**
 * Yields the oldest unheld segments across all cameras, oldest first, that ended no later
 * than a guard instant: the candidates for early destruction under disk pressure. Reads
 * each camera's index a window at a time, so memory stays small however much is stored.
 */
final class OldestUnheldFootage {
    private static final Duration WINDOW = Duration.ofHours(1);

    private final SegmentStore segments;
    private final List<LegalHold> protecting;
    private final Instant guard;
    private final PriorityQueue<CameraCursor> heads = new PriorityQueue<>(Comparator.comparing(c -> c.peek().start()));

    OldestUnheldFootage(SegmentStore segments, List<LegalHold> protecting, Instant guard) {
        this.segments = segments;
        this.protecting = protecting;
        this.guard = guard;
        for (CameraId camera : segments.cameras()) {
            Optional<Instant> oldest = segments.oldestStart(camera);
            if (oldest.isEmpty()) continue;
            CameraCursor c = new CameraCursor(camera, oldest.get());
            if (c.peek() != null) heads.add(c);
        }
    }

    /**
     * The oldest remaining candidates, just enough that their stored bytes reach
     * {@code bytesWanted} (so relief stops near the floor instead of overshooting), at most
     * {@code max}; empty when none is left.
     */
    List<SegmentInfo> next(int max, long bytesWanted) {
        List<SegmentInfo> batch = new ArrayList<>();
        long bytes = 0;
        while (batch.size() < max && bytes < bytesWanted && !heads.isEmpty()) {
            CameraCursor c = heads.poll();
            SegmentInfo s = c.take();
            batch.add(s);
            bytes += s.storedBytes();
            if (c.peek() != null) heads.add(c);
        }
        return batch;
    }

    private final class CameraCursor {
        final CameraId camera;
        Instant position;
        final ArrayDeque<SegmentInfo> buffer = new ArrayDeque<>();

        CameraCursor(CameraId camera, Instant from) {
            this.camera = camera;
            this.position = from;
            fill();
        }

        SegmentInfo peek() {
            return buffer.peekFirst();
        }

        SegmentInfo take() {
            SegmentInfo s = buffer.pollFirst();
            if (buffer.isEmpty()) fill();
            return s;
        }

        private void fill() {
            while (buffer.isEmpty() && position.isBefore(guard)) {
                Instant windowEnd = position.plus(WINDOW);
                if (windowEnd.isAfter(guard)) windowEnd = guard;
                for (SegmentInfo s : segments.list(camera, position, windowEnd)) {
                    if (s.start().isBefore(position)) continue; // seen in the previous window
                    if (s.end().isAfter(guard)) continue;
                    if (!PurgePlanner.holding(protecting, s).isEmpty()) continue;
                    buffer.add(s);
                }
                position = windowEnd;
            }
        }
    }
}
