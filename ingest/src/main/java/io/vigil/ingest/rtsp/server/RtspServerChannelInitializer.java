package io.vigil.ingest.rtsp.server;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.rtsp.RtspDecoder;
import io.netty.handler.codec.rtsp.RtspEncoder;
import io.netty.handler.timeout.IdleStateHandler;
import io.vigil.ingest.rtsp.codec.InterleavedFrameEncoder;
import io.vigil.ingest.rtsp.codec.RtspFrameDecoder;

import java.util.concurrent.TimeUnit;

/** The one place the server's pipeline is assembled. */
final class RtspServerChannelInitializer extends ChannelInitializer<SocketChannel> {
    private final RtspServer server;

    RtspServerChannelInitializer(RtspServer server) {
        this.server = server;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        RtspServerOptions o = server.options();
        ch.pipeline()
                .addLast("idle", new IdleStateHandler(o.sessionTimeout().toMillis(), 0, 0, TimeUnit.MILLISECONDS))
                .addLast("budget", new io.vigil.ingest.rtsp.InboundBudget(io.vigil.ingest.rtsp.InboundBudget.DEFAULT_BYTES_PER_SECOND,
                        "RTSP peer " + ch.remoteAddress()))
                .addLast("framer", new RtspFrameDecoder(o.limits()))
                .addLast("rtspDecoder", new RtspDecoder(4096, o.limits().maxHeaderBytes(), o.limits().maxBodyBytes()))
                .addLast("aggregator", new HttpObjectAggregator(Math.max(o.limits().maxBodyBytes(), 1)))
                .addLast("rtspEncoder", new RtspEncoder())
                .addLast("frameEncoder", new InterleavedFrameEncoder())
                .addLast("session", new RtspServerHandler(server));
    }
}
