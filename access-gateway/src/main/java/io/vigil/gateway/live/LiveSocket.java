package io.vigil.gateway.live;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.vigil.storage.LiveFeeds;
import io.vigil.storage.LiveViewer;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One tile's WebSocket after the upgrade: sends {@code {"type":"init","codecs":...}} then
 * the init segment, then one binary message per picture (prft + moof + mdat), and
 * {@code {"type":"end","reason":...}} when the monitoring session ends. A viewer too slow
 * for the stream loses pictures until the next keyframe (the socket's buffer stays
 * bounded by the channel's write watermarks) rather than falling further behind live.
 */
final class LiveSocket extends SimpleChannelInboundHandler<WebSocketFrame> implements LiveViewer {
    private final MonitoringSession session;
    private final String camera;
    private final LiveFeeds feeds;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Channel channel;
    private volatile boolean skipping;
    private AutoCloseable watching;
    private Runnable cancelOnEnd;

    LiveSocket(MonitoringSession session, String camera, LiveFeeds feeds) {
        this.session = session;
        this.camera = camera;
        this.feeds = feeds;
    }

    /** On the event loop, once the handshake response is written. */
    void open(Channel ch) {
        this.channel = ch;
        cancelOnEnd = session.onEnd(reason -> {
            ch.writeAndFlush(new TextWebSocketFrame("{\"type\":\"end\",\"reason\":\"" + reason.code() + "\"}"));
            ch.writeAndFlush(new CloseWebSocketFrame(1000, reason.code())).addListener(ChannelFutureListener.CLOSE);
        });
        watching = feeds.watch(camera, this);
    }

    @Override
    public void init(byte[] initSegment, String codecs) {
        Channel ch = channel;
        if (ch == null || !ch.isActive()) return;
        skipping = false;
        ch.write(new TextWebSocketFrame("{\"type\":\"init\",\"codecs\":\"" + codecs.replaceAll("[^A-Za-z0-9.]", "") + "\"}"));
        ch.writeAndFlush(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(initSegment)));
    }

    @Override
    public void picture(byte[] fragment, boolean keyframe) {
        Channel ch = channel;
        if (ch == null || !ch.isActive()) return;
        if (!ch.isWritable()) {
            skipping = true;
            return;
        }
        if (skipping && !keyframe) return;
        skipping = false;
        ch.writeAndFlush(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(fragment)));
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (frame instanceof CloseWebSocketFrame) {
            ctx.writeAndFlush(new CloseWebSocketFrame(1000, "bye")).addListener(ChannelFutureListener.CLOSE);
        } else if (frame instanceof PingWebSocketFrame) {
            ctx.writeAndFlush(new PongWebSocketFrame(frame.content().retain()));
        }
        // Anything else from the browser means nothing here: the wall's activity goes through the API.
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        stop();
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    private void stop() {
        if (!closed.compareAndSet(false, true)) return;
        if (cancelOnEnd != null) cancelOnEnd.run();
        try {
            if (watching != null) watching.close();
        } catch (Exception ignored) {
            // the feed forgets the viewer either way
        }
    }
}
