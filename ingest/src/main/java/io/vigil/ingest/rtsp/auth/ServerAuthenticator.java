package io.vigil.ingest.rtsp.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * The RTSP server's side of authentication for one connection: issues challenges
 * (Digest MD5 with qop=auth, and Basic when allowed) and checks Authorization headers
 * against a publish password. Any user name is accepted; the password is per camera.
 * Comparisons are constant-time; nothing here logs or returns the password.
 */
public final class ServerAuthenticator {
    public static final String REALM = "vigil";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final boolean allowBasic;
    private final String nonce;

    public ServerAuthenticator(boolean allowBasic) {
        this.allowBasic = allowBasic;
        byte[] raw = new byte[16];
        RANDOM.nextBytes(raw);
        this.nonce = HexFormat.of().formatHex(raw);
    }

    /** WWW-Authenticate values to send with a 401, strongest first. */
    public List<String> challenges() {
        List<String> out = new ArrayList<>();
        out.add("Digest realm=\"" + REALM + "\", nonce=\"" + nonce + "\", algorithm=MD5, qop=\"auth\"");
        if (allowBasic) out.add("Basic realm=\"" + REALM + "\"");
        return out;
    }

    /** Outcome of checking one Authorization header. */
    public record Result(boolean ok, String user, String problem) {}

    /**
     * Checks {@code authorization} for a request {@code method} with {@code requestUri}.
     * Never throws for bad input: a malformed header is a refusal with the reason.
     */
    public Result verify(String authorization, String method, String requestUri, char[] password) {
        if (authorization == null) return new Result(false, null, "no credentials");
        AuthHeader h;
        try {
            h = AuthHeader.parse(authorization);
        } catch (AuthHeaderException e) {
            return new Result(false, null, "malformed Authorization header: " + e.getMessage());
        }
        if (h.scheme().equals("basic")) {
            if (!allowBasic) return new Result(false, null, "Basic authentication is not allowed, use Digest");
            return verifyBasic(h, password);
        }
        if (!h.scheme().equals("digest")) return new Result(false, null, "unsupported scheme " + h.scheme());
        String user = h.param("username");
        String realm = h.param("realm");
        String theirNonce = h.param("nonce");
        String uri = h.param("uri");
        String response = h.param("response");
        if (user == null || realm == null || theirNonce == null || uri == null || response == null) {
            return new Result(false, user, "Digest credentials lack username, realm, nonce, uri or response");
        }
        if (!REALM.equals(realm) || !constantTimeEquals(nonce, theirNonce)) {
            return new Result(false, user, "Digest credentials are for another realm or nonce");
        }
        String alg = h.param("algorithm");
        if (alg != null && !alg.equalsIgnoreCase("MD5")) return new Result(false, user, "unsupported Digest algorithm " + alg);
        // The uri in the credentials must name the request; ffmpeg sends the exact request URL.
        if (!uri.equals(requestUri) && !requestUri.endsWith(uri)) {
            return new Result(false, user, "Digest uri does not match the request");
        }
        String ha1 = Md5.ha1(user, realm, password);
        String ha2 = Md5.hex(method + ":" + uri);
        String qop = h.param("qop");
        String expected;
        if (qop == null) {
            expected = Md5.hex(ha1 + ":" + theirNonce + ":" + ha2);
        } else if (qop.equalsIgnoreCase("auth")) {
            String nc = h.param("nc");
            String cnonce = h.param("cnonce");
            if (nc == null || cnonce == null) return new Result(false, user, "Digest qop=auth without nc or cnonce");
            expected = Md5.hex(ha1 + ":" + theirNonce + ":" + nc + ":" + cnonce + ":" + qop + ":" + ha2);
        } else {
            return new Result(false, user, "unsupported Digest qop " + qop);
        }
        return constantTimeEquals(expected, response.toLowerCase(java.util.Locale.ROOT))
                ? new Result(true, user, null) : new Result(false, user, "wrong password");
    }

    private static Result verifyBasic(AuthHeader h, char[] password) {
        if (h.token68() == null) return new Result(false, null, "Basic credentials missing");
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(h.token68());
        } catch (IllegalArgumentException e) {
            return new Result(false, null, "Basic credentials are not base64");
        }
        String text = new String(decoded, StandardCharsets.UTF_8);
        Arrays.fill(decoded, (byte) 0);
        int colon = text.indexOf(':');
        if (colon < 0) return new Result(false, null, "Basic credentials lack ':'");
        String user = text.substring(0, colon);
        byte[] given = text.substring(colon + 1).getBytes(StandardCharsets.UTF_8);
        byte[] wanted = new String(password).getBytes(StandardCharsets.UTF_8);
        boolean ok = MessageDigest.isEqual(given, wanted);
        Arrays.fill(given, (byte) 0);
        Arrays.fill(wanted, (byte) 0);
        return ok ? new Result(true, user, null) : new Result(false, user, "wrong password");
    }

    private static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
