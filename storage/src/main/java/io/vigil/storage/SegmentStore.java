package io.vigil.storage;

import io.vigil.config.CameraId;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The encrypted, RocksDB-indexed store of video segments. Every method does disk I/O
 * and may block: never call it on a network event loop.
 *
 * <p>A segment is a few seconds of one camera, a self-contained fragmented MP4. Each is
 * encrypted with AES-256-GCM under its own random key, wrapped by a key per camera-day
 * (UTC day of the segment's start), wrapped by the master key.
 */
public interface SegmentStore {

    /**
     * Encrypts and stores a segment. When this returns the segment is durable (file
     * fsynced and renamed, directory fsynced, index batch committed with a synced write).
     *
     * @throws StorageException naming the segment when it cannot be stored (disk full,
     *     duplicate key, ...); nothing already stored is affected
     */
    default SegmentKey append(CameraId cameraId, Instant start, Instant end, long sequence, byte[] fmp4) {
        if (fmp4 == null) throw new IllegalArgumentException("start, end and bytes are required");
        return append(cameraId, start, end, sequence, List.of(java.nio.ByteBuffer.wrap(fmp4)));
    }

    /**
     * Stores a segment whose bytes are the concatenation of the remaining bytes of
     * {@code parts}, exactly as {@link #append(CameraId, Instant, Instant, long, byte[])}
     * would store that concatenation. The buffers' positions are not changed.
     * Why parts: a recorder can hand over its picture data where it already is (one buffer
     * per NAL unit) instead of copying a segment of several megabytes into one array,
     * which is also a "humongous" allocation for the JVM's G1 collector that may start a
     * concurrent collection cycle (measured: most of ingest's GC time; docs/benchmarks.md).
     */
    SegmentKey append(CameraId cameraId, Instant start, Instant end, long sequence, List<java.nio.ByteBuffer> parts);

    /**
     * Reads, authenticates and decrypts a segment.
     *
     * @throws SegmentNotFoundException when it is not stored (or was erased)
     * @throws SegmentAuthenticationException when its file was altered, swapped or moved
     */
    byte[] read(SegmentKey key);

    /** Segments of a camera overlapping [from, to), in time order. */
    List<SegmentInfo> list(CameraId cameraId, Instant from, Instant to);

    /** Segments of a camera-day: those starting in it, plus one from the day before still running into it. */
    default List<SegmentInfo> list(CameraDay day) {
        return list(day.cameraId(), day.start(), day.end());
    }

    /** Recorded spans and gaps of a camera over [from, to), in time order, covering it whole. */
    List<Span> timeline(CameraId cameraId, Instant from, Instant to);

    /**
     * Records the activity measure of the keyframe that starts the stored segment
     * {@code segment} ({@link ActivitySample}). The sample lives exactly as long as that
     * segment: it is ignored when the segment is not (or no longer) stored, and every erase
     * of the segment erases it too. Ingest calls it after the segment is durable.
     */
    void recordActivity(SegmentKey segment, int change);

    /** Activity samples of a camera whose time lies in [from, to), in time order. Footage: only inside a viewing grant. */
    List<ActivitySample> activity(CameraId cameraId, Instant from, Instant to);

    /** Records that a camera was not recorded over [from, to) and why. */
    void recordGap(CameraId cameraId, Instant from, Instant to, String reason);

    /** Cameras that have at least one stored segment. */
    Set<CameraId> cameras();

    /** Start of the oldest stored segment of a camera, if any. */
    Optional<Instant> oldestStart(CameraId cameraId);

    /** Erases one segment: destroys its key everywhere in the data directory and deletes its file. */
    EraseResult eraseSegment(SegmentKey key);

    /**
     * Erases several segments (those not stored are skipped) with one index purge for all
     * of them, which is what makes erasing many single segments affordable.
     */
    EraseResult eraseSegments(Collection<SegmentKey> keys);

    /** Erases a whole camera-day (UTC): destroys the day key and deletes every file of that day. */
    EraseResult eraseCameraDay(CameraDay day);

    /** Same as {@link #eraseCameraDay(CameraDay)}. */
    default EraseResult eraseCameraDay(CameraId cameraId, LocalDate dayUtc) {
        return eraseCameraDay(new CameraDay(cameraId, dayUtc));
    }
}
