package io.vigil.gateway.live;

import static org.junit.jupiter.api.Assertions.*;

import io.vigil.config.CameraId;
import io.vigil.gateway.GatewayFixture;
import io.vigil.storage.LiveFeeds;
import io.vigil.storage.LiveViewer;
import java.net.URI;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wall's one WebSocket through the real gateway over TLS (JDK WebSocket client): every
 * camera named is a tile, each message carries its tile (text inits name it, binary
 * messages start with its index byte), a restart request sends that tile's stream again;
 * a camera outside the monitoring session, no camera, or more than 16 are refused before
 * the upgrade. The feeds here stand in for ingest at the storage interface (the whole path
 * with real cameras and Chromium is LiveWallTest and SixteenTileWallTest in server).
 */
class LiveSocketTest {
    private static final String BODY = "{\"cameras\":[\"cam-01\",\"cam-02\"],\"purpose\":\"facility-safety\","
            + "\"purposeText\":\"security monitoring, night shift\"}";

    /** Sends, to each viewer that starts watching, an init and one keyframe picture naming the camera. */
    private static final class NamingFeeds implements LiveFeeds {
        final Map<String, Integer> watches = new ConcurrentHashMap<>();

        @Override
        public AutoCloseable watch(CameraId camera, LiveViewer viewer) {
            String cameraId = camera.value();
            watches.merge(cameraId, 1, Integer::sum);
            viewer.init(("init:" + cameraId).getBytes(), "avc1.42c01e");
            viewer.picture(("picture:" + cameraId).getBytes(), true);
            return () -> { };
        }
    }

    /** Everything the socket received, in order: text as is, binary as "#tile:payload". */
    private static final class Received implements WebSocket.Listener {
        final LinkedBlockingQueue<String> messages = new LinkedBlockingQueue<>();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            messages.add(data.toString());
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            int tile = data.get();
            byte[] rest = new byte[data.remaining()];
            data.get(rest);
            messages.add("#" + tile + ":" + new String(rest));
            ws.request(1);
            return null;
        }

        List<String> take(int n) throws InterruptedException {
            List<String> out = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String m = messages.poll(20, TimeUnit.SECONDS);
                assertNotNull(m, "message " + (i + 1) + " of " + n + " did not come; got " + out);
                out.add(m);
            }
            return out;
        }
    }

    @Test
    void oneSocketCarriesEveryTileTaggedAndRefusesCamerasOutsideTheSession(@TempDir Path dir) throws Exception {
        try (GatewayFixture f = new GatewayFixture(dir)) {
            NamingFeeds feeds = new NamingFeeds();
            f.gateway.liveFeeds(feeds);
            GatewayFixture.Login staff = f.login("staff");
            HttpResponse<String> opened = f.post("/api/v1/live/sessions", BODY, staff);
            assertEquals(201, opened.statusCode(), opened.body());
            String session = GatewayFixture.json(opened).get("id").asText();

            Received got = new Received();
            WebSocket ws = connect(f, staff, "?session=" + session + "&camera=cam-02&camera=cam-01", got);
            List<String> first = got.take(6);
            // Per tile: the init text names the tile, then its init segment and picture, tagged.
            assertOrderWithin(first, "{\"type\":\"init\",\"tile\":0,\"codecs\":\"avc1.42c01e\"}", "#0:init:cam-02", "#0:picture:cam-02");
            assertOrderWithin(first, "{\"type\":\"init\",\"tile\":1,\"codecs\":\"avc1.42c01e\"}", "#1:init:cam-01", "#1:picture:cam-01");

            ws.sendText("{\"type\":\"restart\",\"tile\":1}", true).join();
            assertEquals(List.of("{\"type\":\"init\",\"tile\":1,\"codecs\":\"avc1.42c01e\"}", "#1:init:cam-01", "#1:picture:cam-01"),
                    got.take(3), "a restart sends that tile again, from its init");
            assertEquals(2, feeds.watches.get("cam-01"));
            assertEquals(1, feeds.watches.get("cam-02"));
            ws.sendText("{\"type\":\"restart\",\"tile\":7}", true).join(); // no such tile: ignored
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();

            assertEquals(403, refusal(f, staff, "?session=" + session + "&camera=cam-01&camera=cam-03"),
                    "cam-03 is not in the monitoring session");
            assertEquals(400, refusal(f, staff, "?session=" + session), "no camera named");
            StringBuilder seventeen = new StringBuilder("?session=" + session);
            for (int i = 0; i < 17; i++) seventeen.append("&camera=cam-01");
            assertEquals(400, refusal(f, staff, seventeen.toString()), "more tiles than the largest wall");
            assertEquals(403, refusal(f, f.login("staff2"), "?session=" + session + "&camera=cam-01"),
                    "another user's monitoring session");
        }
    }

    private static void assertOrderWithin(List<String> messages, String... inOrder) {
        int at = -1;
        for (String m : inOrder) {
            int i = messages.indexOf(m);
            assertTrue(i > at, m + " expected after position " + at + " in " + messages);
            at = i;
        }
    }

    private static WebSocket connect(GatewayFixture f, GatewayFixture.Login who, String query, WebSocket.Listener listener) {
        URI http = f.uri(LiveUpgrade.PATH + query);
        URI wss = URI.create("wss://" + http.getRawAuthority() + http.getRawPath() + "?" + http.getRawQuery());
        return f.http.newWebSocketBuilder().header("Cookie", who.cookie()).header("Origin", "https://" + http.getRawAuthority())
                .connectTimeout(Duration.ofSeconds(20)).buildAsync(wss, listener).join();
    }

    private static int refusal(GatewayFixture f, GatewayFixture.Login who, String query) {
        try {
            connect(f, who, query, new Received()).abort();
            return 101;
        } catch (CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException h) return h.getResponse().statusCode();
            throw e;
        }
    }
}
