package io.vigil.ingest.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vigil.ingest.fmp4.Segment;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    /**
     * Probes each 25 fps segment in turn (codec, size, frames, duration, and a decode time
     * continuing the previous segment's), then the segments joined as a player would (the
     * first init only): {@code frames} in all, counted both ways; returns the joined stream's facts.
     */
    static Stream probeSegmentsInTurn(Path dir, List<Segment> segments, String codec, int width, int height, int frames)
            throws Exception {
        ByteArrayOutputStream concat = new ByteArrayOutputStream();
        int total = 0;
        for (int i = 0; i < segments.size(); i++) {
            Segment s = segments.get(i);
            Path file = dir.resolve("seg" + i + ".mp4");
            Files.write(file, s.fmp4());
            Stream probe = probe(file);
            assertEquals(codec, probe.codec());
            assertEquals(width, probe.width());
            assertEquals(height, probe.height());
            assertEquals(s.frames(), probe.frames(), 1, "frames in " + file);
            assertEquals(s.frames() / 25.0, probe.duration(), 0.05, "duration of " + file);
            assertEquals(total / 25.0, probe.start(), 0.05, "tfdt of " + file + " continues the previous segment");
            total += s.frames();
            concat.write(i == 0 ? s.fmp4() : MediaPipeline.withoutInit(s.fmp4()));
        }
        assertEquals(frames, total, 1, "frames of the segments");
        Path all = dir.resolve("all.mp4");
        Files.write(all, concat.toByteArray());
        Stream joined = probe(all);
        assertEquals(codec, joined.codec());
        assertEquals(frames, joined.frames(), 1, "frames of the joined segments");
        return joined;
    }

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

    /** A packet (sample) as the demuxer reads it, times in the stream's time base (90 kHz for Vigil's files). */
    record Packet(long pts, long dts, long duration) {}

    /** Every video packet of {@code file}, in file (decoding) order. */
    static List<Packet> packets(Path file) throws Exception {
        List<Packet> out = new ArrayList<>();
        for (Map<String, String> p : entries(file, "-select_streams", "v:0", "-show_entries", "packet=pts,dts,duration")) {
            out.add(new Packet(Long.parseLong(p.get("pts")), Long.parseLong(p.get("dts")), Long.parseLong(p.get("duration"))));
        }
        return out;
    }

    /** Presentation time of every picture the decoder outputs, in output order. */
    static List<Long> framePts(Path file) throws Exception {
        List<Long> out = new ArrayList<>();
        for (Map<String, String> f : entries(file, "-select_streams", "v:0", "-show_entries", "frame=pts")) {
            out.add(Long.parseLong(f.get("pts")));
        }
        return out;
    }

    /** What {@code ffmpeg -v error} says while decoding the whole file; empty when it decodes cleanly. */
    static String decodeErrors(Path file) throws Exception {
        return run("/usr/bin/ffmpeg", "-nostdin", "-v", "error", "-i", file.toString(), "-f", "null", "-").trim();
    }

    private static List<Map<String, String>> entries(Path file, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/ffprobe", "-v", "error"));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("-of", "compact=p=0", file.toString()));
        List<Map<String, String>> out = new ArrayList<>();
        for (String line : run(cmd.toArray(String[]::new)).split("\n")) {
            if (line.isBlank()) continue;
            if (line.matches("\\[\\w+ @ 0x[0-9a-f]+\\] .*")) continue; // a decoder's message (stderr): decodeErrors reports those
            Map<String, String> fields = new HashMap<>();
            for (String kv : line.trim().split("\\|")) {
                int eq = kv.indexOf('=');
                if (eq < 0) throw new AssertionError("ffprobe printed " + line + " for " + file);
                fields.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
            out.add(fields);
        }
        return out;
    }

    /** Runs a command to its end; its output (stdout and stderr); fails the test on a non-zero exit. */
    private static String run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", cmd) + " hung");
        }
        if (p.exitValue() != 0) throw new AssertionError(String.join(" ", cmd) + " exited with " + p.exitValue() + ": " + out);
        return out;
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
