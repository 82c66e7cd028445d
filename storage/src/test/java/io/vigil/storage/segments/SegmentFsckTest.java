package io.vigil.storage.segments;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.config.CameraId;
import io.vigil.storage.FsckReport;
import io.vigil.storage.SegmentKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class SegmentFsckTest extends FreshStoreTest {
    static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

    final List<FsckReport.Problem> ledgered = new ArrayList<>();

    private SegmentKey put(String camera, Instant start, long seq) {
        return f.append(camera, start, 2, seq, 4000);
    }

    private FsckReport fsck(boolean repair) {
        return new SegmentFsck(f.store, ledgered::add).run(repair, true, SegmentFsck.Scope.FULL);
    }

    private static Set<String> kinds(FsckReport r) {
        Set<String> s = new TreeSet<>();
        r.problems().forEach(p -> s.add(p.kind()));
        return s;
    }

    @Test
    void cleanStoreIsClean() {
        for (int i = 0; i < 5; i++) put("cam-01", T0.plusSeconds(2L * i), i);
        FsckReport r = fsck(true);
        assertTrue(r.clean(), r.toString());
        assertEquals(5, r.segmentsChecked());
        assertTrue(ledgered.isEmpty());
    }

    @Test
    void findsEveryKindOfDamageAndRepairsOnlyWhatIsSafe() throws Exception {
        List<SegmentKey> intact = new ArrayList<>();
        for (int i = 0; i < 6; i++) intact.add(put("cam-01", T0.plusSeconds(2L * i), i));
        SegmentKey rowWithoutFile = put("cam-01", T0.plusSeconds(100), 50);
        SegmentKey tampered = put("cam-01", T0.plusSeconds(102), 51);
        SegmentKey truncated = put("cam-01", T0.plusSeconds(104), 52);
        SegmentKey dayKeyGone = put("cam-02", T0, 1);
        Path dayDir = dir.resolve("segments/cam-01/2026-11-20");
        Path temp = dayDir.resolve("123-4.vseg.abc.tmp");
        Files.write(temp, new byte[100]);
        Path orphan = dayDir.resolve(T0.plusSeconds(200).toEpochMilli() + "-99.vseg");
        Files.copy(f.store.layout().file(intact.get(0)), orphan);
        Files.delete(f.store.layout().file(rowWithoutFile));
        byte[] b = Files.readAllBytes(f.store.layout().file(tampered));
        b[40] ^= 0x10;
        Files.write(f.store.layout().file(tampered), b);
        byte[] t = Files.readAllBytes(f.store.layout().file(truncated));
        Files.write(f.store.layout().file(truncated), java.util.Arrays.copyOf(t, t.length - 10));
        f.db.db().delete(f.db.cf("daykeys"), IndexKeys.day(CameraId.of("cam-02"), LocalDate.parse("2026-11-20")));

        FsckReport dry = fsck(false);
        assertEquals(Set.of("temp-file", "orphan-file", "missing-file", "authentication-failed", "size-mismatch",
                "missing-day-key"), kinds(dry), dry.toString());
        assertTrue(Files.exists(temp) && Files.exists(orphan), "a dry run changes nothing");
        assertTrue(ledgered.isEmpty());

        FsckReport repaired = fsck(true);
        assertEquals(kinds(dry), kinds(repaired));
        assertFalse(Files.exists(temp));
        assertFalse(Files.exists(orphan));
        assertTrue(f.store.index().row(rowWithoutFile).isEmpty(), "row without file dropped");
        assertTrue(f.store.index().row(dayKeyGone).isEmpty(), "undecryptable row dropped");
        assertFalse(Files.exists(f.store.layout().file(dayKeyGone)));
        assertTrue(Files.exists(f.store.layout().file(tampered)), "tampered file kept as evidence");
        assertTrue(Files.exists(f.store.layout().file(truncated)), "truncated file kept as evidence");
        for (SegmentKey k : intact) assertArrayEquals(StoreFixture.contentFor(k, 4000), f.store.read(k));
        assertEquals(Set.of("temp-file", "orphan-file", "missing-file", "missing-day-key"),
                new TreeSet<>(ledgered.stream().map(FsckReport.Problem::kind).toList()), "one ledger call per repair");
        assertEquals(4, ledgered.size());

        FsckReport after = fsck(true);
        assertEquals(Set.of("authentication-failed", "size-mismatch"), kinds(after), after.toString());
        assertTrue(after.problems().stream().anyMatch(p -> p.where().equals(tampered.toString())));
    }

    @Test
    void recentScopeChecksOnlyTheNewestTwoDaysOfEachCamera() throws Exception {
        for (int d = 0; d < 4; d++) put("cam-01", T0.plusSeconds(86400L * d), d);
        Path oldDay = dir.resolve("segments/cam-01/2026-11-20/1-1.vseg.x.tmp");
        Path newDay = dir.resolve("segments/cam-01/2026-11-23/1-1.vseg.x.tmp");
        Files.write(oldDay, new byte[1]);
        Files.write(newDay, new byte[1]);
        FsckReport r = new SegmentFsck(f.store, ledgered::add).run(true, false, SegmentFsck.Scope.RECENT);
        assertEquals(1, r.problems().size(), r.toString());
        assertFalse(Files.exists(newDay));
        assertTrue(Files.exists(oldDay));
    }
}
