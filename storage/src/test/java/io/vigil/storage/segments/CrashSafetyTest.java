package io.vigil.storage.segments;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.vigil.config.CameraId;
import io.vigil.storage.FsckReport;
import io.vigil.storage.SegmentInfo;
import io.vigil.storage.SegmentKey;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 while writing, many times in a row. After each kill: every segment whose append
 * returned (printed by the child) reads back authentic with its exact bytes, fsck finds only
 * crash debris (temporary or unindexed files) and repairs it, and every indexed segment
 * reads back whole: nothing half-written is ever served.
 */
class CrashSafetyTest {
    static final int ROUNDS = 15;
    static final Set<String> CRASH_DEBRIS = Set.of("temp-file", "orphan-file");

    @TempDir Path dir;

    @Test
    void killNineDuringAppendsNeverLosesAcknowledgedSegmentsOrServesHalfWrittenOnes() throws Exception {
        Path data = dir.resolve("data");
        Random random = new Random(20261125L);
        Map<SegmentKey, Integer> acknowledged = new TreeMap<>();
        long nextSeq = 0;
        int debrisSeen = 0;
        for (int round = 1; round <= ROUNDS; round++) {
            int killAfter = 1 + random.nextInt(25);
            List<String> lines = runAndKill(data, nextSeq, killAfter, dir.resolve("child-" + round + ".err"));
            long maxSeq = nextSeq;
            for (String line : lines) {
                String[] p = line.split(" ");
                SegmentKey k = new SegmentKey(CameraId.of(p[1]), Long.parseLong(p[2]), Long.parseLong(p[3]));
                acknowledged.put(k, Integer.parseInt(p[4]));
                maxSeq = Math.max(maxSeq, k.sequence());
            }
            // The killed child may have been writing up to two segments past the last printed one per camera.
            nextSeq = maxSeq + 3;

            try (StoreFixture f = new StoreFixture(data)) {
                FsckReport report = new SegmentFsck(f.store, p -> { }).run(true, true, SegmentFsck.Scope.FULL);
                for (FsckReport.Problem p : report.problems()) {
                    if (!CRASH_DEBRIS.contains(p.kind())) fail("round " + round + ": fsck found more than crash debris: " + p);
                }
                debrisSeen += report.problems().size();
                for (Map.Entry<SegmentKey, Integer> a : acknowledged.entrySet()) {
                    assertArrayEquals(StoreFixture.contentFor(a.getKey(), a.getValue()), f.store.read(a.getKey()),
                            "round " + round + ": acknowledged segment " + a.getKey());
                }
                int indexed = 0;
                for (String camera : List.of("cam-0", "cam-1")) {
                    for (SegmentInfo s : f.store.list(CameraId.of(camera), Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"))) {
                        byte[] content = f.store.read(s.key()); // authenticates, or throws
                        assertArrayEquals(StoreFixture.contentFor(s.key(), (int) s.plaintextBytes()), content);
                        assertEquals(CrashWriterMain.sizeFor(camera, s.key().sequence()), content.length);
                        indexed++;
                    }
                }
                assertTrue(indexed >= acknowledged.size());
                FsckReport after = new SegmentFsck(f.store, p -> { }).run(false, false, SegmentFsck.Scope.FULL);
                assertTrue(after.clean(), "round " + round + ": not clean after repair: " + after);
            }
        }
        assertTrue(acknowledged.size() >= ROUNDS, "each round acknowledged at least one segment");
        System.out.println("crash test: " + acknowledged.size() + " acknowledged segments, " + debrisSeen + " debris repaired");
    }

    private static List<String> runAndKill(Path data, long firstSeq, int killAfter, Path stderr) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                "-Dlogback.configurationFile=none.xml", CrashWriterMain.class.getName(), data.toString(), Long.toString(firstSeq))
                .redirectError(stderr.toFile())
                .start();
        LinkedBlockingQueue<String> ok = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    if (line.startsWith("OK ") && line.endsWith(" END")) ok.add(line);
                }
            } catch (java.io.IOException ignored) {
                // the pipe closes when the child is killed
            }
        });
        reader.start();
        List<String> lines = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (lines.size() < killAfter && System.nanoTime() < deadline && child.isAlive()) {
            String l = ok.poll(100, TimeUnit.MILLISECONDS);
            if (l != null) lines.add(l);
        }
        if (!child.isAlive()) fail("writer child died by itself, exit " + child.exitValue() + "; see " + stderr);
        child.destroyForcibly(); // SIGKILL on Linux
        assertTrue(child.waitFor(30, TimeUnit.SECONDS), "child did not die");
        reader.join(TimeUnit.SECONDS.toMillis(30));
        ok.drainTo(lines); // lines printed after our count was reached were acknowledged too
        assertTrue(lines.size() >= killAfter, "child acknowledged only " + lines.size() + " segments in 60 s; see " + stderr);
        return lines;
    }
}
