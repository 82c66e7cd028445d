package io.vigil.ingest.fmp4;

import io.vigil.ingest.codec.CodecConfig;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;

/**
 * A finished segment from the {@link Segmenter}, ready to store: its file as consecutive
 * parts (see {@link Fmp4Writer#segmentParts}), its wall-clock interval, how many pictures
 * it holds, when its last picture arrived (for the durable-latency meter) and whether it
 * is its session's first.
 */
public record Segment(CodecConfig config, Instant start, Instant end, int frames, List<ByteBuffer> parts,
                      long lastFrameArrivalNanos, boolean firstOfSession) {
    /** The whole file in one array (a copy: for tests and tools, not the recording path). */
    public byte[] fmp4() {
        return Fmp4Writer.concat(parts);
    }

    public long bytes() {
        long n = 0;
        for (ByteBuffer p : parts) n += p.remaining();
        return n;
    }
}
