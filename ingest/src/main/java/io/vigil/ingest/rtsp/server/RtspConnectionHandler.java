package io.vigil.ingest.rtsp.server;

import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.rtsp.RtspResponseStatuses;
import io.vigil.config.CameraId;
import io.vigil.ingest.rtsp.RtspHeaders;
import io.vigil.ingest.rtsp.RtspMessages;
import io.vigil.ingest.rtsp.RtspPaths;
import io.vigil.ingest.rtsp.auth.ServerAuthenticator;
import io.vigil.ingest.rtsp.sdp.SdpParseException;
import io.vigil.ingest.rtsp.sdp.SdpParser;
import io.vigil.ingest.rtsp.sdp.SdpTracks;
import io.vigil.ingest.rtsp.sdp.SdpWriter;
import io.vigil.ingest.rtsp.sdp.SessionDescription;
import io.vigil.ingest.stream.RtpSource;
import io.vigil.ingest.stream.VideoTrack;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A server connection before the client's intent is known. An ANNOUNCE that passes the
 * camera's credentials and carries H.264/H.265 video makes it a
 * {@link PublishSessionHandler}; a DESCRIBE or SETUP of a registered source makes it the
 * {@link PlaySessionFactory}'s play session, which then answers that request. Anything
 * else is answered here without changing state.
 */
final class RtspConnectionHandler extends RtspSessionHandler {
    private static final int MAX_FAILED_LOGINS = 3;

    private final ServerAuthenticator auth;
    private int failedLogins;

    RtspConnectionHandler(RtspServer server) {
        super(server);
        this.auth = new ServerAuthenticator(server.options().allowBasic());
    }

    @Override
    protected void onMethod(String method, FullHttpRequest req, String cseq) {
        switch (method) {
            case "ANNOUNCE" -> announce(req, cseq);
            case "DESCRIBE" -> play(RtspPaths.path(req.uri()), req, cseq);
            case "SETUP" -> play(SdpWriter.sourceOfTrack(RtspPaths.path(req.uri())), req, cseq);
            case "RECORD", "PLAY" -> reply(RtspMessages.response(RtspResponseStatuses.SESSION_NOT_FOUND, cseq));
            case "TEARDOWN" -> teardown(cseq);
            default -> notImplemented(cseq);
        }
    }

    /** A player: the play session takes over and answers {@code req}. */
    private void play(String sourceName, FullHttpRequest req, String cseq) {
        RtpSource source = server.source(sourceName);
        PlaySessionFactory players = server.playSessions();
        if (source == null || players == null) {
            reply(RtspMessages.response(RtspResponseStatuses.NOT_FOUND, cseq));
            return;
        }
        RtspServerPipeline.become(ctx(), players.playSession(server, source)).takeOver(req);
    }

    private void announce(FullHttpRequest req, String cseq) {
        String path = RtspPaths.path(req.uri());
        if (path == null || path.isEmpty() || path.contains("/")) {
            refuse(null, RtspResponseStatuses.NOT_FOUND, cseq, "ANNOUNCE to unknown path " + safe(req.uri()));
            return;
        }
        // Where a pushed camera's id enters Vigil: checked here, once, and carried inward as a
        // CameraId. A path that breaks the rule names no configured camera (the configuration
        // applies the same rule), so it is answered as an unknown camera is, without a lookup.
        if (!CameraId.isValid(path)) {
            refuse(null, RtspResponseStatuses.NOT_FOUND, cseq, "ANNOUNCE for unknown camera '" + safe(path) + "'");
            return;
        }
        CameraId camera = CameraId.of(path);
        // The password may come from a file: look it up off the event loop, and read nothing
        // more from this publisher until the answer is back (it waits for our reply anyway).
        String uri = req.uri();
        String authorization = req.headers().get(RtspHeaders.AUTHORIZATION);
        String body = req.content().toString(StandardCharsets.UTF_8);
        ctx().channel().config().setAutoRead(false);
        // Credentials after wrong ones wait their delay (PublishThrottle): the answer is
        // scheduled, the event loop is not held. A first ANNOUNCE without credentials is not
        // a guess: its challenge is not delayed.
        long wait = authorization == null ? 0 : server.publishThrottle().remainingNanos(camera, address());
        if (wait > 0) {
            log.debug("camera {}: publish attempt from {} answered in {} ms (wrong credentials before)", camera, remote(), wait / 1_000_000);
            ctx().executor().schedule(() -> lookUpAndAnswer(camera, uri, authorization, body, cseq), wait, TimeUnit.NANOSECONDS);
        } else {
            lookUpAndAnswer(camera, uri, authorization, body, cseq);
        }
    }

