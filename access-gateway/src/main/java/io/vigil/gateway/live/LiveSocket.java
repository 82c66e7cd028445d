package io.vigil.gateway.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.netty.buffer.ByteBuf;
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
import io.vigil.config.CameraId;
import io.vigil.gateway.http.Json;
import io.vigil.storage.LiveFeeds;
import io.vigil.storage.LiveViewer;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The wall's one WebSocket after the upgrade, carrying every tile. Why one socket and not
 * one per tile: a browser opens WebSockets to a host one at a time (RFC 6455 4.1: a single
 * connection in CONNECTING state), so sixteen sockets meant sixteen TLS and WebSocket
 * handshakes in a row and the last tile's first picture seconds late.
 *
 * <p>Messages, each naming its tile (the index of the camera in the upgrade request):
 * text {@code {"type":"init","tile":N,"codecs":...}} before the tile's binary init
 * segment; binary messages are one byte of tile index followed by the init segment or by
 * one picture (prft + moof + mdat); text {@code {"type":"end","reason":...}} when the
 * monitoring session ends; for a camera with a {@code liveUrl}, text
 * {@code {"type":"source","tile":N,"source":"recorded"|"live"}} before the tile's init when
 * its live stream fails and the recorded stream follows, or when it is back. The page may send {@code {"type":"restart","tile":N}} to get
 * a tile's init and pictures since the last keyframe again (its decoder was reset).
 *
 * <p>A viewer too slow for the streams (the channel above its write watermark) loses
 * pictures, each tile until its next keyframe, rather than falling further behind live.
 */
final class LiveSocket extends SimpleChannelInboundHandler<WebSocketFrame> {
    private final MonitoringSession session;
    private final List<CameraId> cameras;
    private final LiveFeeds feeds;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AutoCloseable[] watching;
    private volatile Channel channel;
    private Runnable cancelOnEnd;

    LiveSocket(MonitoringSession session, List<CameraId> cameras, LiveFeeds feeds) {
        this.session = session;
        this.cameras = List.copyOf(cameras);
        this.feeds = feeds;
        this.watching = new AutoCloseable[cameras.size()];
    }

    /** On the event loop, once the handshake response is written. */
    void open(Channel ch) {
        this.channel = ch;
        cancelOnEnd = session.onEnd(reason -> {
            ch.writeAndFlush(new TextWebSocketFrame("{\"type\":\"end\",\"reason\":\"" + reason.code() + "\"}"));
            ch.writeAndFlush(new CloseWebSocketFrame(1000, reason.code())).addListener(ChannelFutureListener.CLOSE);
        });
        for (int tile = 0; tile < cameras.size(); tile++) watch(tile);
    }

    /** On the event loop: (again) sends the tile's stream from its init and last keyframe. */
    private void watch(int tile) {
        if (closed.get()) return;
        stopWatching(tile);
        watching[tile] = feeds.watch(cameras.get(tile), new TileFeed(tile));
    }

    /** One tile's camera: tags each message with the tile's index. */
    private final class TileFeed implements LiveViewer {
        private final byte tile;
        private volatile boolean skipping;

        TileFeed(int tile) {
            this.tile = (byte) tile;
        }

        @Override
        public void init(byte[] initSegment, String codecs) {
            Channel ch = channel;
            if (ch == null || !ch.isActive()) return;
            skipping = false;
            // Text and binary may interleave with another tile's messages: both carry the tile.
            ch.write(new TextWebSocketFrame("{\"type\":\"init\",\"tile\":" + tile + ",\"codecs\":\""
                    + codecs.replaceAll("[^A-Za-z0-9.]", "") + "\"}"));
            ch.writeAndFlush(new BinaryWebSocketFrame(tagged(initSegment)));
        }

        /** Before the tile's next init: the camera's live stream, or (while that fails) the recorded one. */
        @Override
        public void source(Source source) {
            Channel ch = channel;
            if (ch == null || !ch.isActive()) return;
            String which = source == Source.RECORDED_STREAM ? "recorded" : "live";
            ch.writeAndFlush(new TextWebSocketFrame("{\"type\":\"source\",\"tile\":" + tile + ",\"source\":\"" + which + "\"}"));
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
            ch.writeAndFlush(new BinaryWebSocketFrame(tagged(fragment)));
        }

        private ByteBuf tagged(byte[] payload) {
            return Unpooled.wrappedBuffer(new byte[] {tile}, payload);
        }
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (frame instanceof CloseWebSocketFrame) {
            ctx.writeAndFlush(new CloseWebSocketFrame(1000, "bye")).addListener(ChannelFutureListener.CLOSE);
        } else if (frame instanceof PingWebSocketFrame) {
            ctx.writeAndFlush(new PongWebSocketFrame(frame.content().retain()));
        } else if (frame instanceof TextWebSocketFrame text) {
            int tile = restartedTile(text.text());
            if (tile >= 0) watch(tile);
        }
        // Anything else from the browser means nothing here: the wall's activity goes through the API.
    }

    /** The tile of a {@code {"type":"restart","tile":N}} message naming one of this wall's tiles, else -1. */
    private int restartedTile(String message) {
        try {
            JsonNode m = Json.MAPPER.readTree(message);
            JsonNode tile = m.path("tile");
            if (!"restart".equals(m.path("type").asText()) || !tile.canConvertToInt()) return -1;
            return tile.asInt() >= 0 && tile.asInt() < cameras.size() ? tile.asInt() : -1;
        } catch (JsonProcessingException e) {
            return -1;
        }
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
        for (int tile = 0; tile < watching.length; tile++) stopWatching(tile);
    }

    private void stopWatching(int tile) {
        AutoCloseable w = watching[tile];
        watching[tile] = null;
        if (w == null) return;
        try {
            w.close();
        } catch (Exception ignored) {
            // the feed forgets the viewer either way
        }
    }
}
