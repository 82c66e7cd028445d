package io.vigil.ingest.rtsp.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.rtsp.RtspDecoder;
import io.netty.handler.codec.rtsp.RtspEncoder;
import io.netty.handler.timeout.IdleStateHandler;
import io.vigil.ingest.rtsp.InboundBudget;
import io.vigil.ingest.rtsp.ReadPacer;
import io.vigil.ingest.rtsp.codec.InterleavedFrameEncoder;
import io.vigil.ingest.rtsp.codec.RtspFrameDecoder;

import java.util.concurrent.TimeUnit;

/**
 * The one place the server's pipeline is assembled and changed. A connection starts with
 * the framing and an {@link RtspConnectionHandler} as "session"; once the client's intent
 * is known the session handler is replaced ({@link #become}): a change of state is a
 * change of pipeline. A publisher that starts recording over its TCP connection gets a
 * read pacer ({@link #paceReads}).
 */
final class RtspServerPipeline extends ChannelInitializer<SocketChannel> {
    private static final String SESSION = "session";
    private final RtspServer server;

    RtspServerPipeline(RtspServer server) {
        this.server = server;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        RtspServerOptions o = server.options();
        ch.pipeline()
                .addLast("idle", new IdleStateHandler(o.sessionTimeout().toMillis(), 0, 0, TimeUnit.MILLISECONDS))
                .addLast("budget", new InboundBudget(InboundBudget.DEFAULT_BYTES_PER_SECOND, "RTSP peer " + ch.remoteAddress()))
                .addLast("framer", new RtspFrameDecoder(o.limits()))
                .addLast("rtspDecoder", new RtspDecoder(4096, o.limits().maxHeaderBytes(), o.limits().maxBodyBytes()))
                .addLast("aggregator", new HttpObjectAggregator(Math.max(o.limits().maxBodyBytes(), 1)))
                .addLast("rtspEncoder", new RtspEncoder())
                .addLast("frameEncoder", new InterleavedFrameEncoder())
                .addLast(SESSION, new RtspConnectionHandler(server));
    }

    /** Replaces the connection's session handler (the one at {@code current}) by {@code next}; on the event loop. */
    static <T extends RtspSessionHandler> T become(ChannelHandlerContext current, T next) {
        current.pipeline().replace(current.handler(), SESSION, next);
        return next;
    }

    /** Media arrives over this TCP connection from now on: read it at a paced rate (see {@link ReadPacer}). */
    static void paceReads(ChannelHandlerContext ctx) {
        ReadPacer.addIfEnabled(ctx.pipeline());
    }
}
