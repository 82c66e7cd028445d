package io.vigil.gateway.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The whole HTTPS pipeline in one place: TLS, HTTP/1.1 codec with request line and
 * header limits, keep-alive, a small body limit (API bodies are tiny; larger ones get
 * 413), then the gateway handler.
 */
public final class GatewayChannelInitializer extends ChannelInitializer<SocketChannel> {
    public static final int MAX_INITIAL_LINE = 4096;
    public static final int MAX_HEADER_BYTES = 8192;
    public static final int MAX_BODY_BYTES = 64 * 1024;

    private final SslContext ssl;
    private final Router router;
    private final ExecutorService workers;
    private final MeterRegistry meters;
    private final java.util.function.Supplier<io.netty.channel.ChannelHandler> upgrades;

    public GatewayChannelInitializer(SslContext ssl, Router router, ExecutorService workers, MeterRegistry meters) {
        this(ssl, router, workers, meters, null);
    }

    /**
     * @param upgrades makes the handler placed before the gateway's that takes WebSocket
     *     upgrades (the live wall's); it changes the pipeline of its own connection, or null
     */
    public GatewayChannelInitializer(SslContext ssl, Router router, ExecutorService workers, MeterRegistry meters,
                                     java.util.function.Supplier<io.netty.channel.ChannelHandler> upgrades) {
        this.upgrades = upgrades;
        this.ssl = ssl;
        this.router = router;
        this.workers = workers;
        this.meters = meters;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        ChannelPipeline p = ch.pipeline();
        p.addLast("tls", ssl.newHandler(ch.alloc()));
        p.addLast("idle", new IdleStateHandler(0, 0, 300, TimeUnit.SECONDS) {
            @Override
            protected void channelIdle(ChannelHandlerContext ctx, io.netty.handler.timeout.IdleStateEvent evt) {
                ctx.close();
            }
        });
        p.addLast("http", new HttpServerCodec(MAX_INITIAL_LINE, MAX_HEADER_BYTES, 8192));
        p.addLast("keepAlive", new HttpServerKeepAliveHandler());
        p.addLast("aggregate", new JsonLimitAggregator(MAX_BODY_BYTES));
        if (upgrades != null) p.addLast("upgrade", upgrades.get());
        p.addLast("gateway", new GatewayHandler(router, workers, meters));
    }

    /** Answers an oversized body with the API's JSON error shape instead of an empty 413. */
    static final class JsonLimitAggregator extends HttpObjectAggregator {
        JsonLimitAggregator(int max) {
            super(max);
        }

        @Override
        protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
            byte[] body = ("{\"error\":\"too-large\",\"message\":\"request body exceeds " + MAX_BODY_BYTES + " bytes\"}")
                    .getBytes(StandardCharsets.UTF_8);
            DefaultFullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, Unpooled.wrappedBuffer(body));
            GatewayHandler.applySecurityHeaders(res.headers());
            res.headers().set("Content-Type", "application/json; charset=utf-8");
            res.headers().set("Content-Length", body.length);
            res.headers().set("Connection", "close");
            ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
        }

        /**
         * Netty's own 100 Continue, 417 and early 413 answers are shared static objects without
         * the security headers: every answer gets a fresh copy carrying them.
         */
        @Override
        protected Object newContinueResponse(HttpMessage start, int maxContentLength, io.netty.channel.ChannelPipeline pipeline) {
            Object response = super.newContinueResponse(start, maxContentLength, pipeline);
            if (!(response instanceof io.netty.handler.codec.http.FullHttpResponse shared)) {
                return response;
            }
            DefaultFullHttpResponse fresh = new DefaultFullHttpResponse(shared.protocolVersion(), shared.status(),
                    Unpooled.EMPTY_BUFFER);
            fresh.headers().set(shared.headers());
            GatewayHandler.applySecurityHeaders(fresh.headers());
            shared.release();
            return fresh;
        }
    }
}
