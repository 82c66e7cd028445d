package io.vigil.storage.holds;

import io.vigil.config.CameraId;
import io.vigil.storage.SegmentInfo;
import io.vigil.storage.SegmentStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What a hold keeps on one camera, for the officers' holds page: how much footage is stored
 * in the hold's range now, and until when the hold keeps it.
 *
 * @param cameraId   the camera
 * @param segments   stored segments overlapping the hold's range
 * @param bytes      their stored bytes
 * @param from       start of the first of them, or null when none is stored
 * @param to         end of the last of them, or null when none is stored
 * @param keptUntil  when the hold stops protecting it (release or expiry)
 */
public record HeldFootage(CameraId cameraId, int segments, long bytes, Instant from, Instant to, Instant keptUntil) {

    /**
     * One row per camera of the hold (a disk read per camera: call it off any event loop).
     */
    public static List<HeldFootage> of(LegalHold hold, SegmentStore store) {
        Instant until = hold.releasedAt() != null && hold.releasedAt().isBefore(hold.expiresAt())
                ? hold.releasedAt() : hold.expiresAt();
        List<HeldFootage> rows = new ArrayList<>();
        for (CameraId camera : hold.cameraIds()) {
            int n = 0;
            long bytes = 0;
            Instant first = null;
            Instant last = null;
            for (SegmentInfo s : store.list(camera, hold.from(), hold.to())) {
                n++;
                bytes += s.storedBytes();
                if (first == null) first = s.start();
                if (last == null || s.end().isAfter(last)) last = s.end();
            }
            rows.add(new HeldFootage(camera, n, bytes, first, last, until));
        }
        return rows;
    }
}
