package io.vigil.gateway.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A response to write: status, headers and either whole bytes or a streamed body.
 * {@code contentLength} is -1 for a streamed body of unknown length (chunked encoding).
 */
public final class Reply {
    final HttpResponseStatus status;
    final Map<String, String> headers = new LinkedHashMap<>();
    final java.util.List<Map.Entry<String, String>> extraHeaders = new java.util.ArrayList<>();
    final byte[] body;
    final BodySource stream;
    final long contentLength;
    Runnable afterSent;

    private Reply(HttpResponseStatus status, String contentType, byte[] body, BodySource stream, long contentLength) {
        this.status = status;
        this.body = body;
        this.stream = stream;
        this.contentLength = contentLength;
        if (contentType != null) headers.put("Content-Type", contentType);
    }

    public static Reply json(HttpResponseStatus status, Object value) {
        try {
            return new Reply(status, "application/json; charset=utf-8", Json.MAPPER.writeValueAsBytes(value), null, -1);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON response", e);
        }
    }

    public static Reply ok(Object value) {
        return json(HttpResponseStatus.OK, value);
    }

    public static Reply bytes(HttpResponseStatus status, String contentType, byte[] body) {
        return new Reply(status, contentType, body, null, -1);
    }

    public static Reply text(HttpResponseStatus status, String contentType, String body) {
        return bytes(status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    public static Reply stream(HttpResponseStatus status, String contentType, BodySource source, long contentLength) {
        return new Reply(status, contentType, null, source, contentLength);
    }

    public static Reply error(ApiException e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("error", e.code());
        m.put("message", e.getMessage());
        m.put("key", e.key());
        if (!e.params().isEmpty()) m.put("params", e.params());
        Reply r = json(e.status(), m);
        r.headers.putAll(e.headers());
        return r;
    }

    /** A second value of a header (two Set-Cookie headers); written as separate header lines. */
    public Reply addHeader(String name, String value) {
        extraHeaders.add(Map.entry(name, value));
        return this;
    }

    public Reply header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /** Runs on a worker thread once the last byte is written (or the connection dropped). */
    public Reply afterSent(Runnable r) {
        this.afterSent = r;
        return this;
    }

    public HttpResponseStatus status() {
        return status;
    }
}
