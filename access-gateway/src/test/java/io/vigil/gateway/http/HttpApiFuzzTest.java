package io.vigil.gateway.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.HttpMethod;
import io.vigil.gateway.GatewayFixture;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Issue 10: fuzzing the HTTP API's JSON and query parsing over a real HTTPS socket.
 * Arbitrary JSON bodies (the routes' own field names with random values, lone
 * surrogates, deep nesting, huge numbers, bytes that are not UTF-8) and arbitrary query
 * strings and path parameters go to every route as a signed-in user of each role. Never a
 * 500; every answer carries the security headers; every error is JSON with a code and a
 * message, and a 400 names the field; afterwards the server still serves.
 * The sessions are made before the fuzzing: random sign-ins lock the test's address out.
 */
class HttpApiFuzzTest {
    /** Field names the handlers read, so random values get past "body must be an object" into field checks. */
    private static final List<String> FIELDS = List.of("cameras", "from", "to", "purpose", "purposeText", "expiresAt",
            "reason", "reference", "username", "password", "role", "language", "number", "code", "decision", "grounds",
            "kind", "subjectName", "contact", "description", "form", "notes", "current", "next", "lang", "limit");
    private static final List<String> QUERY_NAMES = List.of("from", "to", "limit", "viewer", "camera", "purpose",
            "action", "footageFrom", "footageTo", "lang", "before", "after", "type");
    /** Routes that would end the fuzzer's own sessions. */
    private static final List<String> SKIPPED = List.of("POST /api/v1/logout", "POST /api/v1/me/password");

    private static Path dir;
    private static GatewayFixture f;
    private static List<GatewayFixture.Login> logins;
    private static List<io.vigil.gateway.http.Router.Route> routes;

    @BeforeContainer
    static void start() throws Exception {
        dir = Files.createTempDirectory("vigil-http-fuzz");
        f = new GatewayFixture(dir);
        logins = List.of(f.login("staff"), f.login("manager"), f.login("officer"), f.login("admin"));
        routes = f.gateway.routes().stream().filter(r -> !SKIPPED.contains(r.method() + " " + r.template())).toList();
    }

