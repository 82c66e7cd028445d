package io.vigil.redaction;

import java.time.Instant;

/**
 * One decrypted stored segment: a self-contained fragmented MP4 (init + one fragment)
 * starting at {@code start}. It lives only in memory; the pipeline holds one at a time.
 *
 * @param id how messages name it (e.g. {@code cam-01@2026-11-20T10:00:00Z#7})
 */
public record SourceSegment(String id, Instant start, Instant end, byte[] fmp4) {}
