package io.vigil.purge;

import io.vigil.storage.CameraDay;
import io.vigil.storage.SegmentInfo;
import io.vigil.storage.SegmentStore;
import java.time.Instant;
import java.util.List;

/**
 * The segments that belong to a camera-day: those whose filming started in it (the day
 * whose key wraps theirs). The store lists by overlap, so a segment running past midnight
 * also shows up in the next day's listing; the purge must not count it there.
 */
final class DaySegments {
    private DaySegments() {}

    /** The day's segments that started before {@code until} (all of them when {@code until} is past the day). */
    static List<SegmentInfo> of(SegmentStore segments, CameraDay day, Instant until) {
        List<SegmentInfo> listed = until.isBefore(day.end())
                ? segments.list(day.cameraId(), day.start(), until)
                : segments.list(day);
        return listed.stream().filter(s -> day.contains(s.start())).toList();
    }

    static List<SegmentInfo> of(SegmentStore segments, CameraDay day) {
        return of(segments, day, day.end());
    }

    /** Whether any segment of the day is still stored. */
    static boolean anyLeft(SegmentStore segments, CameraDay day) {
        return !of(segments, day).isEmpty();
    }
}
