package io.vigil.ingest.fmp4;

import java.util.List;

/**
 * A picture waiting for its segment to close: its NAL units (parameter sets and delimiters
 * left out), its corrected presentation time (90 kHz, unwrapped), whether decoding may
 * start at it, how it leads its keyframe, and when it arrived (monotonic nanoseconds).
 */
record PendingPicture(List<byte[]> nals, long timestamp, boolean keyframe, Fmp4Writer.Leading leading, long arrivalNanos) {}
