package io.vigil.gateway.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Map;

/**
 * A refusal or bad request, turned into {@code {"error": code, "message": words}} with
 * the given status. The message is shown to users: it names what is wrong, never a
 * stack trace or secret.
 */
public class ApiException extends RuntimeException {
    private final HttpResponseStatus status;
    private final String code;
    private final Map<String, String> headers;

    public ApiException(HttpResponseStatus status, String code, String message) {
        this(status, code, message, Map.of());
    }

    public ApiException(HttpResponseStatus status, String code, String message, Map<String, String> headers) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.headers = headers;
    }

    public HttpResponseStatus status() { return status; }
    public String code() { return code; }
    public Map<String, String> headers() { return headers; }

    public static ApiException badRequest(String field, String message) {
        return new ApiException(HttpResponseStatus.BAD_REQUEST, "bad-request", field + ": " + message);
    }

    public static ApiException unauthorized(String message) {
        return new ApiException(HttpResponseStatus.UNAUTHORIZED, "unauthorized", message);
    }

    public static ApiException forbidden(String message) {
        return new ApiException(HttpResponseStatus.FORBIDDEN, "forbidden", message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(HttpResponseStatus.NOT_FOUND, "not-found", message);
    }
}
