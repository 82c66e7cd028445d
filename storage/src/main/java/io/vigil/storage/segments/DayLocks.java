package io.vigil.storage.segments;

import io.vigil.storage.CameraDay;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * One read-write lock per camera-day. Appends, reads and single-segment erases take it
 * shared; a whole-day erase, a day key re-wrap and fsck of that day take it exclusively, so
 * fsck never mistakes an append's renamed-but-not-yet-indexed file for an orphan.
 */
final class DayLocks {
    private final ConcurrentHashMap<CameraDay, ReentrantReadWriteLock> locks = new ConcurrentHashMap<>();

    ReentrantReadWriteLock of(CameraDay day) {
        return locks.computeIfAbsent(day, d -> new ReentrantReadWriteLock());
    }
}
