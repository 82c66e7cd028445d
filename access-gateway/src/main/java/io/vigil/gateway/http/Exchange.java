package io.vigil.gateway.http;

import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One request as handlers see it, copied out of Netty's buffers so it can be handled
 * on a worker thread: method, decoded path, query, headers, body, client address.
 */
public final class Exchange implements io.vigil.gateway.i18n.LanguageChoice.Request {
    private final HttpMethod method;
    private final String rawUri;
    private final String path;
    private final Map<String, List<String>> query;
    /** Why the query string could not be decoded (a bad %-escape), or null. */
    private final String queryProblem;
    private final HttpHeaders headers;
    private final byte[] body;
    private final InetAddress client;
    private Map<String, String> pathParams = Map.of();
    private Object principal;
    private String route = "static";

    public Exchange(FullHttpRequest request, InetSocketAddress remote) {
        this.method = request.method();
        this.rawUri = request.uri();
        QueryStringDecoder qs = new QueryStringDecoder(request.uri());
        this.path = qs.rawPath();
        Map<String, List<String>> q;
        String problem = null;
        try {
            q = qs.parameters(); // decodes here, on the event loop: a bad escape must not escape as an exception
        } catch (IllegalArgumentException e) {
            q = Map.of();
            problem = "is not valid percent-encoding (" + e.getMessage() + ")";
        }
        this.query = q;
        this.queryProblem = problem;
        this.headers = request.headers().copy();
        this.body = ByteBufUtil.getBytes(request.content());
        this.client = remote == null ? InetAddress.getLoopbackAddress() : remote.getAddress();
    }

    public HttpMethod method() { return method; }
    public String rawUri() { return rawUri; }
    /** The path still percent-encoded, exactly as sent (static file code decodes it itself). */
    public String rawPath() { return path; }
    public HttpHeaders headers() { return headers; }
    public byte[] body() { return body; }
    public InetAddress client() { return client; }
    public String clientText() { return client.getHostAddress(); }

    public String header(String name) { return headers.get(name); }

    /** Refuses a request whose query string could not be decoded, naming it (400), before any handler reads it. */
    void requireDecodableQuery() {
        if (queryProblem != null) throw ApiException.badRequest("query", queryProblem);
    }

    @Override
    public String queryParam(String name) {
        List<String> v = query.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    public String requiredQuery(String name) {
        String v = queryParam(name);
        if (v == null || v.isEmpty()) throw ApiException.badRequest(name, "query parameter is required");
        return v;
    }

    public Instant queryInstant(String name) {
        String v = queryParam(name);
        return v == null || v.isEmpty() ? null : Json.instant(name, v);
    }

    @Override
    public String cookie(String name) {
        String header = headers.get("Cookie");
        if (header == null) return null;
        Set<Cookie> cookies = ServerCookieDecoder.STRICT.decode(header);
        for (Cookie c : cookies) if (c.name().equals(name)) return c.value();
        return null;
    }

    public String pathParam(String name) { return pathParams.get(name); }
    void pathParams(Map<String, String> p) { this.pathParams = p; }

    /** The matched route's template (for metrics), or "static". */
    public String route() { return route; }
    void route(String r) { this.route = r; }

    @SuppressWarnings("unchecked")
    public <T> T principal() { return (T) principal; }
    public void principal(Object p) { this.principal = p; }
}
