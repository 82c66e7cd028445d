package io.vigil.ingest.sim;

import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.rtsp.RtspResponseStatuses;
import io.vigil.ingest.rtsp.RtspHeaders;
import io.vigil.ingest.rtsp.RtspMessages;
import io.vigil.ingest.rtsp.RtspPaths;
import io.vigil.ingest.rtsp.RtspProtocolException;
import io.vigil.ingest.rtsp.TransportSpec;
import io.vigil.ingest.rtsp.sdp.SdpWriter;
import io.vigil.ingest.rtsp.server.PlaySessionFactory;
import io.vigil.ingest.rtsp.server.RtspServer;
import io.vigil.ingest.rtsp.server.RtspSessionHandler;
import io.vigil.ingest.stream.RtpSource;

import java.net.InetSocketAddress;

/**
 * A player of one simulated camera on Vigil's RTSP server (what {@code vigil camera-sim}
 * serves): DESCRIBE, SETUP over TCP interleaved (UDP is answered 461, players fall back
 * to TCP), PLAY, then the source's RTP through a bounded {@link PlayerOutput} until
 * TEARDOWN or disconnect. Give a server {@link #FACTORY} with
 * {@link RtspServer#servePlayers} to serve its registered sources.
 */
public final class RtspPlaySession extends RtspSessionHandler {
    /** Makes the play sessions of a server that serves simulated cameras. */
    public static final PlaySessionFactory FACTORY = RtspPlaySession::new;

    private final RtpSource source;
    private int playChannel = -1;
    private AutoCloseable subscription;
    private PlayerOutput playerOutput;

    private RtspPlaySession(RtspServer server, RtpSource source) {
        super(server);
        this.source = source;
    }

    @Override
    protected void onMethod(String method, FullHttpRequest req, String cseq) throws RtspProtocolException {
        switch (method) {
            case "DESCRIBE" -> describe(req, cseq);
            case "SETUP" -> setup(req, cseq);
            case "PLAY" -> play(req, cseq);
            case "ANNOUNCE" -> reply(RtspMessages.response(RtspResponseStatuses.METHOD_NOT_VALID, cseq));
            case "RECORD" -> reply(RtspMessages.response(RtspResponseStatuses.SESSION_NOT_FOUND, cseq));
            case "TEARDOWN" -> teardown(cseq);
            default -> notImplemented(cseq);
        }
    }

    private void describe(FullHttpRequest req, String cseq) {
        String path = RtspPaths.path(req.uri());
        RtpSource described = server.source(path);
        if (described == null) {
            reply(RtspMessages.response(RtspResponseStatuses.NOT_FOUND, cseq));
            return;
        }
        InetSocketAddress local = (InetSocketAddress) ctx().channel().localAddress();
        String body = SdpWriter.describe(described.track(), path, local.getAddress().getHostAddress());
        FullHttpResponse resp = RtspMessages.response(HttpResponseStatus.OK, cseq, "application/sdp", body);
        String base = req.uri().endsWith("/") ? req.uri() : req.uri() + "/";
        resp.headers().set(RtspHeaders.CONTENT_BASE, base);
        reply(resp);
    }

    private void setup(FullHttpRequest req, String cseq) throws RtspProtocolException {
        RtpSource addressed = server.source(SdpWriter.sourceOfTrack(RtspPaths.path(req.uri())));
        if (addressed == null || (sessionId() != null && addressed != source)) {
            reply(RtspMessages.response(RtspResponseStatuses.NOT_FOUND, cseq));
            return;
        }
        TransportSpec t = TransportSpec.parse(req.headers().get(RtspHeaders.TRANSPORT));
        if (!t.tcp() || t.interleavedRtp() < 0) {
            // Serving over UDP is optional for camera-sim; players fall back to TCP on 461.
            reply(RtspMessages.response(RtspResponseStatuses.UNSUPPORTED_TRANSPORT, cseq));
            return;
        }
        playChannel = t.interleavedRtp();
        openSession();
        reply(withHeader(sessionResponse(HttpResponseStatus.OK, cseq), RtspHeaders.TRANSPORT,
                "RTP/AVP/TCP;unicast;interleaved=" + t.interleavedRtp() + "-" + t.interleavedRtcp()));
    }

    private void play(FullHttpRequest req, String cseq) {
        if (sessionId() == null || !sessionMatches(req)) {
            reply(RtspMessages.response(RtspResponseStatuses.SESSION_NOT_FOUND, cseq));
            return;
        }
        FullHttpResponse resp = sessionResponse(HttpResponseStatus.OK, cseq);
        resp.headers().set(RtspHeaders.RANGE, "npt=0.000-");
        reply(resp);
        if (subscription == null) {
            playerOutput = new PlayerOutput(ctx().channel(), playChannel);
            subscription = source.subscribe(playerOutput);
        }
    }

    @Override
    protected void endSession(String reason) {
        if (subscription == null) return;
        try {
            subscription.close();
        } catch (Exception e) {
            log.debug("closing a source subscription failed: {}", e.toString());
        }
        subscription = null;
        if (playerOutput.dropped() > 0) {
            log.info("player {} was too slow: {} packets dropped", remote(), playerOutput.dropped());
        }
    }
}
