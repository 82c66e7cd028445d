package io.vigil.gateway.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands each request to a worker thread (handlers touch RocksDB, the ledger, Argon2 and
 * segment files, which block) and writes the reply back. Reading is paused while a
 * request is in flight, so pipelined requests on one connection are answered in order.
 * Streamed bodies are pulled on the worker thread only while the channel is writable;
 * {@link #channelWritabilityChanged} resumes them (backpressure).
 */
public final class GatewayHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger log = LoggerFactory.getLogger(GatewayHandler.class);

    private final Router router;
    private final ExecutorService workers;
    private final MeterRegistry meters;
    private volatile Streamer streaming;
    /** Requests that arrived (pipelined) while one was in flight; touched on the event loop only. */
    private final java.util.ArrayDeque<Runnable> waiting = new java.util.ArrayDeque<>();
    private boolean inFlight;

    public GatewayHandler(Router router, ExecutorService workers, MeterRegistry meters) {
        this.router = router;
        this.workers = workers;
        this.meters = meters;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
        if (!req.decoderResult().isSuccess()) {
            Throwable cause = req.decoderResult().cause();
            ApiException e;
            if (cause instanceof TooLongHttpHeaderException) {
                e = new ApiException(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "headers-too-large", "request headers are too large");
            } else if (cause instanceof TooLongHttpLineException || cause instanceof TooLongFrameException) {
                e = new ApiException(HttpResponseStatus.BAD_REQUEST, "request-line-too-long", "request line is too long");
            } else {
                e = new ApiException(HttpResponseStatus.BAD_REQUEST, "bad-request", "malformed HTTP request");
            }
            writeFull(ctx.channel(), Reply.error(e), false);
            return;
        }
        boolean keepAlive = HttpUtil.isKeepAlive(req);
        boolean head = req.method().equals(HttpMethod.HEAD);
        Exchange ex = new Exchange(req, (InetSocketAddress) ctx.channel().remoteAddress());
        Channel ch = ctx.channel();
        ch.config().setAutoRead(false);
        Runnable dispatch = () -> {
            try {
                workers.execute(() -> respond(ch, ex, keepAlive, head));
            } catch (RejectedExecutionException rejected) {
                writeFull(ch, Reply.error(new ApiException(HttpResponseStatus.SERVICE_UNAVAILABLE, "busy", "server is shutting down or overloaded")), false);
            }
        };
        // Pausing reads does not stop requests already decoded from the same read: queue them,
        // so responses on one connection are written strictly in request order.
        if (inFlight) {
            waiting.add(dispatch);
        } else {
            inFlight = true;
            dispatch.run();
        }
    }

    /** On the event loop, once a response is completely written. */
    private void responseDone(Channel ch) {
        Runnable next = waiting.poll();
        if (next != null) {
            next.run();
        } else {
            inFlight = false;
            ch.config().setAutoRead(true);
            ch.read();
        }
    }

    private void respond(Channel ch, Exchange ex, boolean keepAlive, boolean head) {
        Reply reply;
        long started = System.nanoTime();
        try {
            reply = router.handle(ex);
        } catch (ApiException e) {
            reply = Reply.error(e);
        } catch (Throwable t) {
            log.error("request {} {} failed", ex.method(), ex.rawPath(), t);
            reply = Reply.error(new ApiException(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal-error",
                    "the server could not complete the request (see the server log)"));
        }
        // Time until the response head is ready: for video, this includes the grant check and the
        // synced view.start ledger append, i.e. the server's part of "play request -> first byte".
        Timer.builder("vigil.gateway.requests").description("request handling until the response starts")
                .tag("route", ex.route()).tag("status", Integer.toString(reply.status.code()))
                .publishPercentileHistogram(false).register(meters)
                .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        if (!ch.isActive()) {
            if (reply.stream != null) reply.stream.close();
            runAfter(reply);
            return;
        }
        if (reply.stream == null || head) {
            if (reply.stream != null) reply.stream.close();
            writeFull(ch, reply, keepAlive);
        } else {
            startStream(ch, reply, keepAlive);
        }
    }

    private void writeFull(Channel ch, Reply reply, boolean keepAlive) {
        byte[] body = reply.body == null ? new byte[0] : reply.body;
        DefaultFullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, reply.status, Unpooled.wrappedBuffer(body));
        applyHeaders(res.headers(), reply);
        if (!res.headers().contains(HttpHeaderNames.CONTENT_LENGTH)) {
            res.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.length);
        }
        finish(ch, ch.writeAndFlush(res), reply, keepAlive);
    }

    private void startStream(Channel ch, Reply reply, boolean keepAlive) {
        HttpResponse res = new DefaultHttpResponse(HttpVersion.HTTP_1_1, reply.status);
        applyHeaders(res.headers(), reply);
        if (reply.contentLength >= 0) {
            res.headers().set(HttpHeaderNames.CONTENT_LENGTH, reply.contentLength);
        } else {
            HttpUtil.setTransferEncodingChunked(res, true);
        }
        Streamer s = new Streamer(ch, reply, keepAlive);
        streaming = s;
        ch.writeAndFlush(res);
        s.pump();
    }

    private void finish(Channel ch, io.netty.channel.ChannelFuture f, Reply reply, boolean keepAlive) {
        f.addListener((ChannelFutureListener) done -> {
            if (!keepAlive || !done.isSuccess()) {
                ch.close();
            } else {
                responseDone(ch);
            }
            if (reply.afterSent != null) {
                try {
                    workers.execute(() -> runAfter(reply));
                } catch (RejectedExecutionException ignored) {
                    // shutting down
                }
            }
        });
    }

    private static void runAfter(Reply reply) {
        if (reply.afterSent == null) return;
        try {
            reply.afterSent.run();
        } catch (RuntimeException e) {
            log.warn("after-response action failed: {}", e.toString());
        }
    }

    static void applyHeaders(HttpHeaders h, Reply reply) {
        applySecurityHeaders(h);
        for (Map.Entry<String, String> e : reply.headers.entrySet()) h.set(e.getKey(), e.getValue());
        for (Map.Entry<String, String> e : reply.extraHeaders) h.add(e.getKey(), e.getValue());
    }

    /** The headers every answer carries, whatever its status (100, 413 and 417 from Netty's aggregator included). */
    static void applySecurityHeaders(HttpHeaders h) {
        h.set("Strict-Transport-Security", "max-age=31536000");
        h.set("X-Content-Type-Options", "nosniff");
        h.set("X-Frame-Options", "DENY");
        h.set("Referrer-Policy", "no-referrer");
        h.set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; media-src 'self' blob:; "
                + "frame-ancestors 'none'; base-uri 'none'; form-action 'self'");
        h.set("Cache-Control", "no-store");
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        Streamer s = streaming;
        if (s != null && ctx.channel().isWritable()) s.resume();
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        Streamer s = streaming;
        if (s != null) s.resume(); // lets the pump notice the closed channel and clean up
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("connection from {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }

    /** Pulls a streamed body on worker threads while the channel accepts more. */
    private final class Streamer {
        private final Channel ch;
        private final Reply reply;
        private final boolean keepAlive;
        private final AtomicBoolean running = new AtomicBoolean();
        private final AtomicBoolean done = new AtomicBoolean();

        Streamer(Channel ch, Reply reply, boolean keepAlive) {
            this.ch = ch;
            this.reply = reply;
            this.keepAlive = keepAlive;
        }

        void resume() {
            if (done.get()) return;
            try {
                workers.execute(this::pump);
            } catch (RejectedExecutionException e) {
                end(false);
            }
        }

        void pump() {
            if (done.get() || !running.compareAndSet(false, true)) return;
            try {
                while (!done.get()) {
                    if (!ch.isActive()) {
                        end(false);
                        return;
                    }
                    if (!ch.isWritable()) {
                        ch.flush();
                        // The viewer reads slower than we produce: give the worker back until writable.
                        meters.counter("vigil.gateway.stream.pauses").increment();
                        break;
                    }
                    ByteBuf chunk = reply.stream.next(ch.alloc());
                    if (chunk == null) {
                        end(true);
                        return;
                    }
                    ch.writeAndFlush(new DefaultHttpContent(chunk));
                }
            } catch (Exception e) {
                log.warn("streaming {} stopped: {}", reply.status, e.toString());
                end(false);
                return;
            } finally {
                running.set(false);
            }
            // The channel may have become writable between the check and clearing 'running'.
            if (!done.get() && (ch.isWritable() || !ch.isActive())) resume();
        }

        private void end(boolean complete) {
            if (!done.compareAndSet(false, true)) return;
            streaming = null;
            reply.stream.close();
            if (complete && ch.isActive()) {
                finish(ch, ch.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT), reply, keepAlive);
            } else {
                ch.close();
                runAfter(reply);
            }
        }
    }
}
