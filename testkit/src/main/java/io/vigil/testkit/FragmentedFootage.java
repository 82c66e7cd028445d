package io.vigil.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Real footage for tests: fragmented MP4 made by Debian's ffmpeg from a synthetic source, and
 * the cut into segments the way ingest stores them (each segment the init, ftyp + moov,
 * followed by whole fragments, moof + mdat, so decode times run on from segment to segment).
 * The callers choose the picture and the encoder's options; this is the part they shared.
 */
public final class FragmentedFootage {
    public static final Path FFMPEG = Path.of("/usr/bin/ffmpeg");
    private static final long TIMEOUT_SECONDS = 120;

    private FragmentedFootage() {}

    /**
     * {@code seconds} of ffmpeg's lavfi {@code source} (e.g. {@code testsrc2=size=320x240:rate=25})
     * encoded with {@code videoOptions} (codec, GOP, pixel format…) as fragmented MP4 (a
     * fragment per keyframe), written to {@code out}; returns the file's bytes.
     *
     * @throws IllegalStateException with ffmpeg's output when it fails or takes over 120 s
     */
    public static byte[] encode(Path out, String source, int seconds, String... videoOptions)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(FFMPEG.toString(), "-y", "-loglevel", "error",
                "-f", "lavfi", "-i", source, "-t", Integer.toString(seconds)));
        cmd.addAll(List.of(videoOptions));
        cmd.addAll(List.of("-f", "mp4", "-movflags", "frag_keyframe+empty_moov+default_base_moof", out.toString()));
        Path log = out.resolveSibling(out.getFileName() + ".log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("ffmpeg did not finish within " + TIMEOUT_SECONDS + " s: " + String.join(" ", cmd));
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException("ffmpeg failed (" + p.exitValue() + "): " + Files.readString(log));
        }
        return Files.readAllBytes(out);
    }

    /**
     * Cuts a fragmented MP4 into segments of {@code fragmentsPerSegment} fragments each, every
     * one behind the file's init (every box before the first fragment); fragments left over at
     * the end (fewer than a segment) and boxes after the first fragment other than moof and
     * mdat (mfra: an index for files) are left out.
     */
    public static List<byte[]> segments(byte[] mp4, int fragmentsPerSegment) {
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
                default -> {
                    // before the first fragment: part of the init; after it (mfra: an index for files): left out
                    if (fragments.isEmpty() && fragment == null) init.write(mp4, pos, size);
                }
            }
            buf.position(pos + size);
        }
        List<byte[]> segments = new ArrayList<>();
        for (int first = 0; first + fragmentsPerSegment <= fragments.size(); first += fragmentsPerSegment) {
            ByteArrayOutputStream seg = new ByteArrayOutputStream();
            seg.writeBytes(init.toByteArray());
            for (int i = first; i < first + fragmentsPerSegment; i++) seg.writeBytes(fragments.get(i));
            segments.add(seg.toByteArray());
        }
        return segments;
    }
}
