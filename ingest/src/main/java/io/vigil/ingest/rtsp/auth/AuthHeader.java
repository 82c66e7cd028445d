package io.vigil.ingest.rtsp.auth;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One parsed authentication header (RFC 7235 shape): a scheme and either auth-params
 * ({@code realm="x", nonce="y", qop=auth}) or a single token68 (Basic credentials).
 *
 * @param scheme  scheme in lower case ("digest", "basic")
 * @param params  auth-params, names lower-cased, quoted values unquoted
 * @param token68 the token after the scheme when it is not name=value (Basic), else null
 */
public record AuthHeader(String scheme, Map<String, String> params, String token68) {
    private static final int MAX_LENGTH = 4096;

    public AuthHeader {
        params = Map.copyOf(params);
    }

    public String param(String name) {
        return params.get(name);
    }

    /** Parses one header value; nothing but {@link AuthHeaderException} escapes. */
    public static AuthHeader parse(String value) throws AuthHeaderException {
        if (value == null) throw new AuthHeaderException("authentication header is missing");
        if (value.length() > MAX_LENGTH) throw new AuthHeaderException("authentication header longer than " + MAX_LENGTH + " characters");
        // Only optional whitespace (space, tab: RFC 7230 section 3.2.3) surrounds a value; trim() also
        // dropped control characters, so "\0Basic ..." passed as Basic while no client sends that.
        String v = stripOptionalWhitespace(value);
        int i = 0;
        while (i < v.length() && isTokenChar(v.charAt(i))) i++;
        if (i == 0) throw new AuthHeaderException("authentication header does not start with a scheme name");
        String scheme = v.substring(0, i).toLowerCase(Locale.ROOT);
        String rest = stripOptionalWhitespace(v.substring(i));
        if (rest.isEmpty()) return new AuthHeader(scheme, Map.of(), null);
        if (i < v.length() && !Character.isWhitespace(v.charAt(i))) {
            throw new AuthHeaderException("expected a space after the scheme '" + scheme + "'");
        }
        if (looksLikeToken68(rest)) return new AuthHeader(scheme, Map.of(), rest);
        return new AuthHeader(scheme, parseParams(rest), null);
    }

    private static boolean looksLikeToken68(String s) {
        int eq = s.indexOf('=');
        if (eq < 0) return s.chars().allMatch(c -> isToken68Char((char) c));
        // token68 may end in '=' padding, params have "name=value"
        for (int k = eq; k < s.length(); k++) if (s.charAt(k) != '=') return false;
        return s.substring(0, eq).chars().allMatch(c -> isToken68Char((char) c));
    }

    private static Map<String, String> parseParams(String s) throws AuthHeaderException {
        Map<String, String> out = new LinkedHashMap<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            while (i < n && (s.charAt(i) == ',' || Character.isWhitespace(s.charAt(i)))) i++;
            if (i >= n) break;
            int nameStart = i;
            while (i < n && isTokenChar(s.charAt(i))) i++;
            if (i == nameStart) throw new AuthHeaderException("unexpected character '" + printable(s.charAt(i)) + "' at position " + i + " of the authentication header");
            String name = s.substring(nameStart, i).toLowerCase(Locale.ROOT);
            while (i < n && Character.isWhitespace(s.charAt(i))) i++;
            if (i >= n || s.charAt(i) != '=') throw new AuthHeaderException("parameter '" + name + "' has no value");
            i++;
            while (i < n && Character.isWhitespace(s.charAt(i))) i++;
            String val;
            if (i < n && s.charAt(i) == '"') {
                StringBuilder b = new StringBuilder();
                i++;
                boolean closed = false;
                while (i < n) {
                    char c = s.charAt(i++);
                    if (c == '\\' && i < n) {
                        b.append(s.charAt(i++));
                    } else if (c == '"') {
                        closed = true;
                        break;
                    } else {
                        b.append(c);
                    }
                }
                if (!closed) throw new AuthHeaderException("quoted value of '" + name + "' is not closed");
                val = b.toString();
            } else {
                int valStart = i;
                while (i < n && s.charAt(i) != ',' && !Character.isWhitespace(s.charAt(i))) i++;
                val = s.substring(valStart, i);
            }
            out.putIfAbsent(name, val);
            while (i < n && Character.isWhitespace(s.charAt(i))) i++;
            if (i < n && s.charAt(i) != ',') throw new AuthHeaderException("expected ',' after parameter '" + name + "' at position " + i);
        }
        return out;
    }

    private static String printable(char c) {
        return c < 0x20 || c > 0x7e ? String.format("\\u%04x", (int) c) : String.valueOf(c);
    }

    private static boolean isTokenChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }

    private static boolean isToken68Char(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~+/".indexOf(c) >= 0;
    }

    private static String stripOptionalWhitespace(String s) {
        int from = 0;
        int to = s.length();
        while (from < to && (s.charAt(from) == ' ' || s.charAt(from) == '\t')) from++;
        while (to > from && (s.charAt(to - 1) == ' ' || s.charAt(to - 1) == '\t')) to--;
        return s.substring(from, to);
    }
}
