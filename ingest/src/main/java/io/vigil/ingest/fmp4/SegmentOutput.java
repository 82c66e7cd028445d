package io.vigil.ingest.fmp4;

/** Where a {@link Segmenter} hands its finished segments: the recorder's way to the store. */
@FunctionalInterface
public interface SegmentOutput {
    /**
     * @return false when the segment will not be stored (the recorder's disk queue was
     *     full): the segmenter then drops the pictures of the next segment that referred to it
     */
    boolean offer(Segment segment);
}
