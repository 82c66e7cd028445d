package io.vigil.ingest.rtsp.client;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.rtsp.RtspMethods;
import io.netty.handler.codec.rtsp.RtspVersions;
import io.vigil.ingest.rtsp.RtspHeaders;
import io.vigil.ingest.rtsp.auth.AuthHeaderException;
import io.vigil.ingest.rtsp.auth.ClientAuthenticator;

import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The requests of one pull session to its camera: each carries the Session (once set up)
 * and Authorization (once challenged) headers; a 401 is answered once with credentials;
 * a 3xx becomes a {@link Redirect}. Used on the session's event loop.
 */
final class CameraRequests {
    private final PullOptions options;
    private final ClientAuthenticator authenticator;
    private RtspClientHandler connection;
    private String sessionId;
    private boolean closed;

    CameraRequests(PullOptions options) {
        this.options = options;
        this.authenticator = new ClientAuthenticator(options.user(), options.password());
    }

    /** The connection requests go over (a redirect replaces it); null while there is none. */
    void connection(RtspClientHandler connection) {
        this.connection = connection;
    }

    RtspClientHandler connection() {
        return connection;
    }

    void sessionId(String sessionId) {
        this.sessionId = sessionId;
    }

    String sessionId() {
        return sessionId;
    }

    /**
     * Sends a request with Session and Authorization as needed; answers a 401 once with
     * credentials; turns 3xx into {@link Redirect}.
     */
    CompletableFuture<RtspResponse> request(HttpMethod method, String url, Consumer<HttpHeaders> headers) {
        return send(method, url, headers).thenCompose(r -> {
            if (r.status() == 401) {
                if (options.password() == null && options.user() == null) {
                    throw new RtspClientException(RtspFailure.of("needsCredentials"));
                }
                boolean usable;
                try {
                    usable = authenticator.accept(r.all(RtspHeaders.WWW_AUTHENTICATE));
                } catch (AuthHeaderException e) {
                    throw new RtspClientException(RtspFailure.of("badChallenge", "detail", e.getMessage()));
                }
                if (!usable) throw new RtspClientException(RtspFailure.of("unsupportedAuth"));
                return send(method, url, headers).thenApply(again -> {
                    if (again.status() == 401) {
                        throw new RtspClientException(RtspFailure.of("credentialsRefused", "method", method.name()),
                                RtspClientException.Refusal.CREDENTIALS);
                    }
                    return again;
                });
            }
            return CompletableFuture.completedFuture(r);
        }).thenApply(r -> {
            if (r.status() == 301 || r.status() == 302 || r.status() == 303 || r.status() == 307) {
                String location = r.header(RtspHeaders.LOCATION);
                if (location == null) throw new RtspClientException(RtspFailure.of("redirectWithoutLocation", "status", r.status()));
                throw new Redirect(location);
            }
            return r;
        });
    }

    private CompletableFuture<RtspResponse> send(HttpMethod method, String url, Consumer<HttpHeaders> headers) {
        RtspClientHandler c = connection;
        if (c == null || closed) return CompletableFuture.failedFuture(new RtspClientException(RtspFailure.of("sessionClosed")));
        FullHttpRequest req = new DefaultFullHttpRequest(RtspVersions.RTSP_1_0, method, url, Unpooled.EMPTY_BUFFER);
        headers.accept(req.headers());
        if (sessionId != null) req.headers().set(RtspHeaders.SESSION, sessionId);
        String auth = authenticator.authorization(method.name(), url);
        if (auth != null) req.headers().set(RtspHeaders.AUTHORIZATION, auth);
        return c.send(req, options.requestTimeout());
    }

    /** No request goes out any more (the session is finishing); {@link #teardown} still may. */
    void close() {
        closed = true;
    }

    /** The TEARDOWN of the session at {@code url}, sent without waiting for an answer; null when nothing was set up. */
    FullHttpRequest teardown(String url) {
        if (sessionId == null || url == null) return null;
        FullHttpRequest teardown = new DefaultFullHttpRequest(RtspVersions.RTSP_1_0, RtspMethods.TEARDOWN, url, Unpooled.EMPTY_BUFFER);
        teardown.headers().set(RtspHeaders.SESSION, sessionId);
        teardown.headers().set(RtspHeaders.CSEQ, "9999");
        String auth = authenticator.authorization("TEARDOWN", url);
        if (auth != null) teardown.headers().set(RtspHeaders.AUTHORIZATION, auth);
        return teardown;
    }

    /** Forgets the credentials (the password array is wiped). */
    void destroy() {
        if (options.password() != null) Arrays.fill(options.password(), '\0');
        authenticator.destroy();
    }

    static void expectOk(RtspResponse r, String what) {
        if (r.status() < 200 || r.status() > 299) {
            throw new RtspClientException(RtspFailure.of("status", "method", what, "status", r.status() + " " + r.reason()));
        }
    }

    /** A 3xx answer: start over at {@code location}. */
    static final class Redirect extends RuntimeException {
        final String location;

        Redirect(String location) {
            super("redirect", null, false, false);
            this.location = location;
        }
    }
}
