package io.vigil.ingest.fmp4;

import java.util.ArrayList;
import java.util.List;

/**
 * The pictures of one camera waiting for their segment to close, in decoding order, with
 * what they cost the heap and where the next segment starts.
 *
 * <p>Invariants (the {@link Segmenter} keeps the first; this class keeps the others):
 * <ul>
 *   <li>the first picture, when there is one, is a keyframe;</li>
 *   <li>{@link #bytes()} is the sum of {@link #cost} over the pictures held;</li>
 *   <li>the cut, when set, is the index of the keyframe that starts the next segment, and
 *       the pictures after it are that keyframe's leading pictures (the segment before it
 *       is not closed until they have all arrived).</li>
 * </ul>
 * Not thread-safe: its segmenter's.
 */
final class PendingPictures {
    /** Bytes counted per NAL unit on top of its payload, for its array and list entry, so many tiny pictures are bounded too. */
    static final int NAL_OVERHEAD = 64;
    private static final int NO_CUT = -1;

    private final List<PendingPicture> pictures = new ArrayList<>();
    private long bytes;
    private int cut = NO_CUT;

    /** What a picture of these NAL units costs the heap while pending, as counted against the byte cap. */
    static long cost(List<byte[]> nals) {
        long n = 0;
        for (byte[] nal : nals) n += nal.length + NAL_OVERHEAD;
        return n;
    }

    boolean isEmpty() {
        return pictures.isEmpty();
    }

    long bytes() {
        return bytes;
    }

    /** Presentation time of the first picture (the segment's keyframe); only when not empty. */
    long firstTimestamp() {
        return pictures.get(0).timestamp();
    }

    void add(PendingPicture picture) {
        pictures.add(picture);
        bytes += cost(picture.nals());
    }

    /**
     * A picture with the newest pending picture's timestamp is the same picture, split by a
     * stray marker bit: its NAL units are joined to it. False when there is no such picture.
     */
    boolean mergeIntoNewest(List<byte[]> nals, long timestamp, boolean keyframe, long arrivalNanos) {
        if (pictures.isEmpty()) return false;
        PendingPicture last = pictures.get(pictures.size() - 1);
        if (timestamp != last.timestamp()) return false;
        List<byte[]> merged = new ArrayList<>(last.nals());
        merged.addAll(nals);
        pictures.set(pictures.size() - 1, new PendingPicture(merged, last.timestamp(), last.keyframe() || keyframe,
                last.leading(), arrivalNanos));
        bytes += cost(nals);
        return true;
    }

    /** The picture added next is the keyframe that starts the next segment. */
    void cutAtNext() {
        cut = pictures.size();
    }

    boolean hasCut() {
        return cut != NO_CUT;
    }

    /** Whether the cut keyframe is the newest picture (none of its leading pictures has arrived). */
    boolean cutIsNewest() {
        return cut == pictures.size() - 1;
    }

    /**
     * Drops the cut keyframe's leading pictures that would be shown before a picture of the
     * segment before it (H.265 allows it for RASL; no encoder seen does it): they would
     * overlap that segment.
     *
     * @return how many were dropped
     */
    int dropLeadingShownBeforeCut() {
        long previousNewest = Long.MIN_VALUE;
        for (int i = 0; i < cut; i++) previousNewest = Math.max(previousNewest, pictures.get(i).timestamp());
        int dropped = 0;
        for (int i = pictures.size() - 1; i > cut; i--) {
            if (pictures.get(i).timestamp() <= previousNewest) {
                pictures.remove(i);
                dropped++;
            }
        }
        recount();
        return dropped;
    }

    /** The earliest presentation time from the cut on: where the next segment is first shown. */
    long earliestFromCut() {
        long next = Long.MAX_VALUE;
        for (int i = cut; i < pictures.size(); i++) next = Math.min(next, pictures.get(i).timestamp());
        return next;
    }

    /** Takes out the pictures before the cut (the segment it ends) and clears the cut. */
    List<PendingPicture> takeBeforeCut() {
        int count = cut;
        cut = NO_CUT;
        return take(count);
    }

    /** Takes out every picture (a segment closed without a next keyframe). */
    List<PendingPicture> takeAll() {
        cut = NO_CUT;
        return take(pictures.size());
    }

    private List<PendingPicture> take(int count) {
        List<PendingPicture> head = pictures.subList(0, count); // a view: cleared below, which removes them
        List<PendingPicture> taken = new ArrayList<>(head);
        head.clear();
        recount();
        return taken;
    }

    /**
     * Drops the leading pictures marked undecodable that follow the first picture: they
     * refer to the segment before it, which will not be stored.
     *
     * @return how many were dropped
     */
    int dropUndecodableLeading() {
        int dropped = 0;
        for (int i = pictures.size() - 1; i >= 1; i--) {
            if (pictures.get(i).leading() == Fmp4Writer.Leading.UNDECODABLE) {
                pictures.remove(i);
                dropped++;
            }
        }
        recount();
        return dropped;
    }

    void clear() {
        pictures.clear();
        bytes = 0;
        cut = NO_CUT;
    }

    private void recount() {
        bytes = 0;
        for (PendingPicture p : pictures) bytes += cost(p.nals());
    }
}
