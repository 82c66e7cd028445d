package io.vigil.ingest.sim;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Runs {@link IngestBenchmark} from Maven (surefire gives the child JVMs their
 * classpath). Off unless {@code -Dvigil.bench="MODE STREAMS WARMUP_S MEASURE_S"}; see
 * ingest/bench/ingest-bench.sh. Appends the result to target/ingest-bench.txt.
 */
class IngestBenchmarkLauncher {
    @Test
    @EnabledIfSystemProperty(named = "vigil.bench", matches = ".+")
    void run() throws Exception {
        String[] a = System.getProperty("vigil.bench").trim().split("\\s+");
        Path work = Files.createTempDirectory("ingest-bench");
        String result;
        try {
            result = IngestBenchmark.orchestrate(a[0], Integer.parseInt(a[1]), Integer.parseInt(a[2]), Integer.parseInt(a[3]), work);
        } finally {
            deleteFootage(work);
        }
        String header = "# " + java.time.Instant.now() + " vigil.bench=" + System.getProperty("vigil.bench") + " work=" + work + "\n";
        Files.writeString(Path.of("target", "ingest-bench.txt"), header + result + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        assertTrue(result.contains("vigil at stop: STOP frames="), result);
    }

    /**
     * Removes what was recorded (Vigil's store, ffmpeg's segments, the copied jars) and keeps
     * the logs: a 30-minute run at 16 cameras records ~15 GB, and runs left behind filled
     * this machine's disk once.
     */
    private static void deleteFootage(Path work) throws java.io.IOException {
        try (java.util.stream.Stream<Path> top = Files.list(work)) {
            for (Path p : top.toList()) {
                if (!Files.isDirectory(p)) continue;
                try (java.util.stream.Stream<Path> all = Files.walk(p)) {
                    for (Path q : all.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(q);
                }
            }
        }
    }
}
