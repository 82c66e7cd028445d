package io.vigil.redaction;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * What a reviewer changed before release. Recorded in the manifest.
 *
 * @param unmaskedTracks face tracks the reviewer removed from masking (e.g. the requester's
 *     own face taken for someone else's, or a false detection); by {@link FaceTrackSummary#id()}
 * @param addedRegions extra regions masked over a time range (someone the detector missed)
 */
public record ReviewEdits(Set<Integer> unmaskedTracks, List<AddedRegion> addedRegions) {

    public ReviewEdits {
        unmaskedTracks = Set.copyOf(unmaskedTracks);
        addedRegions = List.copyOf(addedRegions);
    }

    public static ReviewEdits none() {
        return new ReviewEdits(Set.of(), List.of());
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
}
