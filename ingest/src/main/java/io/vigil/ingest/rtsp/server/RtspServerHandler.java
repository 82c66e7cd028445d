package io.vigil.ingest.rtsp.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.vigil.ingest.rtsp.RtspHeaders;
import io.netty.handler.codec.rtsp.RtspMethods;
import io.netty.handler.codec.rtsp.RtspResponseStatuses;
import io.netty.handler.codec.rtsp.RtspVersions;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import io.vigil.ingest.rtsp.AudioPolicy;
import io.vigil.ingest.rtsp.RtspMessages;
import io.vigil.ingest.rtsp.RtspPaths;
import io.vigil.ingest.rtsp.RtspProtocolException;
import io.vigil.ingest.rtsp.TransportSpec;
import io.vigil.ingest.rtsp.UdpPortPair;
import io.vigil.ingest.rtsp.auth.ServerAuthenticator;
import io.vigil.ingest.rtsp.codec.InterleavedFrame;
import io.vigil.ingest.rtsp.codec.RtspFrameException;
import io.vigil.ingest.rtsp.sdp.ControlUrl;
import io.vigil.ingest.rtsp.sdp.MediaDescription;
import io.vigil.ingest.rtsp.sdp.SdpParseException;
import io.vigil.ingest.rtsp.sdp.SdpParser;
import io.vigil.ingest.rtsp.sdp.SdpTracks;
import io.vigil.ingest.rtsp.sdp.SdpWriter;
import io.vigil.ingest.rtsp.sdp.SessionDescription;
import io.vigil.ingest.stream.RtpSource;
import io.vigil.ingest.stream.StreamListener;
import io.vigil.ingest.stream.VideoTrack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * One RTSP connection on the server: at most one session, either a publisher (ANNOUNCE,
 * SETUP, RECORD) or a player (DESCRIBE, SETUP, PLAY). All state is touched only on the
 * connection's event loop (UDP ports are registered on the same loop).
 */
