package io.vigil.gateway.web;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vigil.config.CameraId;
import io.vigil.storage.SegmentStore;
import io.vigil.testkit.FragmentedFootage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Real footage for the browser to play: H.264 fragmented MP4 made by Debian's ffmpeg
 * (320x240, 25 fps, a keyframe each second), stored as consecutive 2-second segments
 * of a camera, the shape ingest writes.
 */
final class TestFootage {
    static final Path FFMPEG = FragmentedFootage.FFMPEG;
    static final Duration SEGMENT = Duration.ofSeconds(2);
    static final int WIDTH = 320;
    static final int HEIGHT = 240;

    private TestFootage() {}

    /**
     * {@code count} consecutive 2 s segments cut from one ffmpeg run: each is the init
     * (ftyp + moov) followed by two one-second fragments (moof + mdat), so decode times
     * run on from segment to segment as in ingest's output.
     */
    static List<byte[]> segments(Path workDir, int count) throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(FFMPEG), "skipped: /usr/bin/ffmpeg is missing (apt-get install ffmpeg)");
        byte[] mp4 = FragmentedFootage.encode(workDir.resolve("footage.mp4"), "testsrc2=size=" + WIDTH + "x" + HEIGHT + ":rate=25",
                2 * count, "-c:v", "libx264", "-pix_fmt", "yuv420p", "-g", "25");
        return split(mp4, count);
    }

    /** Splits a fragmented MP4 with one fragment per second into {@code count} 2-fragment segments. */
    static List<byte[]> split(byte[] mp4, int count) {
        List<byte[]> segments = FragmentedFootage.segments(mp4, 2);
        if (segments.size() < count) {
            throw new IllegalStateException("ffmpeg made " + segments.size() + " two-fragment segments, expected " + count);
        }
        return segments.subList(0, count);
    }

    /** Appends the segments to a camera as consecutive 2 s slots from {@code start}. */
    static void record(SegmentStore store, String cameraId, Instant start, List<byte[]> segments) {
        for (int i = 0; i < segments.size(); i++) {
            Instant s = start.plus(SEGMENT.multipliedBy(i));
            store.append(CameraId.of(cameraId), s, s.plus(SEGMENT), i + 1, segments.get(i));
        }
    }
}
