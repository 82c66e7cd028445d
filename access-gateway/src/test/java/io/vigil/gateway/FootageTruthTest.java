package io.vigil.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.config.CameraId;
import io.vigil.gateway.GatewayFixture.Login;
import io.vigil.gateway.export.ExportVerifier;
import io.vigil.gateway.export.KeyFingerprint;
import io.vigil.gateway.export.VerifyResult;
import io.vigil.storage.LedgerEntry;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Footage that tells the truth about itself, with real parts: ffmpeg-made H.264 stored
 * through the real encrypted store, then one segment damaged (a byte flipped in its
 * encrypted file), one segment file deleted, a gap the recorder reported (camera down),
 * a recorder restart (decode times back at 0) and a resolution change (320x240 to
 * 640x480). Playback, the footage map, the export's signed manifest and the ledger must
 * all say exactly what is there; ffprobe checks the videos' times and header durations.
 *
 * <pre>
 * T1+0 ..10 s   A: 5 segments, 320x240
 * T1+10..40 s   not recorded ("camera unreachable")
 * T1+40..50 s   B: 5 segments, 320x240, decode times restarting; B1 damaged, B3 file deleted
 * T1+50..60 s   C: 5 segments, 640x480
 * </pre>
 */
class FootageTruthTest extends SharedGatewayTest {
    static final Instant T1 = GatewayFixture.T0.plusSeconds(3600);
    static final int SEG = TestFootage.FRAMES_PER_SEGMENT;
    Login staff;
    String grant;

    @BeforeAll
    void footage() throws Exception {
        List<byte[]> small = TestFootage.segments(), large = TestFootage.segments("640x480");
        for (int i = 0; i < 5; i++) append(T1.plusSeconds(2L * i), 100 + i, small.get(i));
        f.store.segments().recordGap(CameraId.of("cam-01"), T1.plusSeconds(10), T1.plusSeconds(40), "camera unreachable");
        for (int i = 0; i < 5; i++) append(T1.plusSeconds(40 + 2L * i), 200 + i, small.get(i));
        for (int i = 0; i < 5; i++) append(T1.plusSeconds(50 + 2L * i), 300 + i, large.get(i));
        flipByte(segmentFile(T1.plusSeconds(42), 201));
        Files.delete(segmentFile(T1.plusSeconds(46), 203));
        staff = f.login("staff");
        HttpResponse<String> r = f.post("/api/v1/grants", GatewayFixture.grantBody(T1, T1.plusSeconds(60), "cam-01"), staff);
        assertEquals(201, r.statusCode(), r.body());
        grant = GatewayFixture.json(r).get("grantId").asText();
    }

    private void append(Instant start, long seq, byte[] data) {
        f.store.segments().append(CameraId.of("cam-01"), start, start.plusSeconds(2), seq, data);
    }

    private Path segmentFile(Instant start, long seq) throws Exception {
        String name = start.toEpochMilli() + "-" + seq + ".vseg";
        try (Stream<Path> files = Files.walk(f.dir.resolve("data").resolve("segments").resolve("cam-01"))) {
            return files.filter(p -> p.getFileName().toString().equals(name)).findFirst()
                    .orElseThrow(() -> new AssertionError("no stored file " + name));
        }
    }

