package io.vigil.storage.segments;

import io.vigil.storage.SegmentKey;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** One camera-day (UTC): the unit a day key covers and the unit of a day erase. */
record DayId(String cameraId, LocalDate day) {
    static DayId of(String cameraId, long startMillis) {
        return new DayId(cameraId, LocalDate.ofInstant(Instant.ofEpochMilli(startMillis), ZoneOffset.UTC));
    }

    static DayId of(SegmentKey key) {
        return of(key.cameraId(), key.startMillis());
    }

    long startMillis() {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }

    long endMillis() {
        return day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }

    /** Key id shown in erase results and ledger entries; never key material. */
    String keyId() {
        return "day:" + cameraId + "/" + day;
    }

    @Override
    public String toString() {
        return cameraId + "/" + day;
    }
}
