package io.vigil.storage.holds;

import io.vigil.config.CameraId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A legal hold: footage of some cameras over [from, to) that the purge must keep past the
 * retention period, because a privacy officer placed it for a stated reason (a police
 * request, a subject's complaint, a lawsuit), until it is released or expires.
 *
 * @param id         stable identifier, e.g. {@code H-20261125-7f3a9c}
 * @param cameraIds  cameras whose footage is kept (stored as their plain strings, as before the type)
 * @param from       start of the footage kept (inclusive)
 * @param to         end of the footage kept (exclusive)
 * @param reason     why, in words
 * @param reference  outside reference such as a police request number, or null
 * @param placedBy   who placed it
 * @param placedAt   when it was placed
 * @param expiresAt  when it stops protecting footage unless extended
 * @param releasedAt when it was released early, or null
 * @param releasedBy who released it, or null
 */
public record LegalHold(
        String id,
        List<CameraId> cameraIds,
        Instant from,
        Instant to,
        String reason,
        String reference,
        String placedBy,
        Instant placedAt,
        Instant expiresAt,
        Instant releasedAt,
        String releasedBy) {

    public LegalHold {
        Objects.requireNonNull(id, "id");
        cameraIds = List.copyOf(cameraIds);
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    /** Whether the hold protects footage at instant {@code t}: placed, not yet released, not yet expired. */
    public boolean activeAt(Instant t) {
        if (placedAt != null && t.isBefore(placedAt)) return false;
        if (releasedAt != null && !t.isBefore(releasedAt)) return false;
        return t.isBefore(expiresAt);
    }

    /** Whether footage of {@code camera} filmed over [segStart, segEnd) overlaps this hold's range. */
    public boolean coversFootage(CameraId camera, Instant segStart, Instant segEnd) {
        return cameraIds.contains(camera) && segStart.isBefore(to) && segEnd.isAfter(from);
    }

    /** Whether this hold, active at {@code now}, keeps that footage. */
    public boolean covers(CameraId camera, Instant segStart, Instant segEnd, Instant now) {
        return activeAt(now) && coversFootage(camera, segStart, segEnd);
    }

    /** "active", "released" or "expired" at {@code now}. */
    public String stateAt(Instant now) {
        if (releasedAt != null && !now.isBefore(releasedAt)) return "released";
        if (!now.isBefore(expiresAt)) return "expired";
        return "active";
    }
}
