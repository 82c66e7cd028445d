package io.vigil.redaction;

import java.time.Duration;
import java.util.List;

/**
 * A masked copy, not yet released: the encrypted temporary MP4, what the review page
 * shows (face tracks, overlap flags), and the facts for the manifest. Close it to delete
 * the temporary file (after release, once the copy has been handed over).
 *
 * @param requesterPath the requester's box on every frame of the copy (for the review page)
 * @param sourceSegments id and SHA-256 (of the decrypted bytes) of every segment read
 * @param outputSha256 SHA-256 of the MP4 as handed over
 * @param wallNanos wall-clock time of the whole job
 */
public record RedactionResult(RedactionRequest request, ReviewEdits edits, SealedFile output, String outputSha256,
        long frames, double frameRate, int width, int height, List<FaceTrackSummary> tracks,
        List<OverlapFlag> overlapFlags, RequesterPath requesterPath, List<SourceSegmentHash> sourceSegments, StageTimes stageTimes,
        long trackerLosses, long detectorInferences, long wallNanos) implements AutoCloseable {

    /** One source segment in the manifest. */
    public record SourceSegmentHash(String id, String sha256) {}

    /** Length of the masked copy (frames at the source's frame rate). */
    public Duration duration() {
        return Duration.ofNanos(Math.round(frames * 1e9 / frameRate));
    }

    @Override
    public void close() {
        output.close();
    }
}