    @AfterContainer
    static void stop() throws Exception {
        try {
            // The server still serves after all of it: a page, an API answer for an existing session.
            assertEquals(200, f.get("/", null).statusCode());
            HttpResponse<String> me = f.get("/api/v1/me", logins.get(0));
            assertEquals(200, me.statusCode(), me.body());
            assertEquals("staff", GatewayFixture.json(me).get("user").asText());
        } finally {
            f.close();
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Property(tries = 250)
    void anyJsonBodyGetsAnAnswerNamingTheProblemNeverA500(@ForAll("routes") io.vigil.gateway.http.Router.Route route,
                                                          @ForAll("users") int user, @ForAll("pathValues") String pathValue,
                                                          @ForAll("bodies") String body) throws Exception {
        String path = fill(route, pathValue);
        HttpRequest.Builder b = HttpRequest.newBuilder(f.uri(path)).header("Content-Type", "application/json")
                .method(route.method().name(), HttpRequest.BodyPublishers.ofString(body));
        check(route, body, f.send(b, logins.get(user), true));
    }

    @Property(tries = 100)
    void bytesThatAreNotUtf8AreRefusedAsBadJson(@ForAll("routes") io.vigil.gateway.http.Router.Route route,
                                                @ForAll("users") int user, @ForAll("rawBytes") byte[] body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(f.uri(fill(route, "x"))).header("Content-Type", "application/json")
                .method(route.method().name(), HttpRequest.BodyPublishers.ofByteArray(body));
        check(route, "<" + body.length + " raw bytes>", f.send(b, logins.get(user), true));
    }

    /** Sent over a raw TLS socket: the JDK's client refuses malformed escapes such as "%" or "%zz", a browser or a script need not. */
    @Property(tries = 200)
    void anyQueryStringGetsAnAnswerNeverA500(@ForAll("getRoutes") io.vigil.gateway.http.Router.Route route,
                                             @ForAll("users") int user, @ForAll("pathValues") String pathValue,
                                             @ForAll("queries") String query) throws Exception {
        String target = fill(route, pathValue) + "?" + query;
        RawResponse r = rawGet(target, logins.get(user));
        String what = "GET " + abbreviate(target) + " -> " + r.status + " " + abbreviate(r.body);
        assertTrue(r.status > 0 && (r.status < 500 || r.status == 503), what);
        for (String h : List.of("strict-transport-security", "x-content-type-options", "content-security-policy", "x-frame-options", "cache-control")) {
            assertTrue(r.headers.containsKey(h), "no " + h + ": " + what);
        }
        if (r.status < 400) return;
        assertTrue(r.headers.getOrDefault("content-type", "").startsWith("application/json"), what);
        checkError(r.status, GatewayFixture.JSON.readTree(r.body), what);
    }

    private record RawResponse(int status, Map<String, String> headers, String body) {}

    /** One GET on its own TLS connection, read to the end (Connection: close). */
    private static RawResponse rawGet(String target, GatewayFixture.Login who) throws Exception {
        String request = "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: " + who.cookie() + "\r\nConnection: close\r\n\r\n";
        byte[] all;
        try (javax.net.ssl.SSLSocket s = (javax.net.ssl.SSLSocket) f.ssl.getSocketFactory().createSocket("127.0.0.1", f.gateway.httpsPort())) {
            s.setSoTimeout(30_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            all = s.getInputStream().readAllBytes();
        }
        String text = new String(all, StandardCharsets.UTF_8);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) return new RawResponse(-1, Map.of(), text);
        String[] lines = text.substring(0, end).split("\r\n");
        Map<String, String> headers = new java.util.HashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
        return new RawResponse(Integer.parseInt(lines[0].split(" ")[1]), headers, text.substring(end + 4));
    }

    private static void check(io.vigil.gateway.http.Router.Route route, String input, HttpResponse<String> r) throws Exception {
        String what = route.method() + " " + route.template() + " with " + abbreviate(input) + " -> " + r.statusCode() + " " + abbreviate(r.body());
        assertTrue(r.statusCode() < 500 || r.statusCode() == 503, what);
        for (String h : List.of("strict-transport-security", "x-content-type-options", "content-security-policy", "x-frame-options", "cache-control")) {
            assertTrue(r.headers().firstValue(h).isPresent(), "no " + h + ": " + what);
        }
        if (r.statusCode() < 400) return;
        assertTrue(r.headers().firstValue("content-type").orElse("").startsWith("application/json"), what);
        checkError(r.statusCode(), GatewayFixture.json(r), what);
    }

    /** An error is JSON with a code, words and a bundle key; a 400 names the field. */
    private static void checkError(int status, JsonNode e, String what) {
        assertNotNull(e.get("error"), what);
        assertTrue(e.hasNonNull("message") && !e.get("message").asText().isBlank(), what);
        assertTrue(e.hasNonNull("key"), what);
        if (status == 400) {
            JsonNode field = e.path("params").path("field");
            assertTrue(field.isTextual() && !field.asText().isBlank(), "a 400 names the field: " + what);
        }
    }

    private static String fill(io.vigil.gateway.http.Router.Route route, String value) {
        String enc = URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
        return route.template().replaceAll("\\{[^}]+}", java.util.regex.Matcher.quoteReplacement(enc));
    }

    private static String abbreviate(String s) {
        return s.length() <= 300 ? s : s.substring(0, 300) + "...(" + s.length() + " chars)";
    }

    @Provide
    Arbitrary<io.vigil.gateway.http.Router.Route> routes() {
        return Arbitraries.of(routes.stream().filter(r -> !r.method().equals(HttpMethod.GET)).toList());
    }

    @Provide
    Arbitrary<io.vigil.gateway.http.Router.Route> getRoutes() {
        return Arbitraries.of(routes.stream().filter(r -> r.method().equals(HttpMethod.GET)).toList());
    }

    @Provide
    Arbitrary<Integer> users() {
        return Arbitraries.integers().between(0, 3);
    }

    @Provide
    Arbitrary<String> pathValues() {
        return Arbitraries.oneOf(Arbitraries.of("cam-01", "x", "..", "%00", "R-2026-0001", "staff-not", "\ud800", "\u200b", ""),
                Arbitraries.strings().ofMaxLength(40));
    }

    @Provide
    Arbitrary<String> bodies() {
        return Arbitraries.oneOf(
                jsonValue(4).map(v -> v),                       // any JSON value, usually not an object
                fieldsObject(),                                 // an object with the handlers' field names
                fieldsObject().map(o -> o.replaceFirst("\\{", "{\"" + "x".repeat(3) + "\":" + "[".repeat(5000) + "]".repeat(5000) + ",")),
                Arbitraries.of("{", "}", "[", "\"", "{\"a\":}", "{'a':1}", "nul", "{\"a\":1,\"a\":2}", "\u0000", "{}{}",
                        "{\"from\":\"\\ud800\"}", "{\"\\udc00\":1}", "{\"cameras\":[\"\\ud83d\"]}", "1e999999", "-0",
                        "{\"limit\":123456789012345678901234567890}", "{\"expiresAt\":1e309}"),
                Arbitraries.integers().between(1, 3000).map(n -> "{\"a\":".repeat(n) + "1" + "}".repeat(n)),
                Arbitraries.strings().ofMaxLength(200));
    }

    /** Objects whose keys are the handlers' field names (and some others) with arbitrary JSON values. */
    private Arbitrary<String> fieldsObject() {
        Arbitrary<String> key = Arbitraries.oneOf(Arbitraries.of(FIELDS), jsonStringBody());
        Arbitrary<String> member = Combinators.combine(key, jsonValue(3)).as((k, v) -> "\"" + k + "\":" + v);
        return member.list().ofMaxSize(8).map(ms -> "{" + String.join(",", ms) + "}");
    }

    private Arbitrary<String> jsonValue(int depth) {
        List<Arbitrary<String>> leaves = List.of(
                Arbitraries.of("null", "true", "false", "0", "-1", "1.5e300", "-9223372036854775809",
                        "18446744073709551616", "123456789012345678901234567890123456789", "1e-400", "0.000000000000000000001"),
                Arbitraries.integers().map(String::valueOf),
                jsonStringBody().map(s -> "\"" + s + "\""),
                Arbitraries.of("\"2026-11-24T10:00:00Z\"", "\"+999999999-12-31T00:00:00Z\"", "\"-999999999-01-01T00:00:00Z\"",
                        "\"2026-11-24T10:00:00+09:00\"", "\"cam-01\"", "\"crime-prevention\"", "\"security-staff\"", "\"ko\""));
        if (depth == 0) return Arbitraries.oneOf(leaves);
        Arbitrary<String> array = Arbitraries.lazy(() -> jsonValue(depth - 1)).list().ofMaxSize(4).map(l -> "[" + String.join(",", l) + "]");
        Arbitrary<String> object = Combinators.combine(jsonStringBody(), Arbitraries.lazy(() -> jsonValue(depth - 1)))
                .as((k, v) -> "\"" + k + "\":" + v).list().ofMaxSize(4).map(l -> "{" + String.join(",", l) + "}");
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.oneOf(leaves)),
                net.jqwik.api.Tuple.of(2, array),
                net.jqwik.api.Tuple.of(2, object));
    }