    private void lookUpAndAnswer(CameraId camera, String uri, String authorization, String body, String cseq) {
        if (!ctx().channel().isActive()) return;
        server.lookupPublishPassword(camera).whenComplete((password, error) -> ctx().executor().execute(() -> {
            ctx().channel().config().setAutoRead(true);
            if (!ctx().channel().isActive() || ctx().isRemoved()) {
                if (password != null) Arrays.fill(password, '\0');
                if (ctx().channel().isActive()) reply(RtspMessages.response(RtspResponseStatuses.METHOD_NOT_VALID, cseq));
                return;
            }
            if (error != null) {
                log.error("camera {}: cannot look up the publish password: {}", camera, error.toString());
                reply(RtspMessages.response(HttpResponseStatus.INTERNAL_SERVER_ERROR, cseq));
                return;
            }
            announceWithPassword(camera, uri, authorization, body, password, cseq);
        }));
    }

    private void announceWithPassword(CameraId camera, String uri, String authorization, String body, char[] password, String cseq) {
        if (password == null) {
            refuse(null, RtspResponseStatuses.NOT_FOUND, cseq, "ANNOUNCE for unknown camera '" + camera + "'");
            return;
        }
        try {
            if (!authenticated(camera, uri, authorization, password, cseq)) return;
        } finally {
            Arrays.fill(password, '\0');
        }
        SessionDescription parsed;
        try {
            parsed = SdpParser.parse(body);
        } catch (SdpParseException e) {
            server.errors().rtspError(camera, "bad SDP in ANNOUNCE: " + e.getMessage());
            badRequestAndClose(cseq, "camera " + camera + ": ANNOUNCE carries an unusable SDP: " + e.getMessage());
            return;
        }
        Optional<VideoTrack> video = SdpTracks.firstVideoTrack(parsed, uri);
        if (video.isEmpty()) {
            refuse(camera, RtspResponseStatuses.UNSUPPORTED_MEDIA_TYPE, cseq,
                    "camera " + camera + ": ANNOUNCE offers no H264/H265 video (" + SdpTracks.summary(parsed) + ")");
            return;
        }
        PublishSessionHandler publish = new PublishSessionHandler(server, camera, uri, parsed, video.get());
        if (!server.publishers().claim(camera, publish)) {
            refuse(camera, RtspResponseStatuses.METHOD_NOT_VALID, cseq,
                    "camera " + camera + ": second publisher from " + remote() + " refused, the camera is already publishing");
            return;
        }
        RtspServerPipeline.become(ctx(), publish).announced(cseq);
    }

    /** The publisher's IP address, the throttle's key (its port changes with every connection). */
    private String address() {
        java.net.SocketAddress a = ctx().channel().remoteAddress();
        return a instanceof java.net.InetSocketAddress inet ? inet.getAddress().getHostAddress() : String.valueOf(a);
    }

    /** Checks the publisher's credentials; false when it was answered 401 (and maybe closed). */
    private boolean authenticated(CameraId camera, String uri, String authorization, char[] password, String cseq) {
        ServerAuthenticator.Result r = auth.verify(authorization, "ANNOUNCE", uri, password);
        if (r.ok()) {
            server.publishThrottle().succeeded(camera, address());
            return true;
        }
        FullHttpResponse resp = RtspMessages.response(RtspResponseStatuses.UNAUTHORIZED, cseq);
        for (String c : auth.challenges()) resp.headers().add(RtspHeaders.WWW_AUTHENTICATE, c);
        if (authorization != null) {
            server.publishThrottle().failed(camera, address());
            log.warn("camera {}: publish refused with 401 from {}: {}", camera, remote(), r.problem());
            server.errors().rtspError(camera, "publish refused: " + r.problem());
            if (++failedLogins >= MAX_FAILED_LOGINS) {
                // Three wrong answers on one connection is guessing, not a typo.
                ctx().writeAndFlush(resp).addListener(ChannelFutureListener.CLOSE);
                return false;
            }
        } else {
            log.debug("camera {}: sending 401 challenge to {}", camera, remote());
        }
        reply(resp);
        return false;
    }
}
