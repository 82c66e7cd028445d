package io.vigil.gateway;

import io.vigil.testkit.FragmentedFootage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Real fragmented-MP4 footage made by Debian's ffmpeg (libx264, 320x240, 25 fps, a
 * keyframe every 2 s), cut into segments the way ingest stores them: each segment is
 * the init (ftyp+moov) followed by one fragment (moof+mdat), with decode times
 * continuing from segment to segment.
 */
public final class TestFootage {
    public static final int FPS = 25;
    public static final int SEGMENT_SECONDS = 2;
    public static final int SEGMENTS = 5;
    public static final int FRAMES_PER_SEGMENT = FPS * SEGMENT_SECONDS;
    private static final java.util.Map<String, List<byte[]>> cached = new java.util.HashMap<>();

    private TestFootage() {}

    public static List<byte[]> segments() {
        return segments("320x240");
    }

    /** The same footage at another resolution (a camera reconfigured mid-recording). */
    public static synchronized List<byte[]> segments(String size) {
        if (cached.containsKey(size)) return cached.get(size);
        try {
            Path dir = Files.createTempDirectory("vigil-footage");
            byte[] mp4 = FragmentedFootage.encode(dir.resolve("source.mp4"), "testsrc2=size=" + size + ":rate=" + FPS,
                    SEGMENTS * SEGMENT_SECONDS, "-c:v", "libx264", "-g", Integer.toString(FRAMES_PER_SEGMENT),
                    "-keyint_min", Integer.toString(FRAMES_PER_SEGMENT), "-sc_threshold", "0", "-pix_fmt", "yuv420p");
            List<byte[]> segs = FragmentedFootage.segments(mp4, 1);
            if (segs.size() != SEGMENTS) throw new IllegalStateException("expected " + SEGMENTS + " fragments, got " + segs.size());
            cached.put(size, segs);
            return segs;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Runs ffprobe on a file and returns the number of decoded video frames, or throws with its output. */
    public static int ffprobeFrameCount(Path file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("/usr/bin/ffprobe", "-v", "error", "-count_frames", "-select_streams", "v:0",
                "-show_entries", "stream=nb_read_frames", "-of", "default=nokey=1:noprint_wrappers=1", file.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) throw new AssertionError("ffprobe rejected " + file + ": " + out);
        String[] lines = out.split("\\R");
        try {
            return Integer.parseInt(lines[lines.length - 1].trim());
        } catch (NumberFormatException e) {
            throw new AssertionError("ffprobe said: " + out);
        }
    }

    /** Presentation times (s) of the video packets in decoding order, from ffprobe. */
    public static List<Double> ffprobePacketTimes(Path file) throws IOException, InterruptedException {
        List<Double> out = new ArrayList<>();
        for (String line : ffprobe(file, "-select_streams", "v:0", "-show_entries", "packet=pts_time", "-of", "csv=p=0")) {
            if (!line.isBlank()) out.add(Double.parseDouble(line.trim().replace(",", "")));
        }
        return out;
    }

    /** The container's duration (s) as ffprobe reads it from the header (format=duration). */
    public static double ffprobeFormatDuration(Path file) throws IOException, InterruptedException {
        List<String> lines = ffprobe(file, "-show_entries", "format=duration", "-of", "csv=p=0");
        return Double.parseDouble(lines.get(lines.size() - 1).trim());
    }

    private static List<String> ffprobe(Path file, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/ffprobe", "-v", "error"));
        cmd.addAll(List.of(args));
        cmd.add(file.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) throw new AssertionError("ffprobe rejected " + file + ": " + out);
        return List.of(out.split("\\R"));
    }

    /** ffprobe's complaints while decoding every frame (empty when the file is clean). */
    public static String ffprobeErrors(Path file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("/usr/bin/ffprobe", "-v", "error", "-count_frames", "-show_entries", "stream=nb_read_frames",
                "-of", "csv=p=0", file.toString()).redirectErrorStream(false).start();
        p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes()).trim();
        p.waitFor(60, TimeUnit.SECONDS);
        return err;
    }
}
