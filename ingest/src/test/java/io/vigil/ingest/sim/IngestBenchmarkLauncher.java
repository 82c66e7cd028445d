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
        String result = IngestBenchmark.orchestrate(a[0], Integer.parseInt(a[1]), Integer.parseInt(a[2]), Integer.parseInt(a[3]), work);
        String header = "# " + java.time.Instant.now() + " vigil.bench=" + System.getProperty("vigil.bench") + " work=" + work + "\n";
        Files.writeString(Path.of("target", "ingest-bench.txt"), header + result + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        assertTrue(result.contains("vigil at stop: STOP frames="), result);
    }
}
