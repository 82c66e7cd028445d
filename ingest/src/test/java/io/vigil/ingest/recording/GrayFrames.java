package io.vigil.ingest.recording;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The luma planes of a video's pictures, decoded by Debian's ffmpeg, to compare what a
 * player shows with the source pictures: a picture decoded against the wrong reference
 * pictures decodes without any error message from ffmpeg, only its content tells.
 */
final class GrayFrames {
    private final int width;
    private final int height;
    private final byte[] data;

    private GrayFrames(int width, int height, byte[] data) {
        this.width = width;
        this.height = height;
        this.data = data;
    }

    /** Every picture the decoder outputs, in output order, none repeated or dropped for a frame rate. */
    static GrayFrames decode(Path video, int width, int height, Path workDir) throws Exception {
        return run(List.of("-i", video.toString(), "-fps_mode", "passthrough"), width, height, workDir);
    }

    /** The first {@code frames} pictures of an ffmpeg lavfi source. */
    static GrayFrames source(String lavfi, int frames, int width, int height, Path workDir) throws Exception {
        return run(List.of("-f", "lavfi", "-i", lavfi, "-frames:v", Integer.toString(frames)), width, height, workDir);
    }

    private static GrayFrames run(List<String> input, int width, int height, Path workDir) throws Exception {
        Path out = Files.createTempFile(workDir, "frames", ".gray");
        List<String> cmd = new java.util.ArrayList<>(List.of("/usr/bin/ffmpeg", "-nostdin", "-v", "error", "-y"));
        cmd.addAll(input);
        cmd.addAll(List.of("-f", "rawvideo", "-pix_fmt", "gray", out.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("ffmpeg hung: " + cmd);
        }
        if (p.exitValue() != 0) throw new AssertionError("ffmpeg failed: " + cmd + "\n" + log);
        byte[] data = Files.readAllBytes(out);
        Files.delete(out);
        if (data.length % (width * height) != 0) throw new AssertionError(data.length + " bytes are not whole " + width + "x" + height + " pictures");
        return new GrayFrames(width, height, data);
    }

    int count() {
        return data.length / (width * height);
    }

    /** Peak signal-to-noise ratio of picture {@code i} against picture {@code j} of {@code other}, in dB. */
    double psnr(int i, GrayFrames other, int j) {
        int n = width * height;
        int a = i * n;
        int b = j * n;
        long sum = 0;
        for (int k = 0; k < n; k++) {
            int d = (data[a + k] & 0xFF) - (other.data[b + k] & 0xFF);
            sum += (long) d * d;
        }
        double mse = Math.max(sum / (double) n, 1e-9);
        return 10 * Math.log10(255.0 * 255.0 / mse);
    }
}
