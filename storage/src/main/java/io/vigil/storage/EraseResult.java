package io.vigil.storage;

import java.util.List;

/**
 * What a cryptographic erase destroyed: the segments, their bytes, and the ids of the
 * keys destroyed (segment or camera-day key ids; never key material).
 */
public record EraseResult(List<SegmentKey> segments, long bytes, List<String> destroyedKeyIds) {
    public static EraseResult empty() {
        return new EraseResult(List.of(), 0, List.of());
    }

    public int segmentCount() {
        return segments.size();
    }
}
