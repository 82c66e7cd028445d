package io.vigil.server.health;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.config.ConfigLoader;
import io.vigil.config.VigilConfig;
import io.vigil.ingest.sim.CameraSimulator;
import io.vigil.ingest.sim.SimSettings;
import io.vigil.server.TestTls;
import io.vigil.server.VigilServer;
import io.vigil.server.sim.CameraSimHost;
import io.vigil.storage.keys.Keystore;
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
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole server with two simulated cameras pulled over RTSP. Both record and /health is
 * UP; then one camera's simulator is stopped for real. While it has been down for less than
 * {@code health.cameraDownAfter} (30 s in the YAML) health stays UP; past it, health is
 * DEGRADED and names the camera with the recorder's reason, while the other camera still
 * records. Read from a monitoring network (127.0.0.0/8), as a monitoring tool would.
 */
class CameraDownHealthTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void aCameraDownLongerThanTheLimitMakesHealthDegradedWithItsNameAndReason(@TempDir Path dir) throws Exception {
        SimSettings sim = new SimSettings(320, 240, 10, 10, 300_000, false);
        InetSocketAddress any = new InetSocketAddress("127.0.0.1", 0);
        try (CameraSimHost steady = CameraSimHost.start(any, 1, CameraSimulator.Mode.LIVE, sim, Clock.systemUTC());
             CameraSimHost doomed = CameraSimHost.start(any, 1, CameraSimulator.Mode.LIVE, sim, Clock.systemUTC())) {
            Files.writeString(dir.resolve("pass"), "health test passphrase\n");
            Path cfgFile = Files.writeString(dir.resolve("vigil.yaml"), """
                    dataDir: data
                    keystore: {path: keystore.vks, passphrase: "file:pass"}
                    segmentDuration: 1s
                    language: en
                    listen: {https: "127.0.0.1:0"}
                    access: {monitoringNetworks: [127.0.0.0/8]}
                    health: {cameraDownAfter: 30s}
                    cameras:
                      - {id: entrance, name: Entrance, location: Main door, url: "%s"}
                      - {id: lobby, name: Lobby, location: Ground floor, url: "%s"}
                    """.formatted(steady.url(steady.cameraIds().get(0)), doomed.url(doomed.cameraIds().get(0))));
            VigilConfig config = ConfigLoader.load(cfgFile);
            assertEquals(Duration.ofSeconds(30), config.settings().cameraDownAfter());
            Keystore.create(config.keystore(), "health test passphrase".toCharArray());
            try (VigilServer server = VigilServer.start(config)) {
                HttpClient http = HttpClient.newBuilder().sslContext(TestTls.trustAll()).build();
                URI health = URI.create(server.viewerUrl() + "health");
                JsonNode up = poll(http, health, Duration.ofSeconds(60), b -> b.path("checks").path("cameras").path("recording").asInt() == 2);
                assertEquals("UP", up.path("checks").path("cameras").path("status").asText(), up.toString());

                doomed.close();
                Instant stopped = Instant.now();
                JsonNode down = poll(http, health, Duration.ofSeconds(60), b -> !"RECORDING".equals(camera(b, "lobby").path("state").asText()));
                if (camera(down, "lobby").path("downSeconds").asLong() < 25) {
                    assertEquals("UP", down.path("checks").path("cameras").path("status").asText(),
                            "down for less than cameraDownAfter is no alarm yet: " + down);
                }
                JsonNode degraded = poll(http, health, Duration.ofSeconds(120),
                        b -> "DEGRADED".equals(b.path("checks").path("cameras").path("status").asText()));
                assertTrue(Duration.between(stopped, Instant.now()).toSeconds() >= 29, "not before the limit: " + degraded);
                assertEquals("DEGRADED", degraded.path("status").asText());
                JsonNode problem = degraded.path("checks").path("cameras").path("problems").get(0);
                String text = problem.path("text").asText();
                assertTrue(text.startsWith("Camera Lobby (lobby) has not recorded for"), text);
                String reason = camera(degraded, "lobby").path("reason").asText();
                assertFalse(reason.isBlank(), degraded.toString());
                assertTrue(text.endsWith(reason), "the recorder's reason is in the problem: " + text);
                assertEquals(1, degraded.path("checks").path("cameras").path("problems").size(), "only the stopped camera: " + degraded);
                assertEquals("RECORDING", camera(degraded, "entrance").path("state").asText());
                assertTrue(camera(degraded, "lobby").path("overLimit").asBoolean());
                // A write rate (and the days the disk still holds) once 30 s of footage are stored
                // (DiskHealth.MIN_SPAN): the entrance camera's first segment began only about that
                // long before the lobby camera went over its limit, so the rate may follow a moment later.
                JsonNode disk = poll(http, health, Duration.ofSeconds(60),
                        b -> b.path("checks").path("disk").path("writeBytesPerSecond").isNumber()).path("checks").path("disk");
                assertTrue(disk.path("writeBytesPerSecond").asLong() > 0, disk.toString());
                assertTrue(disk.path("daysLeft").asDouble() > 0, disk.toString());
                assertEquals(14, degraded.path("checks").path("retention").path("retentionDays").asInt());
                assertTrue(degraded.path("checks").path("ledger").path("verified").asBoolean());
                System.out.println("lobby down: " + camera(degraded, "lobby") + "; disk: " + degraded.path("checks").path("disk"));
            }
        }
    }

    private static JsonNode camera(JsonNode body, String id) {
        for (JsonNode c : body.path("checks").path("cameras").path("cameras")) {
            if (id.equals(c.path("id").asText())) return c;
        }
        return JSON.createObjectNode();
    }

    private static JsonNode poll(HttpClient http, URI uri, Duration limit, Predicate<JsonNode> until) throws Exception {
        Instant deadline = Instant.now().plus(limit);
        JsonNode last = null;
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
            last = JSON.readTree(r.body());
            if (until.test(last)) return last;
            Thread.onSpinWait();
            TimeUnit.MILLISECONDS.sleep(250); // polling interval, not synchronisation: the condition decides
        }
        throw new AssertionError("condition not reached within " + limit + "; last /health: " + last);
    }
}