    /** The inside of a JSON string literal: text, escapes, lone surrogates, control and format characters. */
    private Arbitrary<String> jsonStringBody() {
        Arbitrary<String> piece = Arbitraries.oneOf(
                Arbitraries.strings().alpha().numeric().ofMaxLength(12),
                Arbitraries.strings().withCharRange('\u00a0', '\uffff').ofMaxLength(6)
                        .filter(s -> s.chars().noneMatch(c -> Character.isSurrogate((char) c))),
                Arbitraries.of("\\ud800", "\\udfff", "\\ud83d\\ude00", "\\u0000", "\\u200b", "\\u202e", "\\\"", "\\\\",
                        "\\n", "\\t", "\\u3164", "한국어", "' OR 1=1 --", "=cmd|' /C calc'!A0", "../../etc/passwd", "%00"));
        return piece.list().ofMaxSize(5).map(l -> String.join("", l));
    }

    @Provide
    Arbitrary<byte[]> rawBytes() {
        return Arbitraries.oneOf(
                Arbitraries.bytes().array(byte[].class).ofMaxSize(64),
                Arbitraries.of(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, '"', '}'},
                        new byte[] {'{', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', ':', '1', '}'},
                        new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '{', '}'},
                        new byte[] {(byte) 0xFE, (byte) 0xFF, 0, '{', 0, '}'}));
    }

    @Provide
    Arbitrary<String> queries() {
        Arbitrary<String> name = Arbitraries.oneOf(Arbitraries.of(QUERY_NAMES), Arbitraries.strings().ofMaxLength(8)
                .map(s -> URLEncoder.encode(s, StandardCharsets.UTF_8)));
        Arbitrary<String> value = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(40).map(s -> URLEncoder.encode(s, StandardCharsets.UTF_8)),
                Arbitraries.strings().withChars("%0123456789abcdefzABCDEF+=&;/?#[]@!$'()*,.-_~").ofMaxLength(30),
                Arbitraries.of("2026-11-24T10:00:00Z", "%2B999999999-12-31T00:00:00Z", "-1", "99999999999999999999", "0",
                        "%ED%A0%80", "%C3", "%", "%zz", "%00", "%u0041", "a%2526b", "1e999", "NaN", "cam-01", ""));
        Arbitrary<String> pair = Combinators.combine(name, value).as((n, v) -> n + "=" + v);
        return Arbitraries.oneOf(pair.list().ofMaxSize(6).map(l -> String.join("&", l)),
                Arbitraries.of("&&&", "=", "==&=", "from", "limit=1&limit=2", "a=" + "b".repeat(3000)));
    }
}
