package io.vigil.gateway.web;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vigil.storage.format.BoxReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Footage whose every picture carries its own frame number, so a browser test reads which
 * frame is on screen from the decoded picture itself and knows when it was filmed. ffmpeg
 * burns the number in as a 10-bit barcode ({@code geq}: the 32-pixel column b is white when
 * bit b of the frame number is set); the page draws the video on a canvas and reads the
 * columns back. 25 fps, a keyframe each second exactly, so {@link TestFootage#split} cuts
 * it into 2-second segments of 50 frames. No B-frames, like the demo's simulated cameras
 * (libopenh264) and the IP cameras' usual stream: with them, Chromium seeks by decoding
 * time and shows the next keyframe for the last two pictures before it (docs/web.md).
 */
final class BarcodeFootage {
    static final int FPS = 25;
    static final long FRAME_MS = 1000 / FPS;

    /**
     * A script function {@code frameOf(video)}: the frame number the video shows now, from
     * its picture. Works at any size at least 320 pixels wide (the barcode's 10 columns).
     */
    static final String FRAME_OF = "function frameOf(v) {"
            + " const c = document.createElement('canvas'); c.width = v.videoWidth; c.height = v.videoHeight;"
            + " const g = c.getContext('2d'); g.drawImage(v, 0, 0); let n = 0;"
            + " for (let b = 0; b < 10; b++) { const px = g.getImageData(b * 32 + 8, 100, 16, 40).data; let sum = 0;"
            + "   for (let i = 0; i < px.length; i += 4) sum += px[i];"
            + "   if (sum / (px.length / 4) > 128) n += (1 << b); }"
            + " return n; }\n";

    private BarcodeFootage() {}

    /**
     * {@code seconds} of H.264 at {@code size} (e.g. "320x240") whose first frame is number
     * {@code firstFrame}, cut into 2-second segments as ingest stores them.
     */
    static List<byte[]> segments(Path dir, String size, int seconds, int firstFrame) throws Exception {
        assumeTrue(Files.isExecutable(TestFootage.FFMPEG), "skipped: /usr/bin/ffmpeg is missing");
        Path out = dir.resolve("barcode-" + size + "-" + firstFrame + ".mp4");
        Process p = new ProcessBuilder(TestFootage.FFMPEG.toString(), "-y", "-loglevel", "error",
                "-f", "lavfi", "-i", "color=c=black:size=" + size + ":rate=" + FPS, "-t", Integer.toString(seconds),
                "-vf", "geq=lum='if(mod(floor((N+" + firstFrame + ")/pow(2,floor(X/32))),2),235,16)':cb=128:cr=128",
                "-c:v", "libx264", "-crf", "12", "-bf", "0", "-pix_fmt", "yuv420p", "-g", "25", "-keyint_min", "25", "-sc_threshold", "0", "-f", "mp4",
                "-movflags", "frag_keyframe+empty_moov+default_base_moof", out.toString()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) throw new IllegalStateException("ffmpeg: " + log);
        byte[] mp4 = Files.readAllBytes(out);
        int fragments = 0;
        for (BoxReader.Box b : BoxReader.children(mp4, 0, mp4.length)) {
            if (b.type().equals("moof")) fragments++;
        }
        if (fragments != seconds) throw new IllegalStateException("ffmpeg made " + fragments + " fragments, not one per second");
        return TestFootage.split(mp4, seconds / 2);
    }
}
