package io.vigil.purge;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** Placeholder until storage's public camera-day type lands (same shape). */
record CameraDay(String cameraId, LocalDate day) implements Comparable<CameraDay> {
    static CameraDay of(String cameraId, Instant instant) {
        return new CameraDay(cameraId, LocalDate.ofInstant(instant, ZoneOffset.UTC));
    }

    static LocalDate dayOf(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }

    Instant start() {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    Instant end() {
        return day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    boolean contains(Instant instant) {
        return !instant.isBefore(start()) && instant.isBefore(end());
    }

    CameraDay next() {
        return new CameraDay(cameraId, day.plusDays(1));
    }

    @Override
    public int compareTo(CameraDay o) {
        int c = cameraId.compareTo(o.cameraId);
        return c != 0 ? c : day.compareTo(o.day);
    }

    @Override
    public String toString() {
        return cameraId + "/" + day;
    }
}
