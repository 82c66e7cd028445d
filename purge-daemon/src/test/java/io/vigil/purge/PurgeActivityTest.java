package io.vigil.purge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.config.CameraId;
import io.vigil.storage.ActivitySample;
import io.vigil.storage.SegmentKey;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The activity line (issue 12) is purged with the footage it describes: a purge run that
 * erases expired segments one by one and a later one that erases a whole expired
 * camera-day leave no activity sample of the erased footage, and keep the rest.
 */
class PurgeActivityTest {
    static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    static final Duration SEG = Duration.ofMinutes(20);

    @TempDir Path dir;
    TestStore t;

    @BeforeEach
    void record() {
        t = TestStore.create(dir, T0);
        List<SegmentKey> keys = t.record("cam-01", T0, T0.plus(Duration.ofDays(2)), SEG, 1024);
        for (int i = 0; i < keys.size(); i++) t.store.segments().recordActivity(keys.get(i), (i * 37) % 1000);
    }

    @AfterEach
    void close() {
        t.close();
    }

    @Test
    void aPurgeLeavesNoActivityOfTheFootageItErased() {
        PurgeDaemon purge = new PurgeDaemon(t.config(), t.store, t.meters, t.clock, () -> Long.MAX_VALUE, Duration.ofDays(30));
        assertEquals(144, samples(T0, T0.plus(Duration.ofDays(2))).size());

        // Day 15, 06:00: the first 6 h of day 1 expired, erased segment by segment.
        t.clock.set(T0.plus(Duration.ofDays(14)).plus(Duration.ofHours(6)));
        PurgeReport r1 = purge.runOnce();
        assertTrue(r1.complete() && r1.segmentsErased() == 18, r1.toString());
        assertEquals(List.of(), samples(T0, T0.plus(Duration.ofHours(6))), "no activity of the erased segments");
        assertEquals(144 - 18, samples(T0, T0.plus(Duration.ofDays(2))).size(), "the rest is kept");

        // Day 16, 00:30: day 1 wholly expired, erased by its day key.
        t.clock.set(T0.plus(Duration.ofDays(15)).plus(Duration.ofMinutes(30)));
        PurgeReport r2 = purge.runOnce();
        assertTrue(r2.complete() && r2.daysErased() == 1, r2.toString());
        // expired by then: everything that ended by day 2, 00:30 (day 1 and day 2's first segment)
        assertEquals(List.of(), samples(T0, T0.plus(Duration.ofDays(1)).plus(SEG)), "no activity of the erased footage");
        assertEquals(71, samples(T0.plus(Duration.ofDays(1)).plus(SEG), T0.plus(Duration.ofDays(2))).size(), "the rest of day 2 is kept");
    }

    private List<ActivitySample> samples(Instant from, Instant to) {
        return t.store.segments().activity(CameraId.of("cam-01"), from, to);
    }
}
