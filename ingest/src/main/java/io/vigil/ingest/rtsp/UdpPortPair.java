package io.vigil.ingest.rtsp;

import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.socket.nio.NioDatagramChannel;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ThreadLocalRandom;

/**
 * An even/odd pair of UDP ports for RTP and RTCP of one track (RFC 3550 §11), both
 * registered on the event loop of the RTSP connection that owns them, so every callback
 * of one session runs on one thread.
 *
 * <p>Why bind with java.nio first: Netty's bind is asynchronous and the pair must be
 * consecutive; binding a socket is a non-blocking system call, so doing it directly and
 * then handing the channel to Netty keeps the event loop free and the code linear.
 */
public final class UdpPortPair implements AutoCloseable {
    private static final int FIRST_PORT = 20000;
    private static final int LAST_PORT = 64998;
    private static final int ATTEMPTS = 64;

    private final NioDatagramChannel rtp;
    private final NioDatagramChannel rtcp;

    private UdpPortPair(NioDatagramChannel rtp, NioDatagramChannel rtcp) {
        this.rtp = rtp;
        this.rtcp = rtcp;
    }

    public static UdpPortPair bind(InetAddress local, EventLoop loop, ChannelHandler rtpHandler, ChannelHandler rtcpHandler) throws IOException {
        IOException last = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int port = FIRST_PORT + 2 * ThreadLocalRandom.current().nextInt((LAST_PORT - FIRST_PORT) / 2);
            java.nio.channels.DatagramChannel a = null;
            java.nio.channels.DatagramChannel b = null;
            try {
                a = java.nio.channels.DatagramChannel.open();
                a.bind(new InetSocketAddress(local, port));
                b = java.nio.channels.DatagramChannel.open();
                b.bind(new InetSocketAddress(local, port + 1));
            } catch (IOException e) {
                last = e;
                closeQuietly(a);
                closeQuietly(b);
                continue;
            }
            NioDatagramChannel rtp = wrap(a, rtpHandler);
            NioDatagramChannel rtcp = wrap(b, rtcpHandler);
            ChannelFuture f1 = loop.register(rtp);
            ChannelFuture f2 = loop.register(rtcp);
            f1.addListener(f -> { if (!f.isSuccess()) rtp.close(); });
            f2.addListener(f -> { if (!f.isSuccess()) rtcp.close(); });
            return new UdpPortPair(rtp, rtcp);
        }
        throw new IOException("no free UDP port pair between " + FIRST_PORT + " and " + (LAST_PORT + 1)
                + (last == null ? "" : " (" + last.getMessage() + ")"));
    }

    private static NioDatagramChannel wrap(java.nio.channels.DatagramChannel socket, ChannelHandler handler) {
        NioDatagramChannel ch = new NioDatagramChannel(socket);
        // Netty's default datagram buffer is 2048 bytes; cameras may send larger RTP packets.
        ch.config().setRecvByteBufAllocator(new FixedRecvByteBufAllocator(65536));
        ch.config().setOption(ChannelOption.SO_RCVBUF, 2 * 1024 * 1024);
        ch.pipeline().addLast(handler);
        return ch;
    }

    private static void closeQuietly(java.nio.channels.DatagramChannel c) {
        if (c == null) return;
        try {
            c.close();
        } catch (IOException ignored) {
            // nothing to do: the socket was never used
        }
    }

    public int rtpPort() {
        return rtp.localAddress() != null ? rtp.localAddress().getPort() : -1;
    }

    public int rtcpPort() {
        return rtcp.localAddress() != null ? rtcp.localAddress().getPort() : -1;
    }

    public NioDatagramChannel rtpChannel() {
        return rtp;
    }

    public NioDatagramChannel rtcpChannel() {
        return rtcp;
    }

    @Override
    public void close() {
        rtp.close();
        rtcp.close();
    }
}
