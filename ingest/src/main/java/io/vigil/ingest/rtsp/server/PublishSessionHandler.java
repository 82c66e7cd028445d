package io.vigil.ingest.rtsp.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.rtsp.RtspResponseStatuses;
import io.vigil.config.CameraId;
import io.vigil.ingest.rtsp.AudioPolicy;
import io.vigil.ingest.rtsp.RtspHeaders;
import io.vigil.ingest.rtsp.RtspMessages;
import io.vigil.ingest.rtsp.RtspProtocolException;
import io.vigil.ingest.rtsp.TransportSpec;
import io.vigil.ingest.rtsp.UdpPortPair;
import io.vigil.ingest.rtsp.codec.InterleavedFrame;
import io.vigil.ingest.rtsp.sdp.ControlUrl;
import io.vigil.ingest.rtsp.sdp.MediaDescription;
import io.vigil.ingest.rtsp.sdp.SdpTracks;
import io.vigil.ingest.rtsp.sdp.SessionDescription;
import io.vigil.ingest.stream.StreamListener;
import io.vigil.ingest.stream.VideoTrack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * A camera pushing to Vigil, after its ANNOUNCE was accepted: SETUP of its tracks (TCP
 * interleaved or UDP), RECORD, then its video RTP to the camera's
 * {@link StreamListener} until TEARDOWN, disconnect or idle timeout. Holds the camera's
 * publisher claim until the session ends. Audio and RTCP are dropped: nothing but video
 * RTP is stored.
 */
final class PublishSessionHandler extends RtspSessionHandler {
    private final CameraId cameraId;
    private final String announceUrl;
    private final SessionDescription sdp;
    private final VideoTrack track;
    private final String videoControl;
    private int videoRtpChannel = -1;
    private boolean audioLogged;
    private final List<UdpPortPair> udpPorts = new ArrayList<>();
    private InetAddress publisherAddress;
    private StreamListener listener;
    private boolean recording;
    private boolean ended;
    private long lastDatagramNanos;

    PublishSessionHandler(RtspServer server, CameraId cameraId, String announceUrl, SessionDescription sdp, VideoTrack track) {
        super(server);
        this.cameraId = cameraId;
        this.announceUrl = announceUrl;
        this.sdp = sdp;
        this.track = track;
        this.videoControl = track.control();
    }

    /** Answers the ANNOUNCE that made this session (it is in the pipeline now). */
    void announced(String cseq) {
        openSession();
        if (SdpTracks.hasAudio(sdp)) logAudioOnce();
        log.info("camera {}: publisher {} announced {} (payload type {})", cameraId, remote(), track.encoding(), track.payloadType());
        reply(sessionResponse(HttpResponseStatus.OK, cseq));
    }

    @Override
    protected void onMethod(String method, FullHttpRequest req, String cseq) throws RtspProtocolException {
        switch (method) {
            case "SETUP" -> {
                if (sessionMatches(req)) setup(req, cseq);
                else reply(RtspMessages.response(RtspResponseStatuses.SESSION_NOT_FOUND, cseq));
            }
            case "RECORD" -> record(req, cseq);
            case "ANNOUNCE", "DESCRIBE" -> reply(RtspMessages.response(RtspResponseStatuses.METHOD_NOT_VALID, cseq));
            case "PLAY" -> reply(RtspMessages.response(RtspResponseStatuses.SESSION_NOT_FOUND, cseq));
            case "TEARDOWN" -> teardown(cseq);
            default -> notImplemented(cseq);
        }
    }

    @Override
    protected CameraId cameraId() {
        return cameraId;
    }

    private void setup(FullHttpRequest req, String cseq) throws RtspProtocolException {
        TransportSpec t = TransportSpec.parse(req.headers().get(RtspHeaders.TRANSPORT));
        MediaDescription media = mediaFor(req.uri());
        if (media == null) {
            reply(RtspMessages.response(RtspResponseStatuses.NOT_FOUND, cseq));
            return;
        }
        boolean isVideo = ControlUrl.resolve(announceUrl, media.control()).equals(videoControl) && media.media().equals("video");
        if (!isVideo && media.media().equals("audio")) logAudioOnce();
        String transport;
        if (t.tcp()) {
            if (t.interleavedRtp() < 0) throw new RtspProtocolException("TCP transport without interleaved channels");
            if (isVideo) videoRtpChannel = t.interleavedRtp();
            transport = "RTP/AVP/TCP;unicast;interleaved=" + t.interleavedRtp() + "-" + t.interleavedRtcp() + ";mode=record";
        } else {
            if (t.clientRtpPort() < 0) throw new RtspProtocolException("UDP transport without client_port");
            publisherAddress = ((InetSocketAddress) ctx().channel().remoteAddress()).getAddress();
            UdpPortPair pair;
            try {
                InetAddress local = ((InetSocketAddress) ctx().channel().localAddress()).getAddress();
                pair = UdpPortPair.bind(local, ctx().channel().eventLoop(),
                        new PublisherDatagramHandler(isVideo), new DiscardDatagramHandler());
            } catch (IOException e) {
                log.warn("camera {}: cannot open UDP ports: {}", cameraId, e.getMessage());
                reply(RtspMessages.response(RtspResponseStatuses.UNSUPPORTED_TRANSPORT, cseq));
                return;
            }
            udpPorts.add(pair);
            transport = "RTP/AVP/UDP;unicast;client_port=" + t.clientRtpPort() + "-" + t.clientRtcpPort()
                    + ";server_port=" + pair.rtpPort() + "-" + pair.rtcpPort() + ";mode=record";
        }
        reply(withHeader(sessionResponse(HttpResponseStatus.OK, cseq), RtspHeaders.TRANSPORT, transport));
    }

