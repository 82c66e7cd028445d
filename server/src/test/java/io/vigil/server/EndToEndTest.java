package io.vigil.server;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.config.CameraId;
import io.vigil.config.ConfigLoader;
import io.vigil.config.Role;
import io.vigil.config.VigilConfig;
import io.vigil.gateway.accounts.AccountService;
import io.vigil.ingest.sim.CameraSimulator;
import io.vigil.ingest.sim.SimSettings;
import io.vigil.server.sim.CameraSimHost;
import io.vigil.storage.LedgerEntry;
import io.vigil.storage.SegmentInfo;
import io.vigil.storage.keys.Keystore;
import java.net.CookieManager;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole product as an operator starts it: synthetic cameras served over RTSP (pulled),
 * Debian's ffmpeg pushing a third camera, Vigil recording both into the encrypted store,
 * then a security guard logging in over HTTPS, stating a purpose, and playing the footage,
 * which Debian's ffprobe accepts; the ledger holds the grant and the viewing and verifies.
 */
class EndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void recordPullAndPushThenViewWithAPurpose(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/ffmpeg")), "needs Debian's ffmpeg (apt-get install ffmpeg)");
        try (CameraSimHost sim = CameraSimHost.start(new InetSocketAddress("127.0.0.1", 0), 2, CameraSimulator.Mode.LIVE,
                new SimSettings(320, 240, 10, 10, 300_000), Clock.systemUTC())) {
            Files.writeString(dir.resolve("pass"), "end to end passphrase\n");
            Files.writeString(dir.resolve("cam03.publish"), "cam03-publish-secret\n");
            Path cfgFile = Files.writeString(dir.resolve("vigil.yaml"), """
                    dataDir: data
                    keystore: {path: keystore.vks, passphrase: "file:pass"}
                    segmentDuration: 1s
                    listen: {https: "127.0.0.1:0", rtsp: "127.0.0.1:0"}
                    cameras:
                      - {id: cam01, name: Entrance, location: Lobby, url: "%s"}
                      - {id: cam02, name: Pharmacy, location: Ground floor, url: "%s"}
                      - {id: cam03, name: Loading bay, location: Rear, source: push, publishPassword: "file:cam03.publish"}
                    """.formatted(sim.url(CameraId.of("cam01")), sim.url(CameraId.of("cam02"))));
            VigilConfig config = ConfigLoader.load(cfgFile);
            Keystore.create(config.keystore(), "end to end passphrase".toCharArray());

            try (VigilServer server = VigilServer.start(config)) {
                new AccountService(server.store(), Clock.systemUTC())
                        .addUser("guard", Role.SECURITY_STAFF, List.of(CameraId.of("cam01"), CameraId.of("cam02"), CameraId.of("cam03")), "guard password 123".toCharArray());

                InetSocketAddress rtsp = server.rtspAddress();
                Process ffmpeg = new ProcessBuilder("/usr/bin/ffmpeg", "-nostdin", "-loglevel", "error", "-re",
                        "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25", "-t", "6", "-c:v", "libx264", "-g", "25",
                        "-pix_fmt", "yuv420p", "-f", "rtsp", "-rtsp_transport", "tcp",
                        "rtsp://pub:cam03-publish-secret@127.0.0.1:" + rtsp.getPort() + "/cam03")
                        .redirectErrorStream(true).redirectOutput(dir.resolve("ffmpeg.log").toFile()).start();

                Instant t0 = Instant.now().minusSeconds(60);
                List<SegmentInfo> pulled = waitForSegments(server, "cam01", t0, 3);
                List<SegmentInfo> udp = waitForSegments(server, "cam02", t0, 2);
                assertTrue(ffmpeg.waitFor(60, TimeUnit.SECONDS), "ffmpeg finished pushing");
                assertEquals(0, ffmpeg.exitValue(), Files.readString(dir.resolve("ffmpeg.log")));
                List<SegmentInfo> pushed = waitForSegments(server, "cam03", t0, 2);

                // What is stored is encrypted: the plaintext's MP4 signature is nowhere in the files.
                try (var files = Files.walk(config.dataDir().resolve("segments"))) {
                    for (Path f : files.filter(Files::isRegularFile).toList()) {
                        byte[] bytes;
                        try {
                            bytes = Files.readAllBytes(f);
                        } catch (java.nio.file.NoSuchFileException renamedSinceTheWalk) {
                            continue; // an in-flight .tmp renamed to its final name (cameras keep recording while we look)
                        }
                        assertFalse(new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1).contains("ftypiso"),
                                "segment file " + f + " is not plaintext MP4");
                    }
                }

                HttpClient http = HttpClient.newBuilder().sslContext(TestTls.trustAll()).cookieHandler(new CookieManager())
                        .connectTimeout(Duration.ofSeconds(10)).build();
                String base = server.viewerUrl();
                JsonNode login = post(http, base + "api/v1/login", null, "{\"username\":\"guard\",\"password\":\"guard password 123\"}", 200);
                String csrf = login.get("csrfToken").asText();

                // No footage without a grant.
                HttpResponse<byte[]> refused = http.send(HttpRequest.newBuilder(URI.create(base + "api/v1/grants/nope/video.mp4?camera=cam01")).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                assertTrue(refused.statusCode() == 403 || refused.statusCode() == 404, "status " + refused.statusCode());

                for (List<SegmentInfo> segs : List.of(pulled, pushed)) {
                    String camera = segs.get(0).cameraId().value();
                    Instant from = segs.get(0).start();
                    Instant to = segs.get(segs.size() - 1).end();
                    JsonNode grant = post(http, base + "api/v1/grants", csrf, JSON.writeValueAsString(java.util.Map.of(
                            "cameras", List.of(camera), "from", from.toString(), "to", to.toString(),
                            "purpose", "crime-prevention", "purposeText", "end-to-end check of " + camera)), 201);
                    String grantId = grant.get("grantId").asText();
                    HttpResponse<byte[]> video = http.send(HttpRequest.newBuilder(URI.create(base + "api/v1/grants/" + grantId
                            + "/video.mp4?camera=" + camera)).build(), HttpResponse.BodyHandlers.ofByteArray());
                    assertEquals(200, video.statusCode());
                    assertEquals("video/mp4", video.headers().firstValue("content-type").orElse("").split(";")[0]);
                    Path mp4 = Files.write(dir.resolve(camera + ".mp4"), video.body());
                    String probe = ffprobe(mp4);
                    assertTrue(probe.contains("codec_name=h264"), probe);
                    int frames = Integer.parseInt(probe.lines().filter(l -> l.startsWith("nb_read_frames=")).findFirst().orElseThrow().substring(15));
                    assertTrue(frames >= 10, "frames decoded: " + frames);

                    // Export for the police: a zip whose signed manifest verifies offline with the server's key.
                    HttpResponse<byte[]> export = http.send(HttpRequest.newBuilder(URI.create(base + "api/v1/grants/" + grantId
                            + "/export?camera=" + camera)).header("X-CSRF-Token", csrf)
                                    .POST(HttpRequest.BodyPublishers.ofString("{\"legalBasis\":\"internal\"}")).build(),
                            HttpResponse.BodyHandlers.ofByteArray());
                    assertEquals(200, export.statusCode(), new String(export.body()));
                    Path zip = Files.write(dir.resolve(camera + "-export.zip"), export.body());
                    var verified = io.vigil.gateway.export.ExportVerifier.verify(zip, server.store().ledgerKeyPair().orElseThrow().getPublic());
                    assertTrue(verified.ok(), verified.problems().toString());
                    byte[] tampered = export.body().clone();
                    tampered[tampered.length / 3] ^= 0x01;
                    Path bad = Files.write(dir.resolve(camera + "-tampered.zip"), tampered);
                    assertFalse(io.vigil.gateway.export.ExportVerifier.verify(bad, null).ok(), "a flipped bit is detected");
                }

                List<LedgerEntry> views = server.store().ledger().search(e -> e.record().type().equals("view.start"), 100);
                assertEquals(2, views.size());
                assertEquals(2, server.store().ledger().search(e -> e.record().type().equals("export"), 100).size());
                assertEquals("guard", views.get(0).record().actor());
                assertTrue(views.get(0).record().purpose().contains("crime-prevention"), views.get(0).record().purpose());
                assertNotNull(views.get(0).record().footageFrom());
                assertTrue(server.store().ledger().verify().ok(), server.store().ledger().verify().problem());
            }
        }
    }

    private static List<SegmentInfo> waitForSegments(VigilServer server, String camera, Instant since, int atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        List<SegmentInfo> segs = List.of();
        while (System.nanoTime() < deadline) {
            segs = server.store().segments().list(CameraId.of(camera), since, Instant.now().plusSeconds(60));
            if (segs.size() >= atLeast) return segs;
            TimeUnit.MILLISECONDS.sleep(200); // polling interval while waiting for real time to pass, bounded by the deadline
        }
        fail("camera " + camera + " stored " + segs.size() + " segment(s), expected at least " + atLeast);
        return segs;
    }

    private static JsonNode post(HttpClient http, String url, String csrf, String body, int expected) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (csrf != null) b.header("X-CSRF-Token", csrf);
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(expected, r.statusCode(), url + " -> " + r.body());
        return JSON.readTree(r.body());
    }

    private static String ffprobe(Path file) throws Exception {
        Process p = new ProcessBuilder("/usr/bin/ffprobe", "-v", "error", "-count_frames", "-select_streams", "v:0",
                "-show_entries", "stream=codec_name,width,height,nb_read_frames", "-of", "default=noprint_wrappers=1", file.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out;
    }
}
