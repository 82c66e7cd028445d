package io.vigil.gateway.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import java.util.function.IntSupplier;

/** Plain HTTP that does nothing but redirect (301) to the same path over HTTPS. */
public final class HttpsRedirectInitializer extends ChannelInitializer<SocketChannel> {
    private final IntSupplier httpsPort;

    public HttpsRedirectInitializer(IntSupplier httpsPort) {
        this.httpsPort = httpsPort;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        ch.pipeline().addLast(new HttpServerCodec(GatewayChannelInitializer.MAX_INITIAL_LINE, GatewayChannelInitializer.MAX_HEADER_BYTES, 8192));
        ch.pipeline().addLast(new SimpleChannelInboundHandler<HttpRequest>() {
            @Override
            protected void channelRead0(ChannelHandlerContext ctx, HttpRequest req) {
                String host = req.headers().get("Host", "localhost");
                int colon = host.lastIndexOf(':');
                if (colon > 0 && host.indexOf(']') < colon) host = host.substring(0, colon);
                if (!host.matches("[A-Za-z0-9.\\-\\[\\]:]{1,255}")) host = "localhost";
                String uri = req.uri().startsWith("/") ? req.uri() : "/";
                int port = httpsPort.getAsInt();
                String location = "https://" + host + (port == 443 ? "" : ":" + port) + uri;
                DefaultFullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                        HttpResponseStatus.MOVED_PERMANENTLY, Unpooled.EMPTY_BUFFER);
                res.headers().set("Location", location);
                res.headers().set("Content-Length", 0);
                res.headers().set("Connection", "close");
                ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
            }

            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                ctx.close();
            }
        });
    }
}
