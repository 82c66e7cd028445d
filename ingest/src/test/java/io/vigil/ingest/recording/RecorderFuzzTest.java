package io.vigil.ingest.recording;

import io.vigil.config.CameraId;
import io.vigil.ingest.fmp4.Segmenter;
import io.vigil.ingest.stream.VideoTrack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The recorder's contract with the Netty side: whatever arrives, {@code onStart},
 * {@code onRtp} and {@code onEnd} return normally. Fed mutated real ffmpeg packets, junk
 * and lying SDPs, with the real store behind it.
 */
class RecorderFuzzTest {
    private static Path dir;
    private static StoreFixture fx;
    private static CameraRecorders factory;
    private static final AtomicInteger cameras = new AtomicInteger();

    @BeforeContainer
    static void open() throws IOException {
        dir = Files.createTempDirectory("recorder-fuzz");
        fx = new StoreFixture(dir, Instant.parse("2026-11-25T12:00:00Z"));
        // appends run on the calling thread here: the property checks exceptions, not threading
        factory = new CameraRecorders(fx.store.segments(), Duration.ofMillis(200), fx.meters, fx.clock, Runnable::run, CameraRecorders.DEFAULT_QUEUE_SEGMENTS, Segmenter.UNBOUNDED_TIME);
    }

    @AfterContainer
    static void close() throws IOException {
        fx.close();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    @Property(tries = 150)
    void nothingEscapesTheRecorder(@ForAll long seed, @ForAll @IntRange(min = 0, max = 40) int mutations,
                                   @ForAll boolean h265, @ForAll boolean lyingSdp) {
        Random r = new Random(seed);
        List<byte[]> packets = new ArrayList<>(Mutator.mutate(h265 ? RealPackets.H265 : RealPackets.H264, seed, mutations));
        for (int i = 0; i < 5; i++) {
            byte[] junk = new byte[r.nextInt(30)];
            r.nextBytes(junk);
            packets.add(r.nextInt(packets.size() + 1), junk);
        }
        Map<String, String> fmtp = lyingSdp
                ? Map.of("sprop-parameter-sets", "Z0IAH+kCg/I=,not base64!", "sprop-vps", "QAEM", "sprop-sps", "%%%", "sprop-pps", "")
                : Map.of();
        String encoding = lyingSdp && r.nextInt(4) == 0 ? "MP4V-ES" : (h265 ? "H265" : "H264");
        CameraRecorder recorder = factory.recorder(CameraId.of("fuzz" + cameras.incrementAndGet()));
        recorder.onStart(new VideoTrack(encoding, 96, 90000, "trackID=0", fmtp));
        for (byte[] p : packets) {
            recorder.onRtp(p);
            if (r.nextInt(200) == 0) fx.clock.advance(Duration.ofSeconds(r.nextInt(20)));
        }
        recorder.onEnd("fuzz session over");
        if (r.nextBoolean()) { // a second session on the same recorder (reconnect)
            recorder.onStart(new VideoTrack(h265 ? "H265" : "H264", 96, 90000, "trackID=0", Map.of()));
            for (byte[] p : h265 ? RealPackets.H265 : RealPackets.H264) recorder.onRtp(p.clone());
            recorder.onEnd("fuzz reconnect over");
        }
        // onRtp swallows even its own bugs (as "internal-error"): there must be none
        double internalErrors = fx.meters.find("vigil.ingest.problems").tag("kind", "internal-error").counters().stream()
                .mapToDouble(io.micrometer.core.instrument.Counter::count).sum();
        org.junit.jupiter.api.Assertions.assertEquals(0, internalErrors, "internal errors in the media pipeline");
    }
}
