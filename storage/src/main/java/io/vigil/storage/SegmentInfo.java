package io.vigil.storage;

import io.vigil.config.CameraId;
import java.time.Instant;

/** Index row of a stored segment, as returned by range queries. No key material. */
public record SegmentInfo(SegmentKey key, Instant start, Instant end, long plaintextBytes, long storedBytes) {
    public CameraId cameraId() {
        return key.cameraId();
    }
}
