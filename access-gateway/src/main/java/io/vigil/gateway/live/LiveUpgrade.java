package io.vigil.gateway.live;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.vigil.config.CameraId;
import io.vigil.gateway.accounts.Account;
import io.vigil.gateway.http.ApiException;
import io.vigil.gateway.http.Exchange;
import io.vigil.storage.LiveFeeds;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;

/**
 * Sits before the gateway's HTTP handler and takes {@code GET /api/v1/live/socket}: checks
 * the sign-in (the same guard as every API route), the Origin (no other site may open a
 * socket with the viewer's cookie), that the monitoring session is the viewer's and open
 * and holds every camera named ({@code camera=} once per tile, at most 16); then upgrades to a WebSocket and changes the pipeline: the HTTP
 * handlers leave, a {@link LiveSocket} takes the connection. Checks run on the worker pool
 * (they read the session table), the upgrade on the event loop.
 */
public final class LiveUpgrade extends ChannelInboundHandlerAdapter {
    public static final String PATH = "/api/v1/live/socket";
    private static final int MAX_FRAME = 64 * 1024;
    /** The largest wall (4x4); a tile's index travels in one byte. */
    static final int MAX_TILES = 16;

    private final Function<Exchange, Account> signIn;
    private final MonitoringSessions sessions;
    private final LiveFeeds feeds;
    private final Executor workers;

    /**
     * @param signIn the API's guard: the signed-in account for a request, or throws
     *     {@link ApiException}
     */
    public LiveUpgrade(Function<Exchange, Account> signIn, MonitoringSessions sessions, LiveFeeds feeds, Executor workers) {
        this.signIn = signIn;
        this.sessions = sessions;
        this.feeds = feeds;
        this.workers = workers;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest req) || !req.decoderResult().isSuccess()
                || !new QueryStringDecoder(req.uri()).path().equals(PATH)) {
            ctx.fireChannelRead(msg);
            return;
        }
        ctx.channel().config().setAutoRead(false);
        try {
            workers.execute(() -> check(ctx, req));
        } catch (RejectedExecutionException e) {
            refuse(ctx, req, HttpResponseStatus.SERVICE_UNAVAILABLE, "server is shutting down or overloaded");
        }
    }

    private void check(ChannelHandlerContext ctx, FullHttpRequest req) {
        try {
            if (!req.method().equals(HttpMethod.GET) || !"websocket".equalsIgnoreCase(req.headers().get(HttpHeaderNames.UPGRADE))) {
                throw new ApiException(HttpResponseStatus.BAD_REQUEST, "bad-request", PATH + " is a WebSocket: GET with Upgrade: websocket");
            }
            String host = req.headers().get(HttpHeaderNames.HOST);
            String origin = req.headers().get(HttpHeaderNames.ORIGIN);
            if (host == null || !("https://" + host).equalsIgnoreCase(origin)) {
                throw ApiException.forbidden("live pictures open only from this site's own pages (Origin " + origin + ")");
            }
            Exchange ex = new Exchange(req, (InetSocketAddress) ctx.channel().remoteAddress());
            Account who = signIn.apply(ex);
            QueryStringDecoder q = new QueryStringDecoder(req.uri());
            String id = first(q, "session");
            List<String> cameras = q.parameters().getOrDefault("camera", List.of());
            MonitoringSession m = sessions.find(id, who.username()).orElseThrow(() -> ApiException.forbidden(
                    "no open monitoring session " + id + " of yours: state a purpose for the wall first"));
            if (cameras.isEmpty() || cameras.size() > MAX_TILES) {
                throw new ApiException(HttpResponseStatus.BAD_REQUEST, "bad-request",
                        "name 1 to " + MAX_TILES + " cameras with camera=..., got " + cameras.size());
            }
            List<CameraId> ids = new java.util.ArrayList<>();
            for (String camera : cameras) { // checked here, where they enter: a malformed id is in no session
                CameraId cam = CameraId.isValid(camera) ? CameraId.of(camera) : null;
                if (cam == null || !m.cameras().contains(cam) || !who.holdsCamera(cam)) {
                    throw ApiException.forbidden("camera " + camera + " is not in monitoring session " + id);
                }
                ids.add(cam);
            }
            ctx.channel().eventLoop().execute(() -> upgrade(ctx, req, m, ids, host));
        } catch (ApiException e) {
            refuse(ctx, req, e.status(), e.getMessage());
        } catch (RuntimeException e) {
            refuse(ctx, req, HttpResponseStatus.INTERNAL_SERVER_ERROR, "the live picture could not be opened (see the server log)");
        }
    }

    private void upgrade(ChannelHandlerContext ctx, FullHttpRequest req, MonitoringSession m, List<CameraId> cameras, String host) {
        try {
            WebSocketServerHandshaker hs = new WebSocketServerHandshakerFactory("wss://" + host + PATH, null, false, MAX_FRAME)
                    .newHandshaker(req);
            if (hs == null) {
                WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel());
                return;
            }
            ChannelPipeline p = ctx.pipeline();
            LiveSocket socket = new LiveSocket(m, cameras, feeds);
            // From here the connection carries WebSocket frames: the HTTP-only handlers leave.
            for (String name : List.of("keepAlive", "gateway")) {
                if (p.get(name) != null) p.remove(name);
            }
            p.addAfter(ctx.name(), "liveSocket", socket);
            hs.handshake(ctx.channel(), req).addListener((ChannelFutureListener) f -> {
                if (!f.isSuccess()) {
                    f.channel().close();
                    return;
                }
                p.remove(this);
                socket.open(f.channel());
                f.channel().config().setAutoRead(true);
            });
        } finally {
            req.release();
        }
    }

    private static String first(QueryStringDecoder q, String name) {
        List<String> v = q.parameters().get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    private static String quote(String s) {
        try {
            return io.vigil.gateway.http.Json.MAPPER.writeValueAsString(s);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return "\"\"";
        }
    }

    private static void refuse(ChannelHandlerContext ctx, FullHttpRequest req, HttpResponseStatus status, String message) {
        req.release();
        byte[] body = ("{\"error\":\"" + (status.code() == 403 ? "forbidden" : "refused") + "\",\"message\":"
                + quote(message) + "}").getBytes(StandardCharsets.UTF_8);
        DefaultFullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
        res.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json; charset=utf-8");
        res.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.length);
        res.headers().set(HttpHeaderNames.CONNECTION, "close");
        ctx.channel().eventLoop().execute(() -> ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE));
    }
}
