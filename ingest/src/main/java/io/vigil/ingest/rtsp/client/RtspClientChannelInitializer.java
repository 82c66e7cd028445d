package io.vigil.ingest.rtsp.client;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.rtsp.RtspDecoder;
import io.netty.handler.codec.rtsp.RtspEncoder;
import io.vigil.ingest.rtsp.codec.FrameLimits;
import io.vigil.ingest.rtsp.codec.InterleavedFrameEncoder;
import io.vigil.ingest.rtsp.codec.RtspFrameDecoder;

/** The one place the client's pipeline is assembled. */
final class RtspClientChannelInitializer extends ChannelInitializer<SocketChannel> {
    private final FrameLimits limits;
    private final RtspClientHandler handler;

    /** The session's name in the log: its camera's id, with " (live)" for the camera's live substream. */
    private final String name;

    RtspClientChannelInitializer(String name, FrameLimits limits, RtspClientHandler handler) {
        this.name = name;
        this.limits = limits;
        this.handler = handler;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        ch.pipeline()
                .addLast("budget", new io.vigil.ingest.rtsp.InboundBudget(io.vigil.ingest.rtsp.InboundBudget.DEFAULT_BYTES_PER_SECOND, "camera " + name))
                .addLast("framer", new RtspFrameDecoder(limits))
                .addLast("rtspDecoder", new RtspDecoder(4096, limits.maxHeaderBytes(), limits.maxBodyBytes()))
                .addLast("aggregator", new HttpObjectAggregator(Math.max(limits.maxBodyBytes(), 1)))
                .addLast("rtspEncoder", new RtspEncoder())
                .addLast("frameEncoder", new InterleavedFrameEncoder())
                .addLast("client", handler);
    }
}
