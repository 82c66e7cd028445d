package io.vigil.gateway.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.gateway.GatewayFixture;
import io.vigil.gateway.tls.GatewayTls;
import io.vigil.testkit.TrustedCertificate;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Someone else's session with the gateway a browser test drives, through the JSON API (a
 * JDK client trusting exactly the gateway's certificate): the steps of a second person the
 * browser's user watches happen, e.g. the privacy manager masking while the officer follows
 * it on their page.
 */
final class ApiSession {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final String baseUrl;
    private final String cookie;
    private final String csrf;

    private ApiSession(HttpClient http, String baseUrl, String cookie, String csrf) {
        this.http = http;
        this.baseUrl = baseUrl;
        this.cookie = cookie;
        this.csrf = csrf;
    }

    static ApiSession login(GatewayFixture gateway, String user, String password) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).sslContext(TrustedCertificate.sslContext(
                gateway.store.dataDir().resolve("tls").resolve(GatewayTls.CERT_FILE))).build();
        String body = JSON.writeValueAsString(java.util.Map.of("username", user, "password", password));
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/api/v1/login"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) throw new AssertionError("login of " + user + " refused: " + r.statusCode() + " " + r.body());
        String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        return new ApiSession(http, gateway.baseUrl(), setCookie.substring(0, setCookie.indexOf(';')),
                JSON.readTree(r.body()).get("csrfToken").asText());
    }

    JsonNode get(String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET());
    }

    JsonNode post(String path, String json) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Content-Type", "application/json")
                .header("X-CSRF-Token", csrf).POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** Sends with the session's cookie; anything but a 2xx answer fails the test with the body. */
    private JsonNode send(HttpRequest.Builder b) throws Exception {
        HttpResponse<String> r = http.send(b.header("Cookie", cookie).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) throw new AssertionError(r.request().method() + " " + r.uri() + ": " + r.statusCode() + " " + r.body());
        return JSON.readTree(r.body());
    }
}
