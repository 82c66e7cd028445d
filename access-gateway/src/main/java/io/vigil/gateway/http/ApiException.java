package io.vigil.gateway.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.vigil.gateway.i18n.Messages;
import java.util.Map;

/**
 * A refusal or bad request, turned into {@code {"error": code, "message": words, "key":
 * bundle key, "params": {...}}} with the given status. The message (English) is for API
 * clients and logs; pages show the bundle text of {@code key} filled with {@code params}
 * in the user's language (see docs/web.md). Without an explicit key the key is
 * {@code error.<code>}, so every code needs that key in both bundles (I18nBundleTest).
 * Messages name what is wrong, never a stack trace or secret.
 */
public class ApiException extends RuntimeException {
    private final HttpResponseStatus status;
    private final String code;
    private final Map<String, String> headers;
    private final String key;
    private final Map<String, Object> params;

    public ApiException(HttpResponseStatus status, String code, String message) {
        this(status, code, message, Map.of());
    }

    public ApiException(HttpResponseStatus status, String code, String message, Map<String, String> headers) {
        this(status, code, message, headers, "error." + code, Map.of("detail", message));
    }

    private ApiException(HttpResponseStatus status, String code, String message, Map<String, String> headers,
                         String key, Map<String, Object> params) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.headers = headers;
        this.key = key;
        this.params = params;
    }

    /**
     * An error whose words come from the bundles: {@code key} with its {@code {name}}
     * placeholders filled from {@code params}; the English text becomes the message.
     */
    public static ApiException keyed(HttpResponseStatus status, String code, String key, Map<String, ?> params) {
        Map<String, Object> p = Map.copyOf(params);
        return new ApiException(status, code, Messages.get().format("en", key, p), Map.of(), key, p);
    }

    /** The same error with response headers (e.g. Retry-After). */
    public ApiException withHeaders(Map<String, String> h) {
        return new ApiException(status, code, getMessage(), h, key, params);
    }

    public HttpResponseStatus status() { return status; }
    public String code() { return code; }
    public Map<String, String> headers() { return headers; }
    /** The bundle key of the words a page shows. */
    public String key() { return key; }
    public Map<String, Object> params() { return params; }

    /** A bad field: the page shows "error.bad-request" with the field and the (English) detail. */
    public static ApiException badRequest(String field, String message) {
        return new ApiException(HttpResponseStatus.BAD_REQUEST, "bad-request", field + ": " + message, Map.of(),
                "error.bad-request", Map.of("field", field, "detail", message));
    }

    /**
     * A bad field whose words come from the bundles: {@code key}'s text names the field by
     * its {@code {label}} (the page fills it with the field's label in the user's language);
     * the English message, for API clients, fills it with the field's wire name.
     */
    public static ApiException badField(String field, String key, Map<String, ?> params) {
        java.util.Map<String, Object> p = new java.util.HashMap<>(params);
        p.put("field", field);
        java.util.Map<String, Object> english = new java.util.HashMap<>(p);
        english.put("label", field);
        return new ApiException(HttpResponseStatus.BAD_REQUEST, "bad-request", Messages.get().format("en", key, english), Map.of(),
                key, Map.copyOf(p));
    }

    public static ApiException unauthorized(String message) {
        return generic(HttpResponseStatus.UNAUTHORIZED, "unauthorized", message);
    }

    public static ApiException forbidden(String message) {
        return generic(HttpResponseStatus.FORBIDDEN, "forbidden", message);
    }

    public static ApiException notFound(String message) {
        return generic(HttpResponseStatus.NOT_FOUND, "not-found", message);
    }

    /** Key {@code error.<code>}, the English message as its {detail} parameter. */
    private static ApiException generic(HttpResponseStatus status, String code, String message) {
        return new ApiException(status, code, message, Map.of(), "error." + code, Map.of("detail", message));
    }
}
