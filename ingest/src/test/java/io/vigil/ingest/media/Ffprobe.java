package io.vigil.ingest.media;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs Debian's ffprobe on a file and reads the first video stream's facts from its JSON. */
final class Ffprobe {
    /**
     * @param end   ffprobe's stream "duration": for fragmented MP4 it is the end of the last
     *              sample on the decode timeline (tfdt included), not the length
     * @param start ffprobe's stream "start_time" (the first tfdt)
     */
    record Stream(String codec, int width, int height, int frames, double start, double end, String raw) {
        /** How long the stream plays. */
        double duration() {
            return end - start;
        }
    }

    private Ffprobe() {}

    static Stream probe(Path file) throws Exception {
        Process p = new ProcessBuilder("/usr/bin/ffprobe", "-v", "error", "-count_frames", "-show_streams", "-of", "json",
                file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("ffprobe hung on " + file);
        }
        if (p.exitValue() != 0) throw new AssertionError("ffprobe rejected " + file + ": " + out);
        return new Stream(str(out, "codec_name"), num(out, "width"), num(out, "height"), num(out, "nb_read_frames"),
                Double.parseDouble(str(out, "start_time")), Double.parseDouble(str(out, "duration")), out);
    }

    private static String str(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\": \"([^\"]*)\"").matcher(json);
        if (!m.find()) throw new AssertionError("ffprobe output lacks " + key + ": " + json);
        return m.group(1);
    }

    private static int num(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\": \"?(\\d+)").matcher(json);
        if (!m.find()) throw new AssertionError("ffprobe output lacks " + key + ": " + json);
        return Integer.parseInt(m.group(1));
    }
}
