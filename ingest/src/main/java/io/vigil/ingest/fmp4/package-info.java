/**
 * Data path stage: access units → segments. {@link io.vigil.ingest.fmp4.Segmenter} cuts a
 * camera's pictures into self-contained segments (keyframe to keyframe, wall-clock and
 * decode-time timelines), {@link io.vigil.ingest.fmp4.Fmp4Writer} writes each one as
 * fragmented MP4 in the segment format ({@link io.vigil.storage.format.SegmentFormat}).
 * Previous stage: {@link io.vigil.ingest.codec}; the segments go to {@link io.vigil.ingest.recording}.
 */
package io.vigil.ingest.fmp4;
