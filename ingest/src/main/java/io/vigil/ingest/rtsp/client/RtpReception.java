package io.vigil.ingest.rtsp.client;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.vigil.config.Transport;
import io.vigil.ingest.rtsp.TransportSpec;
import io.vigil.ingest.rtsp.UdpPortPair;
import io.vigil.ingest.rtsp.codec.InterleavedFrame;
import io.vigil.ingest.stream.StreamListener;
import io.vigil.ingest.stream.VideoTrack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The media side of one pull session: video RTP from the interleaved channel or the UDP
 * port pair (only from the camera's address) to the listener while delivering, reception
 * statistics from RTP and the camera's RTCP, and our receiver reports back. Used on the
 * session's event loop.
 */
final class RtpReception {
    private static final Logger log = LoggerFactory.getLogger(RtspPullSession.class);

    /** The session's name in the log: its camera's id, with " (live)" for the camera's live substream. */
    private final String name;
    private final StreamListener listener;
    private final int ourSsrc = ThreadLocalRandom.current().nextInt();
    private RtpReceptionStats stats;
    private InetAddress cameraAddress;
    private int rtpChannel = -1;
    private int rtcpChannel = -1;
    private UdpPortPair udp;
    private InetSocketAddress serverRtcp;
    private boolean delivering;

    RtpReception(String name, StreamListener listener) {
        this.name = name;
        this.listener = listener;
    }

    /** Where the camera is: datagrams from anywhere else are ignored. */
    void cameraAddress(InetAddress address) {
        this.cameraAddress = address;
    }

    InetAddress cameraAddress() {
        return cameraAddress;
    }

    /** The track to receive: statistics start. */
    void track(VideoTrack track) {
        stats = new RtpReceptionStats(track.clockRate());
    }

    /**
     * The SETUP Transport header asking for {@code transport}: TCP interleaved on channels
     * 0-1, or UDP to a port pair opened here on {@code local} (the session's event loop).
     */
    String transportRequest(Transport transport, InetAddress local, EventLoop loop) {
        if (transport != Transport.UDP) return "RTP/AVP/TCP;unicast;interleaved=0-1";
        try {
            udp = UdpPortPair.bind(local, loop, new RtpDatagrams(), new RtcpDatagrams());
        } catch (IOException e) {
            throw new RtspClientException(RtspFailure.of("udpPorts", "detail", e.getMessage()));
        }
        return "RTP/AVP;unicast;client_port=" + udp.rtpPort() + "-" + udp.rtcpPort();
    }

    /**
     * The transport the camera agreed to: TCP, the interleaved channels it named (RTP on 0
     * and RTCP on the next when it named none); UDP, its RTCP port for our receiver reports.
     */
    void agreed(Transport transport, TransportSpec spec) {
        if (transport == Transport.TCP) {
            int rtp = spec.interleavedRtp() >= 0 ? spec.interleavedRtp() : 0;
            interleaved(rtp, spec.interleavedRtcp() >= 0 ? spec.interleavedRtcp() : rtp + 1);
        } else if (spec.serverRtcpPort() > 0) {
            serverRtcp = new InetSocketAddress(cameraAddress, spec.serverRtcpPort());
        }
    }

    private void interleaved(int rtp, int rtcp) {
        rtpChannel = rtp;
        rtcpChannel = rtcp;
    }

    /** Whether RTP goes to the listener (between PLAY and the session's end). */
    void delivering(boolean on) {
        delivering = on;
    }

    void onFrame(InterleavedFrame frame) {
        if (frame.channel() == rtpChannel) {
            onRtp(frame.payload());
        } else if (frame.channel() == rtcpChannel && stats != null) {
            stats.onRtcp(frame.payload(), System.nanoTime());
        }
    }

    void sendReceiverReport(RtspClientHandler connection) {
        if (stats == null) return;
        byte[] rr = stats.receiverReport(ourSsrc, "vigil@" + name, System.nanoTime());
        if (udp != null) {
            if (serverRtcp != null) udp.rtcpChannel().writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(rr), serverRtcp));
        } else if (rtcpChannel >= 0 && connection != null) {
            connection.sendFrame(new InterleavedFrame(rtcpChannel, rr));
        }
    }

    void close() {
        delivering = false;
        if (udp != null) udp.close();
    }

    /** The session's end for the log: packets received and lost, when any came. */
    String summary(String reason) {
        if (stats != null && stats.hasSource()) {
            return "session ended after " + stats.received() + " RTP packets (" + stats.cumulativeLost() + " lost by sequence): " + reason;
        }
        return "session ended: " + reason;
    }

    private void onRtp(byte[] packet) {
        if (!delivering) return;
        stats.onRtp(packet, System.nanoTime());
        try {
            listener.onRtp(packet);
        } catch (RuntimeException e) {
            log.error("camera {}: recorder failed on an RTP packet: {}", name, e.toString());
        }
    }

    private final class RtpDatagrams extends SimpleChannelInboundHandler<DatagramPacket> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket p) {
            if (cameraAddress == null || !cameraAddress.equals(p.sender().getAddress())) return;
            byte[] data = new byte[p.content().readableBytes()];
            p.content().readBytes(data);
            onRtp(data);
        }
    }

    private final class RtcpDatagrams extends SimpleChannelInboundHandler<DatagramPacket> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket p) {
            if (stats == null || cameraAddress == null || !cameraAddress.equals(p.sender().getAddress())) return;
            byte[] data = new byte[p.content().readableBytes()];
            p.content().readBytes(data);
            stats.onRtcp(data, System.nanoTime());
        }
    }
}
