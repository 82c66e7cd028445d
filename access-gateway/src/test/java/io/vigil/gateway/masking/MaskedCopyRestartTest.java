package io.vigil.gateway.masking;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.config.NetworkRange;
import io.vigil.gateway.AccessGateway;
import io.vigil.gateway.GatewayFixture;
import io.vigil.gateway.GatewayFixture.Login;
import io.vigil.gateway.accounts.AccountService;
import io.vigil.gateway.accounts.PasswordHasher;
import io.vigil.gateway.requests.RequestSettings;
import io.vigil.storage.StoreOptions;
import io.vigil.storage.VigilStore;
import io.vigil.storage.VigilStores;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A released masked copy outlives a restart of the server (gateway and store closed and
 * opened again over the same data directory and keystore): after the restart the same bytes
 * are handed over and played at the kiosk, nothing of it readable on disk without the
 * keystore; a copy altered on disk while the server was down is refused (dropped, not
 * served); a copy whose request was closed meanwhile is deleted at start, ledgered.
 * (Closed while the server runs: {@link MaskedCopySweepTest}.)
 */
class MaskedCopyRestartTest {
    @TempDir
    Path dir;

    @Test
    void aReleasedCopySurvivesARestartUntilItsRequestCloses() throws Exception {
        MaskingFixture m = new MaskingFixture(dir);
        GatewayFixture f = m.f;
        Login manager = m.manager;
        String kept = m.releasedCopy("cam-01", 0, 2);
        String altered = m.releasedCopy("cam-01", 0, 2);
        String closed = m.releasedCopy("cam-01", 0, 2);
        byte[] copy = f.getBytes(base(kept) + "/copy", manager).body();
        String sha = GatewayFixture.json(f.get(base(kept), manager)).get("released").get("sha256").asText();
        assertEquals(sha, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(copy)));
        Path released = f.store.dataDir().resolve("masking").resolve("released");
        try (Stream<Path> files = Files.list(released)) {
            for (Path p : files.toList()) {
                assertFalse(contains(Files.readAllBytes(p), "ftyp".getBytes()), "encrypted on disk: " + p);
            }
        }
        f.gateway.close();
        f.store.close();

        // While the server is down: one copy's file is altered, another request is closed.
        Path alteredFile = fileOf(f, altered);
        byte[] bytes = Files.readAllBytes(alteredFile);
        bytes[bytes.length / 2] ^= 1;
        Files.write(alteredFile, bytes);
        VigilStore store = open(f);
        AccessGateway again = gateway(f, store);
        again.context().requests().close(closed, "manager", "the requester collected the copy");
        again.close();
        store.close();

        store = open(f);
        AccessGateway third = gateway(f, store);
        try {
            JsonNode s = json(f, third, base(kept), manager);
            assertEquals(sha, s.get("released").get("sha256").asText(), "the release is known after the restart: " + s);
            assertArrayEquals(copy, bytes(f, third, base(kept) + "/copy", manager), "the same bytes are handed over");
            String code = third.context().requests().reissueKioskCode(kept, "officer").kioskCode();
            HttpResponse<String> open = post(f, third, "/api/v1/kiosk/open", "{\"number\":\"" + kept + "\",\"code\":\"" + code + "\"}", manager);
            assertEquals(200, open.statusCode(), open.body());
            String video = GatewayFixture.JSON.readTree(open.body()).get("videos").get(0).get("video").asText();
            assertArrayEquals(copy, bytes(f, third, video, manager), "the kiosk plays the kept copy");

            assertTrue(json(f, third, base(altered), manager).get("released").isNull(), "an altered copy is not served");
            assertEquals(404, get(f, third, base(altered) + "/copy", manager).statusCode());
            try (Stream<Path> files = Files.list(released)) {
                assertEquals(1, files.count(), "only the intact copy of an open request is kept on disk");
            }
            assertEquals(1, store.table(VigilStore.META).scan("masking.copy/").size(), "and only its record");
            var deleted = store.ledger().search(e -> e.record().type().equals("subject-request.copy-deleted"), 10);
            assertEquals(1, deleted.size(), "the copy of the request closed meanwhile is deleted, ledgered: " + deleted);
            assertEquals(closed, deleted.get(0).record().details().get("request"));
            assertEquals("start", deleted.get(0).record().details().get("noticed"), "noticed at start");
        } finally {
            third.close();
            store.close();
        }
    }

    private static Path fileOf(GatewayFixture f, String number) throws Exception {
        // The record names the file; read it the way an attacker with the data directory cannot: through the store.
        VigilStore store = open(f);
        try {
            byte[] row = store.table(VigilStore.META).get("masking.copy/" + number + "/cam-01").orElseThrow();
            String name = GatewayFixture.JSON.readTree(row).get("file").asText();
            return f.store.dataDir().resolve("masking").resolve("released").resolve(name);
        } finally {
            store.close();
        }
    }

    private static VigilStore open(GatewayFixture f) {
        return VigilStores.open(new StoreOptions(f.config.dataDir(), f.config.keystore(), GatewayFixture.KEYSTORE_PASS.clone(),
                f.clock, f.meters));
    }

    private static AccessGateway gateway(GatewayFixture f, VigilStore store) {
        AccessGateway g = new AccessGateway(f.config, store, f.meters, f.clock, Map::of,
                new AccountService(store, f.clock, new PasswordHasher(1024, 1, 1)));
        g.exportSigningKey(f.ledgerKey);
        g.requestSettings(RequestSettings.defaults().withKioskNetworks(List.of(NetworkRange.parse("127.0.0.0/8"))));
        g.start();
        return g;
    }

    private static String base(String number) {
        return MaskingFixture.base(number, "cam-01");
    }

    private static URI uri(AccessGateway g, String path) {
        return URI.create("https://127.0.0.1:" + g.httpsPort() + path);
    }

    private static HttpResponse<String> get(GatewayFixture f, AccessGateway g, String path, Login who) throws Exception {
        return f.http.send(HttpRequest.newBuilder(uri(g, path)).header("Cookie", who.cookie()).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(GatewayFixture f, AccessGateway g, String path, Login who) throws Exception {
        HttpResponse<String> r = get(f, g, path, who);
        assertEquals(200, r.statusCode(), r.body());
        return GatewayFixture.JSON.readTree(r.body());
    }

    private static byte[] bytes(GatewayFixture f, AccessGateway g, String path, Login who) throws Exception {
        HttpResponse<byte[]> r = f.http.send(HttpRequest.newBuilder(uri(g, path)).header("Cookie", who.cookie())
                .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode());
        return r.body();
    }

    private static HttpResponse<String> post(GatewayFixture f, AccessGateway g, String path, String json, Login who) throws Exception {
        return f.http.send(HttpRequest.newBuilder(uri(g, path)).header("Cookie", who.cookie()).header("X-CSRF-Token", who.csrf())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static boolean contains(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
            return true;
        }
        return false;
    }
}
