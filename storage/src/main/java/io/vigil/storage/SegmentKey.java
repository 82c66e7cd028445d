package io.vigil.storage;

import io.vigil.config.CameraId;
import java.time.Instant;
import java.util.Objects;

/**
 * Identifies one stored segment: the camera, the instant filming of it began, and the
 * recorder's sequence number. The same three values are bound into the segment's
 * AES-GCM associated data, so a file moved to another camera, time or position fails
 * authentication.
 */
public record SegmentKey(CameraId cameraId, long startMillis, long sequence) implements Comparable<SegmentKey> {

    public SegmentKey {
        Objects.requireNonNull(cameraId, "cameraId");
    }

    public Instant start() {
        return Instant.ofEpochMilli(startMillis);
    }

    @Override
    public int compareTo(SegmentKey o) {
        int c = cameraId.compareTo(o.cameraId);
        if (c != 0) return c;
        c = Long.compare(startMillis, o.startMillis);
        return c != 0 ? c : Long.compare(sequence, o.sequence);
    }

    /** Human-readable name used in every error and log line about this segment. */
    @Override
    public String toString() {
        return cameraId + "@" + start() + "#" + sequence;
    }
}
