package io.vigil.ingest.rtsp.auth;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * The RTSP client's side of authentication: after a 401, picks the strongest challenge
 * it supports (Digest MD5 before Basic) and then produces an Authorization header for
 * every following request (Digest with qop=auth counts nonces; RFC 2617 / RFC 7616 MD5).
 */
public final class ClientAuthenticator {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String user;
    private final char[] password;
    private AuthHeader challenge;
    private int nonceCount;

    private final java.util.function.Supplier<String> cnonces;

    public ClientAuthenticator(String user, char[] password) {
        this(user, password, ClientAuthenticator::randomCnonce);
    }

    /** With a fixed cnonce source, for checking against the RFC's worked examples. */
    ClientAuthenticator(String user, char[] password, java.util.function.Supplier<String> cnonces) {
        this.user = user == null ? "" : user;
        this.password = password == null ? new char[0] : password.clone();
        this.cnonces = cnonces;
    }

    private static String randomCnonce() {
        byte[] raw = new byte[8];
        RANDOM.nextBytes(raw);
        return HexFormat.of().formatHex(raw);
    }

    /** True once a challenge was accepted, i.e. requests carry Authorization. */
    public boolean active() {
        return challenge != null;
    }

    /**
     * Takes the WWW-Authenticate values of a 401. Returns false when none is usable
     * (unknown scheme or algorithm); then the 401 is final.
     */
    public boolean accept(List<String> wwwAuthenticate) throws AuthHeaderException {
        AuthHeader digest = null;
        AuthHeader basic = null;
        AuthHeaderException firstError = null;
        for (String v : wwwAuthenticate) {
            try {
                AuthHeader h = AuthHeader.parse(v);
                if (h.scheme().equals("digest")) {
                    String alg = h.param("algorithm");
                    boolean md5 = alg == null || alg.equalsIgnoreCase("MD5");
                    String qop = h.param("qop");
                    boolean qopOk = qop == null || hasToken(qop, "auth");
                    if (md5 && qopOk && h.param("nonce") != null && h.param("realm") != null && digest == null) digest = h;
                } else if (h.scheme().equals("basic") && basic == null) {
                    basic = h;
                }
            } catch (AuthHeaderException e) {
                if (firstError == null) firstError = e;
            }
        }
        AuthHeader chosen = digest != null ? digest : basic;
        if (chosen == null) {
            if (firstError != null) throw firstError;
            return false;
        }
        boolean sameNonce = challenge != null && chosen.scheme().equals("digest")
                && challenge.scheme().equals("digest") && chosen.param("nonce").equals(challenge.param("nonce"));
        if (!sameNonce) nonceCount = 0;
        challenge = chosen;
        return true;
    }

    /** Overwrites this authenticator's copy of the password; it cannot authenticate afterwards. */
    public void destroy() {
        Arrays.fill(password, '\0');
        challenge = null;
    }

    /** The scheme in use ("digest"/"basic"), or null before a challenge. */
    public String scheme() {
        return challenge == null ? null : challenge.scheme();
    }

    /** Authorization header value for {@code method uri}, or null when no challenge was accepted. */
    public String authorization(String method, String uri) {
        if (challenge == null) return null;
        if (challenge.scheme().equals("basic")) return basic();
        String realm = challenge.param("realm");
        String nonce = challenge.param("nonce");
        String ha1 = Md5.ha1(user, realm, password);
        String ha2 = Md5.hex(method + ":" + uri);
        StringBuilder b = new StringBuilder("Digest ");
        b.append("username=\"").append(quote(user)).append("\", realm=\"").append(quote(realm))
                .append("\", nonce=\"").append(quote(nonce)).append("\", uri=\"").append(quote(uri)).append('"');
        String qop = challenge.param("qop");
        if (qop != null && hasToken(qop, "auth")) {
            String nc = String.format("%08x", ++nonceCount);
            String cnonce = cnonces.get();
            String response = Md5.hex(ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":auth:" + ha2);
            b.append(", response=\"").append(response).append("\", qop=auth, nc=").append(nc)
                    .append(", cnonce=\"").append(cnonce).append('"');
        } else {
            b.append(", response=\"").append(Md5.hex(ha1 + ":" + nonce + ":" + ha2)).append('"');
        }
        if (challenge.param("algorithm") != null) b.append(", algorithm=MD5");
        if (challenge.param("opaque") != null) b.append(", opaque=\"").append(quote(challenge.param("opaque"))).append('"');
        return b.toString();
    }

    private String basic() {
        char[] joined = (user + ":").toCharArray();
        char[] all = Arrays.copyOf(joined, joined.length + password.length);
        System.arraycopy(password, 0, all, joined.length, password.length);
        ByteBuffer bytes = StandardCharsets.UTF_8.encode(CharBuffer.wrap(all));
        byte[] raw = new byte[bytes.remaining()];
        bytes.get(raw);
        try {
            return "Basic " + Base64.getEncoder().encodeToString(raw);
        } finally {
            Arrays.fill(all, '\0');
            Arrays.fill(raw, (byte) 0);
        }
    }

    static boolean hasToken(String list, String token) {
        for (String t : list.split(",")) {
            if (t.trim().toLowerCase(Locale.ROOT).equals(token)) return true;
        }
        return false;
    }

    private static String quote(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
