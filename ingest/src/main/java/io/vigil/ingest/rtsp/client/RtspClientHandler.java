package io.vigil.ingest.rtsp.client;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.vigil.ingest.rtsp.RtspHeaders;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import io.vigil.ingest.rtsp.RtspMessages;
import io.vigil.ingest.rtsp.codec.InterleavedFrame;
import io.vigil.ingest.rtsp.codec.RtspFrameException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The client end of one RTSP connection: numbers requests (CSeq), matches responses to
 * them, times them out, and passes interleaved frames and the connection's end on.
 * Used on the channel's event loop only.
 */
final class RtspClientHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(RtspClientHandler.class);

    /** What the session learns from the connection. */
    interface Events {
        void onFrame(InterleavedFrame frame);

        void onConnectionEnd(String reason);
    }

    private record Pending(String what, CompletableFuture<RtspResponse> future, ScheduledFuture<?> timeout) {}

    private final Events events;
    /** The session's name in the log: its camera's id, with " (live)" for the camera's live substream. */
    private final String name;
    private final Map<Integer, Pending> pending = new LinkedHashMap<>();
    private ChannelHandlerContext ctx;
    private int nextCseq = 1;
    private String endReason;

    RtspClientHandler(String name, Events events) {
        this.name = name;
        this.events = events;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    /** Sends {@code request} and completes with its response, or fails after {@code timeout}. */
    CompletableFuture<RtspResponse> send(HttpRequest request, Duration timeout) {
        CompletableFuture<RtspResponse> f = new CompletableFuture<>();
        String what = request.method().name();
        if (ctx == null || !ctx.channel().isActive()) {
            ReferenceCountUtil.release(request);
            f.completeExceptionally(new RtspClientException(endReason != null ? endReason : RtspFailure.of("connectionClosed")));
            return f;
        }
        int cseq = nextCseq++;
        request.headers().set(RtspHeaders.CSEQ, String.valueOf(cseq));
        request.headers().set(RtspHeaders.USER_AGENT, RtspMessages.SERVER);
        ScheduledFuture<?> t = ctx.executor().schedule(() -> {
            Pending p = pending.remove(cseq);
            if (p != null) {
                p.future.completeExceptionally(new RtspClientException(RtspFailure.of("noAnswer", "method", what, "seconds", timeout.toSeconds())));
            }
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        pending.put(cseq, new Pending(what, f, t));
        ctx.writeAndFlush(request).addListener(w -> {
            if (!w.isSuccess()) {
                Pending p = pending.remove(cseq);
                if (p != null) {
                    p.timeout.cancel(false);
                    p.future.completeExceptionally(new RtspClientException(RtspFailure.of("cannotSend", "method", what, "cause", RtspFailure.io(w.cause()))));
                }
            }
        });
        return f;
    }

    /** Media flows on this connection from now on: read it in batches ({@link io.vigil.ingest.rtsp.ReadPacer}). */
    void paceReads() {
        if (ctx != null) io.vigil.ingest.rtsp.ReadPacer.addIfEnabled(ctx.pipeline());
    }

    void sendFrame(InterleavedFrame frame) {
        if (ctx != null && ctx.channel().isActive()) ctx.writeAndFlush(frame, ctx.voidPromise());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof InterleavedFrame frame) {
                events.onFrame(frame);
            } else if (msg instanceof FullHttpResponse response) {
                onResponse(response);
            } else if (msg instanceof FullHttpRequest request) {
                onServerRequest(request);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void onResponse(FullHttpResponse r) {
        if (r.decoderResult().isFailure()) {
            fail(RtspFailure.of("malformedResponse", "detail", describe(r.decoderResult().cause())));
            return;
        }
        String cseqText = r.headers().get(RtspHeaders.CSEQ);
        Pending p = null;
        if (cseqText == null) {
            // A few cameras omit CSeq; with exactly one request outstanding it can only be that one.
            if (pending.size() == 1) {
                Integer only = pending.keySet().iterator().next();
                p = pending.remove(only);
            }
        } else {
            try {
                p = pending.remove(Integer.parseInt(cseqText.trim()));
            } catch (NumberFormatException e) {
                fail(RtspFailure.of("badCseq"));
                return;
            }
        }
        if (p == null) {
            log.debug("camera {}: ignoring a response with unexpected CSeq {}", name, cseqText);
            return;
        }
        p.timeout.cancel(false);
        HttpResponseStatus s = r.status();
        p.future.complete(new RtspResponse(s.code(), s.reasonPhrase(), new DefaultHttpHeaders().add(r.headers()),
                r.content().toString(StandardCharsets.UTF_8)));
    }

    /** Servers may send OPTIONS or GET_PARAMETER as their own keep-alive; answer politely. */
    private void onServerRequest(FullHttpRequest request) {
        if (request.decoderResult().isFailure()) {
            fail(RtspFailure.of("malformedMessage", "detail", describe(request.decoderResult().cause())));
            return;
        }
        String cseq = request.headers().get(RtspHeaders.CSEQ);
        String m = request.method().name();
        HttpResponseStatus status = m.equals("OPTIONS") || m.equals("GET_PARAMETER") ? HttpResponseStatus.OK : HttpResponseStatus.NOT_IMPLEMENTED;
        ctx.writeAndFlush(RtspMessages.response(status, cseq));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof DecoderException && cause.getCause() instanceof RtspFrameException fe) {
            fail(RtspFailure.of("notRtsp", "detail", fe.getMessage()));
        } else if (cause instanceof IOException) {
            fail(RtspFailure.of("connectionFailed", "cause", RtspFailure.io(cause)));
        } else {
            log.warn("camera {}: unexpected error on the RTSP connection: {}", name, cause.toString());
            fail(RtspFailure.of("unexpected", "detail", cause.getClass().getSimpleName()));
        }
    }

    /** Ends the connection with {@code reason}; pending requests fail with it. */
    void fail(String reason) {
        if (endReason == null) endReason = reason;
        if (ctx != null) ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        String reason = endReason != null ? endReason : RtspFailure.of("closedByCamera");
        endReason = reason;
        for (Pending p : new ArrayList<>(pending.values())) {
            p.timeout.cancel(false);
            p.future.completeExceptionally(new RtspClientException(reason));
        }
        pending.clear();
        events.onConnectionEnd(reason);
        super.channelInactive(ctx);
    }

    private static String describe(Throwable t) {
        if (t == null) return "unknown problem";
        String m = t.getMessage();
        return m == null ? t.getClass().getSimpleName() : (m.length() > 120 ? m.substring(0, 120) + "..." : m);
    }
}