final class RtspServerHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(RtspServerHandler.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String PUBLIC_METHODS = "OPTIONS, DESCRIBE, ANNOUNCE, SETUP, PLAY, RECORD, TEARDOWN, GET_PARAMETER, SET_PARAMETER";

    private enum Role { NONE, PUBLISHER, PLAYER }

    private static final int MAX_FAILED_LOGINS = 3;

    private final RtspServer server;
    private final ServerAuthenticator auth;
    private int failedLogins;
    private ChannelHandlerContext ctx;
    private Role role = Role.NONE;
    private String sessionId;
    private String cameraId;
    private String announceUrl;
    private SessionDescription sdp;
    private VideoTrack track;
    private String videoControl;
    private int videoRtpChannel = -1;
    private boolean audioLogged;
    private final List<UdpPortPair> udpPorts = new ArrayList<>();
    private InetAddress publisherAddress;
    private StreamListener listener;
    private boolean recording;
    private boolean ended;
    private RtpSource playSource;
    private int playChannel = -1;
    private AutoCloseable subscription;
    private PlayerOutput playerOutput;
    private long lastDatagramNanos;

    RtspServerHandler(RtspServer server) {
        this.server = server;
        this.auth = new ServerAuthenticator(server.options().allowBasic());
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof InterleavedFrame frame) {
                onInterleaved(frame);
            } else if (msg instanceof FullHttpRequest request) {
                onRequest(request);
            } else if (msg instanceof io.netty.handler.codec.http.FullHttpResponse) {
                // Clients may answer our nothing; a response here is a confused peer: ignore it.
                log.debug("ignoring RTSP response from {}", ctx.channel().remoteAddress());
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    // ---------------------------------------------------------------- requests

    private void onRequest(FullHttpRequest req) {
        String cseq = req.headers().get(RtspHeaders.CSEQ);
        if (req.decoderResult().isFailure()) {
            Throwable cause = req.decoderResult().cause();
            badRequestAndClose(cseq, "malformed RTSP request: " + (cause == null ? "unknown" : cause.getMessage()));
            return;
        }
        if (!RtspVersions.RTSP_1_0.equals(req.protocolVersion())) {
            badRequestAndClose(cseq, "not an RTSP/1.0 request (" + req.protocolVersion() + ")");
            return;
        }
        if (cseq == null || cseq.isBlank() || cseq.length() > 10 || !cseq.trim().chars().allMatch(Character::isDigit)) {
            badRequestAndClose(cseq, "request without a valid CSeq header");
            return;
        }
        String method = req.method().name();
        try {
            switch (method) {
                case "OPTIONS" -> reply(withHeader(RtspMessages.response(HttpResponseStatus.OK, cseq), RtspHeaders.PUBLIC, PUBLIC_METHODS));
                case "ANNOUNCE" -> announce(req, cseq);
                case "DESCRIBE" -> describe(req, cseq);
                case "SETUP" -> setup(req, cseq);
                case "RECORD" -> record(req, cseq);
                case "PLAY" -> play(req, cseq);
                case "TEARDOWN" -> teardown(req, cseq);
                case "GET_PARAMETER", "SET_PARAMETER" -> reply(sessionResponse(HttpResponseStatus.OK, cseq));
                default -> reply(RtspMessages.response(RtspResponseStatuses.NOT_IMPLEMENTED, cseq));
            }
        } catch (RtspProtocolException e) {
            badRequestAndClose(cseq, e.getMessage());
        }
    }

    private void announce(FullHttpRequest req, String cseq) {
        if (role != Role.NONE) {
            reply(RtspMessages.response(RtspResponseStatuses.METHOD_NOT_VALID, cseq));
            return;
        }
        String path = RtspPaths.path(req.uri());
        if (path == null || path.isEmpty() || path.contains("/")) {
            refuse(null, RtspResponseStatuses.NOT_FOUND, cseq, "ANNOUNCE to unknown path " + safe(req.uri()));
            return;
        }
        // The password may come from a file: look it up off the event loop, and read nothing
        // more from this publisher until the answer is back (it waits for our reply anyway).
        String uri = req.uri();
        String authorization = req.headers().get(RtspHeaders.AUTHORIZATION);
        String body = req.content().toString(StandardCharsets.UTF_8);
        ctx.channel().config().setAutoRead(false);
        server.lookupPublishPassword(path).whenComplete((password, error) -> ctx.executor().execute(() -> {
            ctx.channel().config().setAutoRead(true);
            if (!ctx.channel().isActive()) {
                if (password != null) Arrays.fill(password, '\0');
                return;
            }
            if (error != null) {
                log.error("camera {}: cannot look up the publish password: {}", path, error.toString());
                reply(RtspMessages.response(HttpResponseStatus.INTERNAL_SERVER_ERROR, cseq));
                return;
            }
            announceWithPassword(path, uri, authorization, body, password, cseq);
        }));
    }

    private void announceWithPassword(String path, String uri, String authorization, String body, char[] password, String cseq) {
        if (role != Role.NONE) {
            if (password != null) Arrays.fill(password, '\0');
            reply(RtspMessages.response(RtspResponseStatuses.METHOD_NOT_VALID, cseq));
            return;
        }
        if (password == null) {
            refuse(null, RtspResponseStatuses.NOT_FOUND, cseq, "ANNOUNCE for unknown camera '" + safe(path) + "'");
            return;
        }
        try {
            ServerAuthenticator.Result r = auth.verify(authorization, "ANNOUNCE", uri, password);
            if (!r.ok()) {
                FullHttpResponse resp = RtspMessages.response(RtspResponseStatuses.UNAUTHORIZED, cseq);
                for (String c : auth.challenges()) resp.headers().add(RtspHeaders.WWW_AUTHENTICATE, c);
                if (authorization != null) {
                    log.warn("camera {}: publish refused with 401 from {}: {}", path, remote(), r.problem());
                    server.errors().rtspError(path, "publish refused: " + r.problem());
                    if (++failedLogins >= MAX_FAILED_LOGINS) {
                        // Three wrong answers on one connection is guessing, not a typo.
                        ctx.writeAndFlush(resp).addListener(ChannelFutureListener.CLOSE);
                        return;
                    }
                } else {
                    log.debug("camera {}: sending 401 challenge to {}", path, remote());
                }
                reply(resp);
                return;
            }
        } finally {
            Arrays.fill(password, '\0');
        }
        SessionDescription parsed;
        try {
            parsed = SdpParser.parse(body);
        } catch (SdpParseException e) {
            server.errors().rtspError(path, "bad SDP in ANNOUNCE: " + e.getMessage());
            badRequestAndClose(cseq, "camera " + path + ": ANNOUNCE carries an unusable SDP: " + e.getMessage());
            return;
        }
        Optional<VideoTrack> video = SdpTracks.firstVideoTrack(parsed, uri);
        if (video.isEmpty()) {
            refuse(path, RtspResponseStatuses.UNSUPPORTED_MEDIA_TYPE, cseq,
                    "camera " + path + ": ANNOUNCE offers no H264/H265 video (" + SdpTracks.summary(parsed) + ")");
            return;
        }
        if (!server.publishers().claim(path, this)) {
            refuse(path, RtspResponseStatuses.METHOD_NOT_VALID, cseq,
                    "camera " + path + ": second publisher from " + remote() + " refused, the camera is already publishing");
            return;
        }
        role = Role.PUBLISHER;
        cameraId = path;
        announceUrl = uri;
        sdp = parsed;
        track = video.get();
        videoControl = track.control();
        sessionId = newSessionId();
        if (SdpTracks.hasAudio(parsed)) logAudioOnce();
        log.info("camera {}: publisher {} announced {} (payload type {})", cameraId, remote(), track.encoding(), track.payloadType());
        reply(sessionResponse(HttpResponseStatus.OK, cseq));
    }

    private void describe(FullHttpRequest req, String cseq) {
        String path = RtspPaths.path(req.uri());
        RtpSource source = server.source(path);
        if (source == null) {
            reply(RtspMessages.response(RtspResponseStatuses.NOT_FOUND, cseq));
            return;
        }
        InetSocketAddress local = (InetSocketAddress) ctx.channel().localAddress();
        String body = SdpWriter.describe(source.track(), path, local.getAddress().getHostAddress());
        FullHttpResponse resp = RtspMessages.response(HttpResponseStatus.OK, cseq, "application/sdp", body);
        String base = req.uri().endsWith("/") ? req.uri() : req.uri() + "/";
        resp.headers().set(RtspHeaders.CONTENT_BASE, base);
        reply(resp);
    }

    private void setup(FullHttpRequest req, String cseq) throws RtspProtocolException {
        if (role == Role.PUBLISHER) {
            if (!sessionMatches(req)) {
                reply(RtspMessages.response(RtspResponseStatuses.SESSION_NOT_FOUND, cseq));
                return;
            }
            setupPublisher(req, cseq);
            return;
        }
        setupPlayer(req, cseq);
    }

    private void setupPublisher(FullHttpRequest req, String cseq) throws RtspProtocolException {
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
            publisherAddress = ((InetSocketAddress) ctx.channel().remoteAddress()).getAddress();
            UdpPortPair pair;
            try {
                InetAddress local = ((InetSocketAddress) ctx.channel().localAddress()).getAddress();
                pair = UdpPortPair.bind(local, ctx.channel().eventLoop(),
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

    private void setupPlayer(FullHttpRequest req, String cseq) throws RtspProtocolException {
        String path = RtspPaths.path(req.uri());
        String name = path == null ? null : (path.endsWith("/" + SdpWriter.TRACK_CONTROL)
                ? path.substring(0, path.length() - SdpWriter.TRACK_CONTROL.length() - 1) : path);
        RtpSource source = server.source(name);
        if (source == null || (role == Role.PLAYER && source != playSource)) {
            reply(RtspMessages.response(RtspResponseStatuses.NOT_FOUND, cseq));
            return;
        }
        TransportSpec t = TransportSpec.parse(req.headers().get(RtspHeaders.TRANSPORT));
        if (!t.tcp() || t.interleavedRtp() < 0) {
            // Serving over UDP is optional for camera-sim; players fall back to TCP on 461.
            reply(RtspMessages.response(RtspResponseStatuses.UNSUPPORTED_TRANSPORT, cseq));
            return;
        }
        role = Role.PLAYER;
        playSource = source;
        playChannel = t.interleavedRtp();
        if (sessionId == null) sessionId = newSessionId();
        reply(withHeader(sessionResponse(HttpResponseStatus.OK, cseq), RtspHeaders.TRANSPORT,
                "RTP/AVP/TCP;unicast;interleaved=" + t.interleavedRtp() + "-" + t.interleavedRtcp()));
    }

    private void record(FullHttpRequest req, String cseq) {
        if (role != Role.PUBLISHER || !sessionMatches(req)) {
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
                ctx.close();
                return;
            }
            log.info("camera {}: recording from publisher {}", cameraId, remote());
            if (videoRtpChannel >= 0) io.vigil.ingest.rtsp.ReadPacer.addIfEnabled(ctx.pipeline()); // media over this TCP connection
        }
        reply(sessionResponse(HttpResponseStatus.OK, cseq));
    }

    private void play(FullHttpRequest req, String cseq) {
        if (role != Role.PLAYER || !sessionMatches(req)) {
            reply(RtspMessages.response(RtspResponseStatuses.SESSION_NOT_FOUND, cseq));
            return;
        }
        FullHttpResponse resp = sessionResponse(HttpResponseStatus.OK, cseq);
        resp.headers().set(RtspHeaders.RANGE, "npt=0.000-");
        reply(resp);
        if (subscription == null) {
            playerOutput = new PlayerOutput(ctx.channel(), playChannel);
            subscription = playSource.subscribe(playerOutput);
        }
    }

    private void teardown(FullHttpRequest req, String cseq) {
        reply(RtspMessages.response(HttpResponseStatus.OK, cseq));
        endSession("publisher sent TEARDOWN");
        ctx.close();
    }

    // ---------------------------------------------------------------- media

    private void onInterleaved(InterleavedFrame frame) {
        if (role == Role.PUBLISHER && recording && frame.channel() == videoRtpChannel) {
            deliver(frame.payload());
        }
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
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent) {
            long quietNanos = System.nanoTime() - lastDatagramNanos;
            if (!udpPorts.isEmpty() && lastDatagramNanos != 0 && quietNanos < server.options().sessionTimeout().toNanos()) {
                // UDP publishers may stay silent on TCP while their RTP keeps arriving.
                return;
            }
            log.info("RTSP connection from {} idle for {} s, closing", remote(), server.options().sessionTimeout().toSeconds());
            endSession("no data from the publisher for " + server.options().sessionTimeout().toSeconds() + " s");
            ctx.close();
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        endSession(role == Role.PUBLISHER ? "publisher disconnected" : "connection closed");
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof DecoderException && cause.getCause() instanceof RtspFrameException fe) {
            if (cameraId != null) server.errors().rtspError(cameraId, fe.getMessage());
            badRequestAndClose(null, "cannot frame the RTSP stream: " + fe.getMessage());
            return;
        }
        if (cause instanceof IOException) {
            log.debug("RTSP connection from {}: {}", remote(), cause.toString());
        } else {
            log.warn("RTSP connection from {} failed: {}", remote(), cause.toString());
        }
        ctx.close();
    }

    private void endSession(String reason) {
        if (ended) return;
        ended = true;
        for (UdpPortPair p : udpPorts) p.close();
        udpPorts.clear();
        if (subscription != null) {
            try {
                subscription.close();
            } catch (Exception e) {
                log.debug("closing a source subscription failed: {}", e.toString());
            }
            subscription = null;
            if (playerOutput != null && playerOutput.dropped() > 0) {
                log.info("player {} was too slow: {} packets dropped", remote(), playerOutput.dropped());
            }
        }
        if (role == Role.PUBLISHER) {
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

    private boolean sessionMatches(FullHttpRequest req) {
        String s = req.headers().get(RtspHeaders.SESSION);
        if (s == null) return true; // ffmpeg sends Session on every request after SETUP; before it there is none
        int semi = s.indexOf(';');
        return (semi < 0 ? s : s.substring(0, semi)).trim().equals(sessionId);
    }

    private void logAudioOnce() {
        if (audioLogged) return;
        audioLogged = true;
        log.info("camera {}: {}", cameraId, AudioPolicy.LOG_LINE);
    }

    private FullHttpResponse sessionResponse(HttpResponseStatus status, String cseq) {
        FullHttpResponse r = RtspMessages.response(status, cseq);
        if (sessionId != null) {
            r.headers().set(RtspHeaders.SESSION, sessionId + ";timeout=" + server.options().sessionTimeout().toSeconds());
        }
        return r;
    }

    private static FullHttpResponse withHeader(FullHttpResponse r, CharSequence name, String value) {
        r.headers().set(name, value);
        return r;
    }

    private void refuse(String knownCamera, HttpResponseStatus status, String cseq, String why) {
        log.warn("{} from {}: {} {}", why, remote(), status.code(), status.reasonPhrase());
        if (knownCamera != null) server.errors().rtspError(knownCamera, why);
        reply(RtspMessages.response(status, cseq));
    }

    private void badRequestAndClose(String cseq, String why) {
        log.warn("RTSP connection from {}: {}; answering 400 and closing", remote(), why);
        if (!ctx.channel().isActive()) return;
        FullHttpResponse r = RtspMessages.response(HttpResponseStatus.BAD_REQUEST, cseq);
        ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
    }

    private void reply(FullHttpResponse r) {
        ctx.writeAndFlush(r).addListener(ChannelFutureListener.FIRE_EXCEPTION_ON_FAILURE);
    }

    private String remote() {
        return String.valueOf(ctx.channel().remoteAddress());
    }

    private static String safe(String s) {
        return s == null ? "null" : TransportSpecExcerpt.of(s);
    }

    private static String newSessionId() {
        byte[] raw = new byte[8];
        RANDOM.nextBytes(raw);
        return HexFormat.of().formatHex(raw);
    }

    /** Bounded, control-free text of a peer-supplied string for the log. */
    private static final class TransportSpecExcerpt {
        static String of(String s) {
            String cut = s.length() > 100 ? s.substring(0, 100) + "..." : s;
            return cut.replaceAll("\\p{Cntrl}", "?");
        }
    }
}
