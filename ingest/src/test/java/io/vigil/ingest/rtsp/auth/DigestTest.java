package io.vigil.ingest.rtsp.auth;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DigestTest {
    private static final String RFC2617_CHALLENGE = "Digest realm=\"testrealm@host.com\", qop=\"auth,auth-int\", "
            + "nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"";

    @Test
    void rfc2617WorkedExampleWithQopAuth() throws Exception {
        ClientAuthenticator c = new ClientAuthenticator("Mufasa", "Circle Of Life".toCharArray(), () -> "0a4f113b");
        assertTrue(c.accept(List.of(RFC2617_CHALLENGE)));
        AuthHeader h = AuthHeader.parse(c.authorization("GET", "/dir/index.html"));
        assertEquals("digest", h.scheme());
        assertEquals("6629fae49393a05397450978507c4ef1", h.param("response"));
        assertEquals("00000001", h.param("nc"));
        assertEquals("auth", h.param("qop"));
        assertEquals("5ccc069c403ebaf9f0171e9517f40e41", h.param("opaque"));
        AuthHeader second = AuthHeader.parse(c.authorization("GET", "/dir/index.html"));
        assertEquals("00000002", second.param("nc"), "the nonce count increases per request");
    }

    @Test
    void rfc2069StyleWithoutQop() throws Exception {
        // Many cameras send Digest without qop: response = MD5(HA1:nonce:HA2).
        ClientAuthenticator c = new ClientAuthenticator("Mufasa", "Circle Of Life".toCharArray());
        assertTrue(c.accept(List.of("Digest realm=\"testrealm@host.com\", nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\"")));
        AuthHeader h = AuthHeader.parse(c.authorization("GET", "/dir/index.html"));
        // HA1 = 939e7578ed9e3c518a452acee763bce9, HA2 = 39aff3a2bab6126f332b942af96d3366
        assertEquals(Md5.hex("939e7578ed9e3c518a452acee763bce9:dcd98b7102dd2f0e8b11d0f600bfb0c093:39aff3a2bab6126f332b942af96d3366"), h.param("response"));
        assertEquals("939e7578ed9e3c518a452acee763bce9", Md5.ha1("Mufasa", "testrealm@host.com", "Circle Of Life".toCharArray()));
        assertEquals(null, h.param("qop"));
        assertEquals(null, h.param("nc"));
    }

    @Test
    void digestIsPreferredOverBasicAndBasicWorks() throws Exception {
        ClientAuthenticator c = new ClientAuthenticator("admin", "pw".toCharArray());
        assertTrue(c.accept(List.of("Basic realm=\"cam\"", "Digest realm=\"cam\", nonce=\"n1\"")));
        assertEquals("digest", c.scheme());
        ClientAuthenticator b = new ClientAuthenticator("admin", "pw".toCharArray());
        assertTrue(b.accept(List.of("Basic realm=\"cam\"")));
        assertEquals("Basic YWRtaW46cHc=", b.authorization("DESCRIBE", "rtsp://cam/"));
    }

    @Test
    void unsupportedSchemesAndAlgorithmsAreNotUsable() throws Exception {
        ClientAuthenticator c = new ClientAuthenticator("admin", "pw".toCharArray());
        assertFalse(c.accept(List.of("Digest realm=\"cam\", nonce=\"n\", algorithm=SHA-256-sess", "Negotiate")));
        assertThrows(AuthHeaderException.class, () -> c.accept(List.of("Digest realm=\"unterminated")));
    }

    @Test
    void serverAcceptsItsOwnClientAndRefusesWrongPasswords() {
        ServerAuthenticator server = new ServerAuthenticator(false);
        for (String challenge : server.challenges()) assertFalse(challenge.contains("pw"));
        ClientAuthenticator good = new ClientAuthenticator("anyone", "pw".toCharArray());
        ClientAuthenticator bad = new ClientAuthenticator("anyone", "pW".toCharArray());
        try {
            good.accept(server.challenges());
            bad.accept(server.challenges());
        } catch (AuthHeaderException e) {
            throw new AssertionError(e);
        }
        String uri = "rtsp://127.0.0.1:8554/cam1";
        assertTrue(server.verify(good.authorization("ANNOUNCE", uri), "ANNOUNCE", uri, "pw".toCharArray()).ok());
        ServerAuthenticator.Result r = server.verify(bad.authorization("ANNOUNCE", uri), "ANNOUNCE", uri, "pw".toCharArray());
        assertFalse(r.ok());
        assertEquals("wrong password", r.problem());
        assertFalse(server.verify(good.authorization("ANNOUNCE", uri), "ANNOUNCE", "rtsp://127.0.0.1:8554/cam2", "pw".toCharArray()).ok(),
                "credentials for one path do not open another");
        assertFalse(new ServerAuthenticator(false).verify(good.authorization("ANNOUNCE", uri), "ANNOUNCE", uri, "pw".toCharArray()).ok(),
                "a nonce from another connection is refused");
        assertEquals("Basic authentication is not allowed, use Digest",
                server.verify("Basic YW55b25lOnB3", "ANNOUNCE", uri, "pw".toCharArray()).problem());
        assertTrue(new ServerAuthenticator(true).verify("Basic YW55b25lOnB3", "ANNOUNCE", uri, "pw".toCharArray()).ok());
    }

    @Test
    void onlySpacesAndTabsSurroundACredentialNotControlCharacters() {
        // Found by ParserFuzzTest: "\0Basic ..." passed as Basic because trim() also dropped control characters.
        ServerAuthenticator s = new ServerAuthenticator(true);
        String uri = "rtsp://127.0.0.1:8554/cam1";
        assertTrue(s.verify(" \tBasic cHViOnB3\t ", "ANNOUNCE", uri, "pw".toCharArray()).ok(), "optional whitespace around 'pub:pw'");
        assertFalse(s.verify("\0Basic cHViOnB3", "ANNOUNCE", uri, "pw".toCharArray()).ok());
        assertFalse(s.verify("Basic cHViOnB3\u0001", "ANNOUNCE", uri, "pw".toCharArray()).ok());
    }
}