    private void record(FullHttpRequest req, String cseq) {
        if (!sessionMatches(req)) {
            reply(RtspMessages.response(RtspResponseStatuses.SESSION_NOT_FOUND, cseq));
            return;
        }
        if (videoRtpChannel < 0 && udpPorts.isEmpty()) {
            reply(RtspMessages.response(RtspResponseStatuses.METHOD_NOT_VALID, cseq));
            return;
        }
        if (!recording) {
            recording = true;
            try {
                listener = server.listeners().forCamera(cameraId);
                listener.onStart(track);
            } catch (RuntimeException e) {
                log.error("camera {}: the recorder failed to start: {}", cameraId, e.toString());
                server.errors().rtspError(cameraId, "recorder failed to start");
                listener = null;
                reply(RtspMessages.response(HttpResponseStatus.INTERNAL_SERVER_ERROR, cseq));
                ctx().close();
                return;
            }
            log.info("camera {}: recording from publisher {}", cameraId, remote());
            if (videoRtpChannel >= 0) RtspServerPipeline.paceReads(ctx()); // media over this TCP connection
        }
        reply(sessionResponse(HttpResponseStatus.OK, cseq));
    }

    // ---------------------------------------------------------------- media

    @Override
    protected void onInterleaved(InterleavedFrame frame) {
        if (recording && frame.channel() == videoRtpChannel) deliver(frame.payload());
        // RTCP, audio and frames before RECORD are dropped: nothing is stored but video RTP.
    }

    private void deliver(byte[] packet) {
        if (listener == null || ended) return;
        try {
            listener.onRtp(packet);
        } catch (RuntimeException e) {
            log.error("camera {}: recorder failed on an RTP packet: {}", cameraId, e.toString());
        }
    }

    private final class PublisherDatagramHandler extends SimpleChannelInboundHandler<DatagramPacket> {
        private final boolean video;

        PublisherDatagramHandler(boolean video) {
            this.video = video;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext udpCtx, DatagramPacket packet) {
            // Only the publisher's host may feed its session; anything else is injection.
            if (publisherAddress == null || !publisherAddress.equals(packet.sender().getAddress())) return;
            lastDatagramNanos = System.nanoTime();
            if (!video || !recording) return;
            ByteBuf content = packet.content();
            byte[] data = new byte[content.readableBytes()];
            content.readBytes(data);
            deliver(data);
        }
    }

    private final class DiscardDatagramHandler extends SimpleChannelInboundHandler<DatagramPacket> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket msg) {
            // RTCP sender reports carry nothing a recorder stores, but they show the publisher is alive.
            if (publisherAddress != null && publisherAddress.equals(msg.sender().getAddress())) lastDatagramNanos = System.nanoTime();
        }
    }

    // ---------------------------------------------------------------- lifecycle

    @Override
    protected boolean quietButAlive() {
        // UDP publishers may stay silent on TCP while their RTP keeps arriving.
        long quietNanos = System.nanoTime() - lastDatagramNanos;
        return !udpPorts.isEmpty() && lastDatagramNanos != 0 && quietNanos < server.options().sessionTimeout().toNanos();
    }

    @Override
    protected String disconnectReason() {
        return io.vigil.storage.Reason.of("rtsp.publish.disconnected").encode();
    }

    @Override
    protected void endSession(String reason) {
        if (ended) return;
        ended = true;
        for (UdpPortPair p : udpPorts) p.close();
        udpPorts.clear();
        server.publishers().release(cameraId, this);
        if (listener != null) {
            try {
                listener.onEnd(reason);
            } catch (RuntimeException e) {
                log.error("camera {}: recorder failed to end: {}", cameraId, e.toString());
            }
        }
        log.info("camera {}: publish session ended: {}", cameraId, reason);
    }

    // ---------------------------------------------------------------- helpers

    private MediaDescription mediaFor(String setupUrl) {
        String wanted = stripSlash(setupUrl);
        for (MediaDescription m : sdp.media()) {
            if (stripSlash(ControlUrl.resolve(announceUrl, m.control())).equals(wanted)) return m;
        }
        // Some publishers SETUP with a different host spelling; match on the control suffix.
        for (MediaDescription m : sdp.media()) {
            if (m.control() != null && !m.control().isEmpty() && wanted.endsWith("/" + stripSlash(m.control()))) return m;
        }
        return sdp.media().size() == 1 ? sdp.media().get(0) : null;
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    private void logAudioOnce() {
        if (audioLogged) return;
        audioLogged = true;
        log.info("camera {}: {}", cameraId, AudioPolicy.LOG_LINE);
    }
}
