package io.vigil.gateway.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The gateway's sockets: the HTTPS listener (web viewer and API) and the optional plain-HTTP
 * listener that only redirects to it, on their own event loops (one accepting, two serving).
 * A port that cannot be bound is said in words naming the address, what wanted it and the
 * setting that changes it.
 */
public final class GatewayListeners implements AutoCloseable {
    private final EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final EventLoopGroup io = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    private Channel https;
    private Channel redirect;

    private GatewayListeners() {
    }

    /**
     * Binds both listeners; on failure closes what was bound.
     *
     * @param redirectAddress where the plain-HTTP redirect listens, or null for none
     * @throws IllegalStateException in words (see the class comment)
     */
    public static GatewayListeners bind(InetSocketAddress httpsAddress, InetSocketAddress redirectAddress,
                                        GatewayChannelInitializer gateway) {
        GatewayListeners listeners = new GatewayListeners();
        try {
            listeners.https = new ServerBootstrap().group(listeners.boss, listeners.io).channel(NioServerSocketChannel.class)
                    .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(256 * 1024, 1024 * 1024))
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(gateway)
                    .bind(httpsAddress).sync().channel();
            if (redirectAddress != null) {
                int httpsPort = listeners.httpsPort();
                listeners.redirect = new ServerBootstrap().group(listeners.boss, listeners.io).channel(NioServerSocketChannel.class)
                        .childHandler(new HttpsRedirectInitializer(() -> httpsPort)).bind(redirectAddress).sync().channel();
            }
            return listeners;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            listeners.close();
            throw new IllegalStateException("interrupted while binding the gateway");
        } catch (Exception e) { // Netty's sync() rethrows BindException unchecked
            boolean httpsBound = listeners.https != null;
            listeners.close();
            throw httpsBound
                    ? bindFailure(e, redirectAddress, "the plain-HTTP redirect", "listen.httpRedirect")
                    : bindFailure(e, httpsAddress, "the web viewer and API (HTTPS)", "listen.https");
        }
    }

    /** A bind failure in words: which port, what wanted it, which setting changes it. */
    private static IllegalStateException bindFailure(Exception e, InetSocketAddress address, String what, String setting) {
        String where = address.getHostString() + ":" + address.getPort();
        if (e instanceof BindException || e.getCause() instanceof BindException) {
            return new IllegalStateException("cannot listen on " + where + " for " + what + ": the port is already in use by "
                    + "another program (or the address is not this machine's); change " + setting + " in the config", e);
        }
        return new IllegalStateException("cannot listen on " + where + " for " + what + " (" + setting + "): " + e.getMessage(), e);
    }

    /** The bound HTTPS port (the real one when configured as 0). */
    public int httpsPort() {
        return ((InetSocketAddress) https.localAddress()).getPort();
    }

    /** The bound redirect port, or -1. */
    public int redirectPort() {
        return redirect == null ? -1 : ((InetSocketAddress) redirect.localAddress()).getPort();
    }

    @Override
    public void close() {
        if (https != null) https.close().syncUninterruptibly();
        if (redirect != null) redirect.close().syncUninterruptibly();
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        io.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
