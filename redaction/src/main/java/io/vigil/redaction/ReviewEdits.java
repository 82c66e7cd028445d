package io.vigil.redaction;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * What a reviewer changed before release. Recorded in the manifest.
 *
 * @param unmaskedTracks face tracks the reviewer removed from masking over their whole length
 *     (e.g. the requester's own face taken for someone else's, or a false detection); by
 *     {@link FaceTrackSummary#id()}
 * @param addedRegions extra regions masked over a frame range (someone the detector missed)
 * @param unmaskedSpans face tracks removed from masking over a frame range only (the track is
 *     the requester's own face there, and someone else's elsewhere): masked outside the range
 */
public record ReviewEdits(Set<Integer> unmaskedTracks, List<AddedRegion> addedRegions, List<UnmaskedSpan> unmaskedSpans) {

    public ReviewEdits {
        unmaskedTracks = Set.copyOf(unmaskedTracks);
        addedRegions = List.copyOf(addedRegions);
        unmaskedSpans = List.copyOf(unmaskedSpans);
    }

    /** Whole tracks removed and regions added, no track removed on a range only. */
    public ReviewEdits(Set<Integer> unmaskedTracks, List<AddedRegion> addedRegions) {
        this(unmaskedTracks, addedRegions, List.of());
    }

    public static ReviewEdits none() {
        return new ReviewEdits(Set.of(), List.of(), List.of());
    }

    /** Whether track {@code track}'s face is left unmasked on the frame shown at {@code at}. */
    public boolean unmasks(int track, Instant at) {
        if (unmaskedTracks.contains(track)) return true;
        for (UnmaskedSpan s : unmaskedSpans) {
            if (s.track() == track && s.covers(at)) return true;
        }
        return false;
    }

    /** A box masked on every frame shown from {@code from} to {@code to}, both included. */
    public record AddedRegion(Box box, Instant from, Instant to) {
        public AddedRegion {
            if (box == null || from == null || to == null || to.isBefore(from)) {
                throw new IllegalArgumentException("an added region needs a box and a time range from <= to");
            }
        }

        boolean covers(Instant t) {
            return !t.isBefore(from) && !t.isAfter(to);
        }
    }

    /** Track {@code track} left unmasked on every frame shown from {@code from} to {@code to}, both included. */
    public record UnmaskedSpan(int track, Instant from, Instant to) {
        public UnmaskedSpan {
            if (from == null || to == null || to.isBefore(from)) {
                throw new IllegalArgumentException("a track taken out of the masking on a range needs a time range from <= to");
            }
        }

        boolean covers(Instant t) {
            return !t.isBefore(from) && !t.isAfter(to);
        }
    }
}
