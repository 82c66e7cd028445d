package io.vigil.gateway.web;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vigil.storage.SegmentStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Real footage for the browser to play: H.264 fragmented MP4 made by Debian's ffmpeg
 * (320x240, 25 fps, a keyframe each second), stored as consecutive 2-second segments
 * of a camera, the shape ingest writes.
 */
final class TestFootage {
    static final Path FFMPEG = Path.of("/usr/bin/ffmpeg");
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
        Path out = workDir.resolve("footage.mp4");
        Path log = workDir.resolve("ffmpeg.log");
        Process p = new ProcessBuilder(FFMPEG.toString(), "-y", "-loglevel", "error",
                "-f", "lavfi", "-i", "testsrc2=size=" + WIDTH + "x" + HEIGHT + ":rate=25", "-t", Integer.toString(2 * count),
                "-c:v", "libx264", "-pix_fmt", "yuv420p", "-g", "25",
                "-f", "mp4", "-movflags", "frag_keyframe+empty_moov+default_base_moof", out.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("ffmpeg did not finish within 120 s");
        }
        if (p.exitValue() != 0) throw new IOException("ffmpeg failed (" + p.exitValue() + "): " + Files.readString(log));
        return split(Files.readAllBytes(out), count);
    }

    /** Splits a fragmented MP4 with one fragment per second into 2-fragment segments. */
    static List<byte[]> split(byte[] mp4, int count) {
        ByteArrayOutputStream init = new ByteArrayOutputStream();
        List<byte[]> fragments = new ArrayList<>();
        ByteArrayOutputStream fragment = null;
        ByteBuffer buf = ByteBuffer.wrap(mp4);
        while (buf.remaining() >= 8) {
            int pos = buf.position();
            int size = buf.getInt(pos);
            String type = new String(mp4, pos + 4, 4, StandardCharsets.US_ASCII);
            if (size < 8 || size > buf.remaining()) throw new IllegalStateException("bad MP4 box " + type + " at " + pos);
            switch (type) {
                case "ftyp", "moov" -> init.write(mp4, pos, size);
                case "moof" -> {
                    fragment = new ByteArrayOutputStream();
                    fragment.write(mp4, pos, size);
                }
                case "mdat" -> {
                    if (fragment == null) throw new IllegalStateException("mdat before moof at " + pos);
                    fragment.write(mp4, pos, size);
                    fragments.add(fragment.toByteArray());
                    fragment = null;
                }
                default -> { } // mfra and the like: an index for files, not needed in segments
            }
            buf.position(pos + size);
        }
        if (fragments.size() < 2 * count) {
            throw new IllegalStateException("ffmpeg made " + fragments.size() + " fragments, expected " + 2 * count);
        }
        List<byte[]> segments = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ByteArrayOutputStream seg = new ByteArrayOutputStream();
            seg.writeBytes(init.toByteArray());
            seg.writeBytes(fragments.get(2 * i));
            seg.writeBytes(fragments.get(2 * i + 1));
            segments.add(seg.toByteArray());
        }
        return segments;
    }

    /** Appends the segments to a camera as consecutive 2 s slots from {@code start}. */
    static void record(SegmentStore store, String cameraId, Instant start, List<byte[]> segments) {
        for (int i = 0; i < segments.size(); i++) {
            Instant s = start.plus(SEGMENT.multipliedBy(i));
            store.append(cameraId, s, s.plus(SEGMENT), i + 1, segments.get(i));
        }
    }
}