    private static void flipByte(Path file) throws Exception {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long at = ch.size() / 2;
            ByteBuffer b = ByteBuffer.allocate(1);
            ch.read(b, at);
            b.put(0, (byte) (b.get(0) ^ 0x40)).rewind();
            ch.write(b, at);
        }
    }

    private String q() {
        return "camera=cam-01&from=" + T1 + "&to=" + T1.plusSeconds(60);
    }

    @Test
    void theFootageMapNamesPartsSpansAndGapsWithTheirReasons() throws Exception {
        HttpResponse<String> r = f.get("/api/v1/grants/" + grant + "/footage?" + q(), staff);
        assertEquals(200, r.statusCode(), r.body());
        JsonNode m = GatewayFixture.json(r);
        JsonNode parts = m.get("parts");
        assertEquals(2, parts.size(), "a new part at the resolution change: " + parts);
        assertEquals(T1.toString(), parts.get(0).get("from").asText());
        assertEquals(T1.plusSeconds(50).toString(), parts.get(0).get("to").asText());
        assertEquals(320, parts.get(0).get("width").asInt());
        assertEquals(8, parts.get(0).get("segments").asInt(), "5 + the 3 readable segments of B");
        assertEquals(T1.plusSeconds(50).toString(), parts.get(1).get("from").asText());
        assertEquals(640, parts.get(1).get("width").asInt());
        assertEquals(480, parts.get(1).get("height").asInt());
        assertEquals("avc1", parts.get(1).get("codec").asText());
        assertEquals(List.of(
                        T1.plusSeconds(10) + " " + T1.plusSeconds(40) + " not-recorded camera unreachable",
                        T1.plusSeconds(42) + " " + T1.plusSeconds(44) + " damaged ",
                        T1.plusSeconds(46) + " " + T1.plusSeconds(48) + " missing "),
                gapLines(m));
        assertEquals(List.of(T1 + "/" + T1.plusSeconds(10), T1.plusSeconds(40) + "/" + T1.plusSeconds(42),
                T1.plusSeconds(44) + "/" + T1.plusSeconds(46), T1.plusSeconds(48) + "/" + T1.plusSeconds(60)), spans(m));
    }

    private static List<String> gapLinesShifted(JsonNode m) {
        List<String> out = new ArrayList<>();
        for (String line : gapLines(m)) out.add(line.replace(T1.plusSeconds(10) + " " + T1.plusSeconds(40), T1 + " " + T1.plusSeconds(10)));
        return out;
    }

    private static List<String> gapLines(JsonNode m) {
        List<String> out = new ArrayList<>();
        for (JsonNode g : m.get("gaps")) {
            out.add(g.get("from").asText() + " " + g.get("to").asText() + " " + g.get("kind").asText() + " " + g.get("reason").asText());
        }
        return out;
    }

    private static List<String> spans(JsonNode m) {
        List<String> out = new ArrayList<>();
        for (JsonNode s : m.get("spans")) out.add(s.get("from").asText() + "/" + s.get("to").asText());
        return out;
    }

    @Test
    void playbackPlaysEachPartWithGapsInItsTimelineAndItsLengthInTheHeader() throws Exception {
        HttpResponse<byte[]> r = f.getBytes("/api/v1/grants/" + grant + "/video.mp4?" + q(), staff);
        assertEquals(200, r.statusCode(), () -> new String(r.body()));
        assertEquals("0", r.headers().firstValue("X-Vigil-Part").orElse(""));
        assertEquals("2", r.headers().firstValue("X-Vigil-Parts").orElse(""));
        assertEquals(T1.toString(), r.headers().firstValue("X-Vigil-Footage-Start").orElse(""));
        Path part0 = dir.resolve("part0.mp4");
        Files.write(part0, r.body());
        assertEquals(8 * SEG, TestFootage.ffprobeFrameCount(part0), "every readable frame of the part, none after the change");
        assertEquals("", TestFootage.ffprobeErrors(part0));
        // Packet times less the first picture's presentation delay (B-frames) are footage times - T1.
        List<Double> pts = TestFootage.ffprobePacketTimes(part0);
        double delay = GatewayFixture.json(f.get("/api/v1/grants/" + grant + "/footage?" + q(), staff))
                .get("parts").get(0).get("presentationDelayMs").asLong() / 1000.0;
        assertEquals(pts.get(0), delay, 0.001, "the map states the delay the file has");
        assertEquals(40.0, pts.get(5 * SEG) - delay, 0.002, "after the 30 s the camera was down, B starts at its footage time");
        assertEquals(44.0, pts.get(6 * SEG) - delay, 0.002, "the damaged segment (42-44 s) is a gap");
        assertEquals(48.0, pts.get(7 * SEG) - delay, 0.002, "the missing segment (46-48 s) is a gap");
        assertEquals(50.0, TestFootage.ffprobeFormatDuration(part0), 0.05, "the header states the part's length");

        HttpResponse<byte[]> r1 = f.getBytes("/api/v1/grants/" + grant + "/video.mp4?" + q() + "&part=1", staff);
        assertEquals(200, r1.statusCode(), () -> new String(r1.body()));
        assertEquals(T1.plusSeconds(50).toString(), r1.headers().firstValue("X-Vigil-Footage-Start").orElse(""));
        Path part1 = dir.resolve("part1.mp4");
        Files.write(part1, r1.body());
        assertEquals(5 * SEG, TestFootage.ffprobeFrameCount(part1), "the footage after the resolution change");
        assertEquals(10.0, TestFootage.ffprobeFormatDuration(part1), 0.05);
        assertEquals("640,480", ffprobeSize(part1));

        assertEquals(400, f.getBytes("/api/v1/grants/" + grant + "/video.mp4?" + q() + "&part=2", staff).statusCode());
        List<LedgerEntry> starts = f.store.ledger().search(e -> e.record().type().equals("view.start")
                && grant.equals(e.record().details().get("grantId")), 10);
        assertEquals(1, starts.size());
        Map<String, String> d = starts.get(0).record().details();
        assertEquals("2", d.get("parts"));
        assertEquals("3", d.get("gaps"));
        assertEquals(T1.plusSeconds(42) + "/" + T1.plusSeconds(44) + " damaged; " + T1.plusSeconds(46) + "/" + T1.plusSeconds(48)
                + " missing", d.get("footageLost"), "the ledger says which footage could not be shown");
    }

    @Test
    void theExportHasOneClipPerPartAndItsSignedManifestNamesEveryGap() throws Exception {
        HttpResponse<byte[]> r = f.http.send(HttpRequest.newBuilder(f.uri("/api/v1/grants/" + grant + "/export?" + q()))
                .header("Cookie", staff.cookie()).header("X-CSRF-Token", staff.csrf())
                .POST(HttpRequest.BodyPublishers.ofString("{\"recipient\":\"Police station 3\",\"legalBasis\":\"warrant\"}")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode(), () -> new String(r.body()));
        Path zip = dir.resolve("export.zip");
        Files.write(zip, r.body());
        Map<String, byte[]> entries = unzip(zip);
        assertEquals(List.of("clip-1.mp4", "clip-2.mp4", "manifest.json", "manifest.sig"), List.copyOf(entries.keySet()));

        JsonNode m = GatewayFixture.JSON.readTree(entries.get("manifest.json"));
        assertEquals("vigil-export/2", m.get("format").asText());
        assertFalse(m.get("complete").asBoolean());
        assertTrue(m.get("footageLost").asBoolean());
        assertEquals(T1.toString(), m.get("footageFrom").asText());
        assertEquals(T1.plusSeconds(60).toString(), m.get("footageTo").asText());
        assertEquals(List.of("not-recorded", "damaged", "missing"), m.get("gaps").findValuesAsText("kind"));
        assertEquals(4, m.get("spans").size());
        JsonNode clips = m.get("clips");
        assertEquals(T1.plusSeconds(50).toString(), clips.get(0).get("to").asText());
        assertEquals(50_000, clips.get(0).get("durationMs").asLong());
        assertEquals(640, clips.get(1).get("width").asInt());
        assertEquals(KeyFingerprint.of(f.ledgerKey.getPublic()), m.get("signer").get("fingerprint").asText());

        Path clip1 = dir.resolve("clip-1.mp4"), clip2 = dir.resolve("clip-2.mp4");
        Files.write(clip1, entries.get("clip-1.mp4"));
        Files.write(clip2, entries.get("clip-2.mp4"));
        assertEquals(8 * SEG, TestFootage.ffprobeFrameCount(clip1));
        assertEquals(5 * SEG, TestFootage.ffprobeFrameCount(clip2));
        assertEquals(50.0, TestFootage.ffprobeFormatDuration(clip1), 0.05, "a player reading only the header sees 50 s");
        assertEquals(10.0, TestFootage.ffprobeFormatDuration(clip2), 0.05);

        VerifyResult v = ExportVerifier.verify(zip, f.ledgerKey.getPublic());
        assertTrue(v.ok(), v.problems().toString());
        assertEquals(KeyFingerprint.of(f.ledgerKey.getPublic()), v.signerFingerprint());
        assertTrue(v.footage().contains("gap " + T1.plusSeconds(42) + " to " + T1.plusSeconds(44) + ": damaged"), v.footage().toString());
        VerifyResult other = ExportVerifier.verify(zip, KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic());
        assertFalse(other.ok());
        assertTrue(other.problems().get(0).contains("not by the expected key"), other.problems().toString());

        List<LedgerEntry> exports = f.store.ledger().search(e -> e.record().type().equals("export")
                && grant.equals(e.record().details().get("grantId")), 10);
        assertEquals(1, exports.size());
        assertTrue(exports.get(0).record().details().get("footageLost").contains(T1.plusSeconds(42) + "/" + T1.plusSeconds(44) + " damaged"),
                exports.get(0).record().details().toString());
        assertEquals(2, exports.get(0).record().details().get("sha256").split(",").length);
    }

    @Test
    void footageWhollyDamagedIsRefusedSayingSo() throws Exception {
        // Only the damaged segment lies inside this range.
        String only = "camera=cam-01&from=" + T1.plusSeconds(42) + "&to=" + T1.plusSeconds(44);
        HttpResponse<byte[]> r = f.getBytes("/api/v1/grants/" + grant + "/video.mp4?" + only, staff);
        assertEquals(404, r.statusCode());
        assertTrue(new String(r.body()).contains("damaged"), new String(r.body()));
    }

    private static String ffprobeSize(Path file) throws Exception {
        Process p = new ProcessBuilder("/usr/bin/ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries",
                "stream=width,height", "-of", "csv=p=0", file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        p.waitFor();
        return out;
    }

    private static Map<String, byte[]> unzip(Path zip) throws Exception {
        Map<String, byte[]> out = new java.util.LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(zip); ZipInputStream z = new ZipInputStream(in)) {
            ZipEntry e;
            while ((e = z.getNextEntry()) != null) out.put(e.getName(), z.readAllBytes());
        }
        return out;
    }
}
