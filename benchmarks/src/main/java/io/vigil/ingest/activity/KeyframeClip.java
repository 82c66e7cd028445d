package io.vigil.ingest.activity;

import io.vigil.ingest.codec.VideoCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A test clip made by Debian's ffmpeg for the activity benchmark, cut into its keyframes:
 * each one an Annex B access unit with its parameter sets in front, exactly what
 * {@link FirstPicture} hands {@link KeyframeDecoder} from a stored segment (parameter sets,
 * then the picture's NAL units). The clip is {@code testsrc2} with temporal noise (a
 * camera's sensor noise makes keyframes larger and dearer to decode than a clean test
 * pattern), one keyframe every {@value #KEYINT} pictures, closed GOPs, headers repeated.
 */
final class KeyframeClip {
    static final int KEYINT = 10;

    /** One clip kind of the benchmark. */
    record Kind(VideoCodec codec, int width, int height) {
        String label() {
            return height + "p " + (codec == VideoCodec.H264 ? "H.264" : "H.265");
        }
    }

    private KeyframeClip() {}

    /** Encodes {@code keyframes} GOPs of {@code kind} into {@code dir} and returns its keyframes. */
    static List<byte[]> make(Kind kind, int keyframes, Path dir) throws IOException, InterruptedException {
        boolean h264 = kind.codec() == VideoCodec.H264;
        Path out = dir.resolve(kind.height() + (h264 ? ".h264" : ".hevc"));
        String gop = "keyint=" + KEYINT + ":min-keyint=" + KEYINT + ":scenecut=0:repeat-headers=1";
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-nostats", "-loglevel", "error", "-y",
                "-f", "lavfi", "-i", "testsrc2=size=" + kind.width() + "x" + kind.height() + ":rate=5",
                "-vf", "noise=alls=6:allf=t", "-frames:v", Integer.toString(keyframes * KEYINT), "-pix_fmt", "yuv420p"));
        if (h264) {
            cmd.addAll(List.of("-c:v", "libx264", "-preset", "veryfast", "-crf", "23", "-x264-params", gop, "-f", "h264"));
        } else {
            cmd.addAll(List.of("-c:v", "libx265", "-preset", "ultrafast", "-crf", "28",
                    "-x265-params", gop + ":open-gop=0:log-level=error", "-f", "hevc"));
        }
        cmd.add(out.toString());
        run(cmd, dir.resolve("encode.log"));
        List<byte[]> found = keyframes(kind.codec(), Files.readAllBytes(out));
        if (found.size() != keyframes) {
            throw new IllegalStateException(kind.label() + ": ffmpeg's clip holds " + found.size() + " keyframes, " + keyframes + " expected");
        }
        return found;
    }

    /** Runs a command to its end; its output goes to {@code log}, shown when it fails. */
    static void run(List<String> cmd, Path log) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", cmd) + " failed; its output:\n" + Files.readString(log));
        }
    }

    /** The stream's keyframes, in order, each with the parameter sets last seen before it. */
    static List<byte[]> keyframes(VideoCodec codec, byte[] annexB) {
        List<byte[]> out = new ArrayList<>();
        List<byte[]> params = new ArrayList<>();
        ByteArrayOutputStream picture = null;
        for (byte[] nal : nalUnits(annexB)) {
            int type = codec.nalType(nal);
            boolean vcl = codec == VideoCodec.H264 ? type >= 1 && type <= 5 : type <= 31;
            if (isParameterSet(codec, type)) {
                if (picture != null) { // a new GOP's headers end the keyframe before them
                    out.add(picture.toByteArray());
                    picture = null;
                    params.clear();
                }
                params.add(nal);
            } else if (vcl && codec.isKeyframe(type)) {
                if (picture == null) {
                    picture = new ByteArrayOutputStream();
                    for (byte[] p : params) append(picture, p);
                }
                append(picture, nal); // every slice of the keyframe
            } else if (vcl && picture != null) {
                out.add(picture.toByteArray());
                picture = null;
                params.clear();
            }
        }
        if (picture != null) out.add(picture.toByteArray());
        return out;
    }

    private static boolean isParameterSet(VideoCodec codec, int type) {
        return codec == VideoCodec.H264 ? type == 7 || type == 8 : type >= 32 && type <= 34;
    }

    private static void append(ByteArrayOutputStream out, byte[] nal) {
        out.writeBytes(new byte[] {0, 0, 0, 1});
        out.writeBytes(nal);
    }

    /** The NAL units between the start codes (3 or 4 bytes), without them. */
    static List<byte[]> nalUnits(byte[] s) {
        List<Integer> starts = new ArrayList<>(), ends = new ArrayList<>();
        for (int i = 0; i + 2 < s.length; i++) {
            if (s[i] == 0 && s[i + 1] == 0 && s[i + 2] == 1) {
                if (!starts.isEmpty()) ends.add(i > 0 && s[i - 1] == 0 ? i - 1 : i);
                starts.add(i + 3);
                i += 2;
            }
        }
        ends.add(s.length);
        List<byte[]> out = new ArrayList<>();
        for (int k = 0; k < starts.size(); k++) {
            if (ends.get(k) > starts.get(k)) out.add(java.util.Arrays.copyOfRange(s, starts.get(k), ends.get(k)));
        }
        return out;
    }
}
