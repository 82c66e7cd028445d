package io.vigil.gateway.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBufAllocator;
import io.vigil.config.TlsConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatewayTlsTest {
    @TempDir
    Path dir;

    @Test
    void selfSignedCertificateIsMadeOnceKeptPrivateAndReused() throws Exception {
        Path tls = dir.resolve("tls");
        GatewayTls.Material first = GatewayTls.load(new TlsConfig(null, null), tls, Clock.systemUTC());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(tls.resolve(GatewayTls.KEY_FILE))));
        assertEquals("EC", first.key().getAlgorithm());
        GatewayTls.Material again = GatewayTls.load(new TlsConfig(null, null), tls, Clock.systemUTC());
        assertArrayEquals(first.chain().get(0).getEncoded(), again.chain().get(0).getEncoded(), "kept across restarts");
        assertTrue(first.chain().get(0).getSubjectAlternativeNames().stream().anyMatch(n -> n.get(1).equals("127.0.0.1")));
        // A configured certificate is used as is (here: the files just made).
        GatewayTls.Material configured = GatewayTls.load(new TlsConfig(tls.resolve(GatewayTls.CERT_FILE), tls.resolve(GatewayTls.KEY_FILE)),
                dir.resolve("unused"), Clock.systemUTC());
        assertArrayEquals(first.chain().get(0).getEncoded(), configured.chain().get(0).getEncoded());
        assertTrue(Files.notExists(dir.resolve("unused")));
    }

    @Test
    void anUnreadableSelfSignedPairIsReplaced() throws Exception {
        Path tls = dir.resolve("tls");
        GatewayTls.Material first = GatewayTls.load(new TlsConfig(null, null), tls, Clock.systemUTC());
        Files.writeString(tls.resolve(GatewayTls.KEY_FILE), "-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----\n");
        GatewayTls.Material fresh = GatewayTls.load(new TlsConfig(null, null), tls, Clock.systemUTC());
        assertTrue(!java.util.Arrays.equals(first.chain().get(0).getEncoded(), fresh.chain().get(0).getEncoded()));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(tls.resolve(GatewayTls.KEY_FILE))));
    }

    @Test
    void onlyTls12And13AreEnabled() {
        GatewayTls.Material m = GatewayTls.load(new TlsConfig(null, null), dir.resolve("tls"), Clock.systemUTC());
        SSLEngine engine = GatewayTls.serverContext(m).newEngine(ByteBufAllocator.DEFAULT);
        assertEquals(Set.of("TLSv1.2", "TLSv1.3"), Set.copyOf(List.of(engine.getEnabledProtocols())));
    }
}
