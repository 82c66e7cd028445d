package io.vigil.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vigil.gateway.GatewayFixture.Login;
import io.vigil.gateway.accounts.AccountService;
import io.vigil.gateway.accounts.PasswordHasher;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A restarted gateway over the same data directory: same certificate, sessions and grants still valid. */
class RestartTest {
    @TempDir
    Path dir;

    @Test
    void sessionsGrantsAndCertificateSurviveARestart() throws Exception {
        try (GatewayFixture f = new GatewayFixture(dir)) {
            Login staff = f.login("staff");
            String grant = f.grant(staff, "cam-01");
            assertEquals(200, f.getBytes("/api/v1/grants/" + grant + "/video.mp4?camera=cam-01", staff).statusCode());
            f.gateway.close();
            try (AccessGateway again = new AccessGateway(f.config, f.store, f.meters, f.clock, Map::of,
                    new AccountService(f.store, f.clock, new PasswordHasher(1024, 1, 1)))) {
                again.exportSigningKey(f.ledgerKey);
                again.start();
                // f.http trusts only the certificate made on first start: the TLS handshake proves it was reused.
                URI video = URI.create("https://127.0.0.1:" + again.httpsPort() + "/api/v1/grants/" + grant + "/video.mp4?camera=cam-01");
                HttpResponse<byte[]> r = f.http.send(HttpRequest.newBuilder(video).header("Cookie", staff.cookie()).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                assertEquals(200, r.statusCode(), () -> new String(r.body()));
                assertEquals(2, f.store.ledger().search(e -> e.record().type().equals("view.start")
                        && grant.equals(e.record().details().get("grantId")), 10).size(),
                        "a new view.start after the restart (active playbacks are not carried over)");
            }
        }
    }
}
