package io.vigil.storage;

import io.vigil.config.CameraId;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * One camera's UTC day: the unit a day key covers, the unit a whole-day erase removes,
 * and the unit retention is planned in. A segment belongs to the day its start falls in
 * (UTC), so a segment filmed across midnight belongs to the earlier day.
 */
public record CameraDay(CameraId cameraId, LocalDate day) implements Comparable<CameraDay> {

    public CameraDay {
        Objects.requireNonNull(cameraId, "cameraId");
        Objects.requireNonNull(day, "day");
    }

    /** The camera-day containing {@code instant} (UTC). */
    public static CameraDay of(CameraId cameraId, Instant instant) {
        return new CameraDay(cameraId, dayOf(instant));
    }

    public static CameraDay of(CameraId cameraId, long startMillis) {
        return of(cameraId, Instant.ofEpochMilli(startMillis));
    }

    /** The camera-day a segment belongs to: the UTC day of its start. */
    public static CameraDay of(SegmentKey key) {
        return of(key.cameraId(), key.startMillis());
    }

    /** The UTC day containing {@code instant}. */
    public static LocalDate dayOf(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }

    /** First instant of the day (inclusive). */
    public Instant start() {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** First instant of the next day (exclusive end). */
    public Instant end() {
        return day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    public long startMillis() {
        return start().toEpochMilli();
    }

    public long endMillis() {
        return end().toEpochMilli();
    }

    /** Whether {@code instant} falls in [start, end). */
    public boolean contains(Instant instant) {
        return !instant.isBefore(start()) && instant.isBefore(end());
    }

    public CameraDay next() {
        return new CameraDay(cameraId, day.plusDays(1));
    }

    /** Key id of this day's key, shown in erase results and ledger entries; never key material. */
    public String keyId() {
        return "day:" + cameraId + "/" + day;
    }

    /** Orders by camera, then day (the order of the index). */
    @Override
    public int compareTo(CameraDay o) {
        int c = cameraId.compareTo(o.cameraId);
        return c != 0 ? c : day.compareTo(o.day);
    }

    /** {@code camera/yyyy-mm-dd}, as in logs, errors and the purge journal. */
    @Override
    public String toString() {
        return cameraId + "/" + day;
    }
}
