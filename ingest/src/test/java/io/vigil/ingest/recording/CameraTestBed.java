package io.vigil.ingest.recording;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What the tests feeding a camera's RTP through {@link CameraRecorder} into the real store
 * share: one libx264 capture per test class (100 frames at 25 fps, a keyframe every second,
 * no B-frames: 4 s of video, two 2 s segments per session), made once because ffmpeg takes
 * a while, and a fresh encrypted store per test, so no test sees another's segments or gaps.
 * Register it as a static field with {@code @RegisterExtension}: the capture exists before
 * the class's {@code @BeforeAll} methods, the store before its {@code @BeforeEach} methods
 * and until after its {@code @AfterEach} methods. Both live in temporary directories of
 * their own, removed afterwards.
 */
final class CameraTestBed implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
    private final String size;
    private final Instant start;
    private Path captureDir;
    private FfmpegRtp.Capture h264;
    private Path storeDir;
    private StoreFixture store;

    /**
     * @param size  the pictures' size, as testsrc2 takes it ({@code 320x240})
     * @param start the store clock's time when each test starts
     */
    CameraTestBed(String size, Instant start) {
        this.size = size;
        this.start = start;
    }

    /** The class's capture. */
    FfmpegRtp.Capture h264() {
        return h264;
    }

    /** The current test's store. */
    StoreFixture store() {
        return store;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        captureDir = Files.createTempDirectory("vigil-capture");
        h264 = FfmpegRtp.capture(captureDir, "testsrc2=size=" + size + ":rate=25", 100,
                List.of("-c:v", "libx264", "-preset", "ultrafast", "-bf", "0", "-g", "25"));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        h264 = null; // its packets are not kept for the rest of the test run
        deleteTree(captureDir);
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        storeDir = Files.createTempDirectory("vigil-store");
        store = new StoreFixture(storeDir, start);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        store.close();
        store = null;
        deleteTree(storeDir);
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
