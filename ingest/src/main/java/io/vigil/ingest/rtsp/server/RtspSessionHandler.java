package io.vigil.ingest.rtsp.server;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.rtsp.RtspResponseStatuses;
import io.netty.handler.codec.rtsp.RtspVersions;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import io.vigil.config.CameraId;
import io.vigil.ingest.rtsp.RtspHeaders;
import io.vigil.ingest.rtsp.RtspMessages;
import io.vigil.ingest.rtsp.RtspProtocolException;
import io.vigil.ingest.rtsp.codec.InterleavedFrame;
import io.vigil.ingest.rtsp.codec.RtspFrameException;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every state of a server connection shares: the last handler of the pipeline
 * ("session"), it checks each request (RTSP/1.0, a CSeq), answers OPTIONS and
 * GET/SET_PARAMETER, hands every other method to the state, and answers with the
 * session's id. The states: {@link RtspConnectionHandler} until the client's intent is
 * known, then a {@link PublishSessionHandler} or a play session (the simulator's), which
 * {@link RtspServerPipeline#become} puts in its place. All state is touched only on the
 * connection's event loop.
 */
public abstract class RtspSessionHandler extends ChannelInboundHandlerAdapter {
    /** One logger for every state of a server connection: operators follow a connection in one place. */
    protected static final Logger log = LoggerFactory.getLogger(RtspSessionHandler.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String PUBLIC_METHODS = "OPTIONS, DESCRIBE, ANNOUNCE, SETUP, PLAY, RECORD, TEARDOWN, GET_PARAMETER, SET_PARAMETER";

    protected final RtspServer server;
    private ChannelHandlerContext ctx;
    private String sessionId;

    protected RtspSessionHandler(RtspServer server) {
        this.server = server;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public final void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof InterleavedFrame frame) {
                onInterleaved(frame);
            } else if (msg instanceof FullHttpRequest request) {
                onRequest(request);
            } else if (msg instanceof FullHttpResponse) {
                // Clients may answer our nothing; a response here is a confused peer: ignore it.
                log.debug("ignoring RTSP response from {}", ctx.channel().remoteAddress());
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    /** An interleaved frame: RTCP, audio and frames no state expects are dropped. */
    protected void onInterleaved(InterleavedFrame frame) {}

    /**
     * A valid request the common part does not answer (everything but OPTIONS and
     * GET/SET_PARAMETER). Unknown methods: call {@link #notImplemented}.
     *
     * @throws RtspProtocolException a malformed header: answered 400, connection closed
     */
    protected abstract void onMethod(String method, FullHttpRequest req, String cseq) throws RtspProtocolException;

    /** Hands {@code req} to this handler as if it had arrived here (the previous state passed it on). */
    final void takeOver(FullHttpRequest req) {
        onRequest(req);
    }

    private void onRequest(FullHttpRequest req) {
        String cseq = req.headers().get(RtspHeaders.CSEQ);
        if (req.decoderResult().isFailure()) {
            Throwable cause = req.decoderResult().cause();
            badRequestAndClose(cseq, "malformed RTSP request: " + (cause == null ? "unknown" : cause.getMessage()));
            return;
        }
        if (!RtspVersions.RTSP_1_0.equals(req.protocolVersion())) {
            badRequestAndClose(cseq, "not an RTSP/1.0 request (" + req.protocolVersion() + ")");
            return;
        }
        if (cseq == null || cseq.isBlank() || cseq.length() > 10 || !cseq.trim().chars().allMatch(Character::isDigit)) {
            badRequestAndClose(cseq, "request without a valid CSeq header");
            return;
        }
        String method = req.method().name();
        try {
            switch (method) {
                case "OPTIONS" -> reply(withHeader(RtspMessages.response(HttpResponseStatus.OK, cseq), RtspHeaders.PUBLIC, PUBLIC_METHODS));
                case "GET_PARAMETER", "SET_PARAMETER" -> reply(sessionResponse(HttpResponseStatus.OK, cseq));
                default -> onMethod(method, req, cseq);
            }
        } catch (RtspProtocolException e) {
            badRequestAndClose(cseq, e.getMessage());
        }
    }

    protected final void notImplemented(String cseq) {
        reply(RtspMessages.response(RtspResponseStatuses.NOT_IMPLEMENTED, cseq));
    }

    /** TEARDOWN, in every state: answered, the session ends, the connection closes. */
    protected final void teardown(String cseq) {
        reply(RtspMessages.response(HttpResponseStatus.OK, cseq));
        endSession(io.vigil.storage.Reason.of("rtsp.publish.teardown").encode());
        ctx.close();
    }

    // ---------------------------------------------------------------- lifecycle

    /** The session ends (TEARDOWN, idle, disconnect): release what it holds. Called more than once; the first counts. */
    protected void endSession(String reason) {}

    /** Why the connection went away, for {@link #endSession}. */
    protected String disconnectReason() {
        return io.vigil.storage.Reason.of("rtsp.publish.connectionClosed").encode();
    }

    /** Whether the connection is alive though its TCP side is quiet (a UDP publisher's datagrams). */
    protected boolean quietButAlive() {
        return false;
    }

    /** Camera id for error reports once known; null before. */
    protected CameraId cameraId() {
        return null;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent) {
            if (quietButAlive()) return;
            log.info("RTSP connection from {} idle for {} s, closing", remote(), server.options().sessionTimeout().toSeconds());
            endSession(io.vigil.storage.Reason.of("rtsp.publish.noData", "seconds", server.options().sessionTimeout().toSeconds()).encode());
            ctx.close();
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        endSession(disconnectReason());
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof DecoderException && cause.getCause() instanceof RtspFrameException fe) {
            if (cameraId() != null) server.errors().rtspError(cameraId(), fe.getMessage());
            badRequestAndClose(null, "cannot frame the RTSP stream: " + fe.getMessage());
            return;
        }
        if (cause instanceof IOException) {
            log.debug("RTSP connection from {}: {}", remote(), cause.toString());
        } else {
            log.warn("RTSP connection from {} failed: {}", remote(), cause.toString());
        }
        ctx.close();
    }

    // ---------------------------------------------------------------- for the states

    protected final ChannelHandlerContext ctx() {
        return ctx;
    }

    protected final String sessionId() {
        return sessionId;
    }

    /** Gives this session an id (once; later calls keep it). */
    protected final void openSession() {
        if (sessionId == null) {
            byte[] raw = new byte[8];
            RANDOM.nextBytes(raw);
            sessionId = HexFormat.of().formatHex(raw);
        }
    }

    /** Whether the request's Session header, if any, names this session. */
    protected final boolean sessionMatches(FullHttpRequest req) {
        String s = req.headers().get(RtspHeaders.SESSION);
        if (s == null) return true; // ffmpeg sends Session on every request after SETUP; before it there is none
        int semi = s.indexOf(';');
        return (semi < 0 ? s : s.substring(0, semi)).trim().equals(sessionId);
    }

    protected final FullHttpResponse sessionResponse(HttpResponseStatus status, String cseq) {
        FullHttpResponse r = RtspMessages.response(status, cseq);
        if (sessionId != null) {
            r.headers().set(RtspHeaders.SESSION, sessionId + ";timeout=" + server.options().sessionTimeout().toSeconds());
        }
        return r;
    }

    protected static FullHttpResponse withHeader(FullHttpResponse r, CharSequence name, String value) {
        r.headers().set(name, value);
        return r;
    }

    protected final void refuse(CameraId knownCamera, HttpResponseStatus status, String cseq, String why) {
        log.warn("{} from {}: {} {}", why, remote(), status.code(), status.reasonPhrase());
        if (knownCamera != null) server.errors().rtspError(knownCamera, why);
        reply(RtspMessages.response(status, cseq));
    }

    protected final void badRequestAndClose(String cseq, String why) {
        log.warn("RTSP connection from {}: {}; answering 400 and closing", remote(), why);
        if (!ctx.channel().isActive()) return;
        FullHttpResponse r = RtspMessages.response(HttpResponseStatus.BAD_REQUEST, cseq);
        ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
    }

    protected final void reply(FullHttpResponse r) {
        ctx.writeAndFlush(r).addListener(ChannelFutureListener.FIRE_EXCEPTION_ON_FAILURE);
    }

    protected final String remote() {
        return String.valueOf(ctx.channel().remoteAddress());
    }

    /** Bounded, control-free text of a peer-supplied string for the log. */
    protected static String safe(String s) {
        if (s == null) return "null";
        String cut = s.length() > 100 ? s.substring(0, 100) + "..." : s;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
