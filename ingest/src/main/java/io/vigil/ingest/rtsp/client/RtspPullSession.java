package io.vigil.ingest.rtsp.client;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.vigil.ingest.rtsp.RtspHeaders;
import io.netty.handler.codec.rtsp.RtspMethods;
import io.netty.util.concurrent.ScheduledFuture;
import io.vigil.config.Transport;
import io.vigil.ingest.rtsp.AudioPolicy;
import io.vigil.ingest.rtsp.RtspPaths;
import io.vigil.ingest.rtsp.RtspProtocolException;
import io.vigil.ingest.rtsp.TransportSpec;
import io.vigil.ingest.rtsp.codec.InterleavedFrame;
import io.vigil.ingest.rtsp.sdp.ControlUrl;
import io.vigil.ingest.rtsp.sdp.SdpParseException;
import io.vigil.ingest.rtsp.sdp.SdpParser;
import io.vigil.ingest.rtsp.sdp.SdpTracks;
import io.vigil.ingest.rtsp.sdp.SessionDescription;
import io.vigil.ingest.stream.StreamListener;
import io.vigil.ingest.stream.VideoTrack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One pull session with a camera: OPTIONS, DESCRIBE, SETUP (video only, never audio),
 * PLAY, then RTP to the listener, keep-alives at half the session timeout, receiver
 * reports, and TEARDOWN on close. It does not reconnect: the supervisor starts a new
 * session after the previous one {@link #ended()}.
 *
 * <p>Everything runs on one event loop chosen at construction; public methods may be
 * called from any thread.
 *
 * <p>Why about 350 lines: the negotiation is one chain of asynchronous steps (connect,
 * OPTIONS, DESCRIBE, SETUP, PLAY, redirects) over the session's state (URL, track,
 * transport, timers), and the end must undo whatever step was reached; kept in one
 * place so that order is visible. The requests (auth, redirects, Session header) are
 * {@link CameraRequests}, the media (RTP, RTCP, receiver reports) {@link RtpReception}.
 */
public final class RtspPullSession {
    private static final Logger log = LoggerFactory.getLogger(RtspPullSession.class);
    private static final int DEFAULT_SESSION_TIMEOUT_S = 60;

    private final String cameraId;
    private final PullOptions options;
    private final EventLoop loop;
    private final StreamListener listener;
    private final CameraRequests requests;
    private final RtpReception reception;
    private final CompletableFuture<VideoTrack> playing = new CompletableFuture<>();
    private final CompletableFuture<String> ended = new CompletableFuture<>();

    private Channel channel;
    private String currentUrl;
    private int redirects;
    private String publicMethods = "";
    private int sessionTimeoutSeconds = DEFAULT_SESSION_TIMEOUT_S;
    private VideoTrack track;
    private String playUrl;
    private ScheduledFuture<?> keepAlive;
    private ScheduledFuture<?> receiverReports;
    private boolean started;
    private boolean finished;
    private volatile RtspClientException.Refusal refusal = RtspClientException.Refusal.NONE;

    public RtspPullSession(String cameraId, PullOptions options, EventLoopGroup group, StreamListener listener) {
        this.cameraId = cameraId;
        this.options = options;
        this.loop = group.next();
        this.listener = listener;
        this.requests = new CameraRequests(options);
        this.reception = new RtpReception(cameraId, listener);
    }

    /** Connects and negotiates; completes with the video track once PLAY succeeded. */
    public CompletableFuture<VideoTrack> start() {
        loop.execute(() -> connectAndDescribe(stripUserInfo(options.url())));
        return playing;
    }

    /** Completes with the reason in words when the session is over, whatever ended it. */
    public CompletableFuture<String> ended() {
        return ended;
    }

    /** Whether the camera refused the credentials or the transport (read once {@link #ended()} completed). */
    public RtspClientException.Refusal refusal() {
        return refusal;
    }

    /** Ends the session (TEARDOWN when playing); the listener gets {@code onEnd(reason)}. */
    public void close(String reason) {
        loop.execute(() -> finish(reason));
    }

    // ------------------------------------------------------------------ negotiation

    private void connectAndDescribe(String url) {
        if (finished) return;
        currentUrl = url;
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            finish("camera URL is not valid: " + RtspPaths.redact(url));
            return;
        }
        if (uri.getHost() == null || !"rtsp".equalsIgnoreCase(uri.getScheme())) {
            finish("camera URL must be rtsp://host[:port]/path, not " + RtspPaths.redact(url));
            return;
        }
        int port = uri.getPort() > 0 ? uri.getPort() : 554;
        ConnectionEvents events = new ConnectionEvents();
        RtspClientHandler handler = new RtspClientHandler(cameraId, events);
        events.owner = handler;
        requests.connection(handler);
        Bootstrap b = new Bootstrap()
                .group(loop)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) options.connectTimeout().toMillis())
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new RtspClientChannelInitializer(cameraId, options.limits(), handler));
        b.connect(uri.getHost(), port).addListener(f -> {
            if (!f.isSuccess()) {
                finish("cannot connect to " + uri.getHost() + ":" + port + ": " + describe(f.cause()));
                return;
            }
            Channel ch = ((io.netty.channel.ChannelFuture) f).channel();
            if (finished || requests.connection() != handler) {
                ch.close();
                return;
            }
            channel = ch;
            reception.cameraAddress(((InetSocketAddress) ch.remoteAddress()).getAddress());
            request(RtspMethods.OPTIONS, url, h -> { })
                    .thenCompose(opt -> {
                        if (opt.status() == 200 && opt.header(RtspHeaders.PUBLIC) != null) {
                            publicMethods = opt.header(RtspHeaders.PUBLIC).toUpperCase(Locale.ROOT);
                        }
                        // Some cameras do not implement OPTIONS; DESCRIBE decides.
                        return request(RtspMethods.DESCRIBE, url, h -> h.set(RtspHeaders.ACCEPT, "application/sdp"));
                    })
                    .thenCompose(this::onDescribe)
                    .thenCompose(this::onSetup)
                    .thenAccept(this::onPlay)
                    .exceptionally(this::onNegotiationFailure);
        });
    }

    private CompletableFuture<RtspResponse> onDescribe(RtspResponse r) {
        CameraRequests.expectOk(r, "DESCRIBE");
        String base = firstNonNull(r.header(RtspHeaders.CONTENT_BASE), r.header(RtspHeaders.CONTENT_LOCATION), currentUrl);
        SessionDescription sdp;
        try {
            sdp = SdpParser.parse(r.body());
        } catch (SdpParseException e) {
            throw new RtspClientException("camera's SDP is unusable: " + e.getMessage());
        }
        track = SdpTracks.firstVideoTrack(sdp, base).orElseThrow(() ->
                new RtspClientException("camera offers no H264/H265 video (" + SdpTracks.summary(sdp) + ")"));
        if (SdpTracks.hasAudio(sdp)) log.info("camera {}: {}", cameraId, AudioPolicy.LOG_LINE);
        playUrl = sdp.control() != null && !sdp.control().equals("*") ? ControlUrl.resolve(base, sdp.control()) : base;
        reception.track(track);
        String transport;
        if (options.transport() == Transport.UDP) {
            try {
                transport = reception.openUdp(((InetSocketAddress) channel.localAddress()).getAddress(), loop);
            } catch (IOException e) {
                throw new RtspClientException("cannot open UDP ports for RTP: " + e.getMessage());
            }
        } else {
            transport = "RTP/AVP/TCP;unicast;interleaved=0-1";
        }
        String t = transport;
        return request(RtspMethods.SETUP, track.control(), h -> h.set(RtspHeaders.TRANSPORT, t));
    }

    private CompletableFuture<RtspResponse> onSetup(RtspResponse r) {
        if (r.status() == 461) {
            throw new RtspClientException("camera does not support RTP over " + options.transport() + " (461 Unsupported Transport)",
                    RtspClientException.Refusal.TRANSPORT);
        }
        CameraRequests.expectOk(r, "SETUP");
        String session = r.header(RtspHeaders.SESSION);
        if (session == null || session.isBlank()) throw new RtspClientException("camera's SETUP answer has no Session header");
        String[] parts = session.split(";");
        requests.sessionId(parts[0].trim());
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].trim().toLowerCase(Locale.ROOT);
            if (p.startsWith("timeout=")) {
                try {
                    sessionTimeoutSeconds = Math.max(2, Math.min(3600, Integer.parseInt(p.substring(8).trim())));
                } catch (NumberFormatException e) {
                    sessionTimeoutSeconds = DEFAULT_SESSION_TIMEOUT_S;
                }
            }
        }
        TransportSpec spec;
        try {
            spec = TransportSpec.parse(r.header(RtspHeaders.TRANSPORT));
        } catch (RtspProtocolException e) {
            throw new RtspClientException("camera's SETUP answer: " + e.getMessage());
        }
        if (options.transport() == Transport.TCP) {
            if (!spec.tcp()) throw new RtspClientException("camera answered TCP SETUP with a UDP transport");
            int rtpChannel = spec.interleavedRtp() >= 0 ? spec.interleavedRtp() : 0;
            reception.interleaved(rtpChannel, spec.interleavedRtcp() >= 0 ? spec.interleavedRtcp() : rtpChannel + 1);
        } else {
            if (spec.tcp()) throw new RtspClientException("camera answered UDP SETUP with a TCP transport");
            if (spec.serverRtcpPort() > 0) reception.serverRtcp(new InetSocketAddress(reception.cameraAddress(), spec.serverRtcpPort()));
        }
        return request(RtspMethods.PLAY, playUrl, h -> h.set(RtspHeaders.RANGE, "npt=0.000-"));
    }

    private void onPlay(RtspResponse r) {
        CameraRequests.expectOk(r, "PLAY");
        if (finished) return;
        started = true;
        reception.delivering(true);
        try {
            listener.onStart(track);
        } catch (RuntimeException e) {
            log.error("camera {}: the recorder failed to start: {}", cameraId, e.toString());
        }
        if (options.transport() == Transport.TCP) requests.connection().paceReads();
        long keepAliveMs = sessionTimeoutSeconds * 1000L / 2;
        keepAlive = loop.scheduleAtFixedRate(this::sendKeepAlive, keepAliveMs, keepAliveMs, TimeUnit.MILLISECONDS);
        long rr = options.rtcpInterval().toMillis();
        receiverReports = loop.scheduleAtFixedRate(this::sendReceiverReport, rr, rr, TimeUnit.MILLISECONDS);
        log.info("camera {}: playing {} over {} (session timeout {} s)", cameraId, track.encoding(), options.transport(), sessionTimeoutSeconds);
        playing.complete(track);
    }

    private Void onNegotiationFailure(Throwable t) {
        Throwable cause = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
        if (cause instanceof CameraRequests.Redirect redirect) {
            if (redirects >= options.maxRedirects()) {
                finish("camera redirected more than " + options.maxRedirects() + " times");
                return null;
            }
            redirects++;
            log.info("camera {}: redirected to {}", cameraId, RtspPaths.redact(redirect.location));
            RtspClientHandler old = requests.connection();
            requests.connection(null);
            Channel oldChannel = channel;
            channel = null;
            if (oldChannel != null) oldChannel.close();
            if (old != null) old.fail("redirected");
            connectAndDescribe(stripUserInfo(redirect.location));
            return null;
        }
        if (cause instanceof RtspClientException e) refusal = e.refusal();
        finish(describe(cause));
        return null;
    }

    private CompletableFuture<RtspResponse> request(HttpMethod method, String url, Consumer<HttpHeaders> headers) {
        return requests.request(method, url, headers);
    }

    // ------------------------------------------------------------------ running

    private void sendKeepAlive() {
        if (finished) return;
        HttpMethod m = publicMethods.contains("GET_PARAMETER") ? RtspMethods.GET_PARAMETER : RtspMethods.OPTIONS;
        request(m, playUrl, h -> { }).whenComplete((r, t) -> {
            if (t != null) {
                Throwable cause = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
                finish("keep-alive failed: " + describe(cause));
            } else if (r.status() == 454) {
                finish("camera forgot the session (454 on keep-alive)");
            }
        });
    }

    private void sendReceiverReport() {
        if (finished) return;
        reception.sendReceiverReport(requests.connection());
    }

    private final class ConnectionEvents implements RtspClientHandler.Events {
        RtspClientHandler owner;

        @Override
        public void onFrame(InterleavedFrame frame) {
            reception.onFrame(frame);
        }

        @Override
        public void onConnectionEnd(String reason) {
            // A redirect replaces the connection; only the current one's end ends the session.
            if (owner == requests.connection()) finish(reason);
        }
    }

    // ------------------------------------------------------------------ ending

    private void finish(String reason) {
        if (finished) return;
        finished = true;
        requests.close();
        if (keepAlive != null) keepAlive.cancel(false);
        if (receiverReports != null) receiverReports.cancel(false);
        Channel ch = channel;
        if (ch != null && ch.isActive()) {
            FullHttpRequest teardown = requests.teardown(playUrl);
            if (teardown != null) {
                // Best effort: tell the camera we are gone, then close without waiting for it.
                ch.writeAndFlush(teardown).addListener(f -> ch.close());
            } else {
                ch.close();
            }
        }
        reception.close();
        requests.destroy();
        if (started) {
            try {
                listener.onEnd(reason);
            } catch (RuntimeException e) {
                log.error("camera {}: recorder failed to end: {}", cameraId, e.toString());
            }
        }
        // A session that never started has nothing to sum up: the supervisor logs the failure
        if (started) log.info("camera {}: {}", cameraId, reception.summary(reason));
        playing.completeExceptionally(new RtspClientException(reason));
        ended.complete(reason);
    }

    // ------------------------------------------------------------------ helpers

    private static String stripUserInfo(String url) {
        return RtspPaths.redact(url);
    }

    private static String firstNonNull(String... values) {
        for (String v : values) if (v != null && !v.isBlank()) return v.trim();
        return null;
    }

    static String describe(Throwable t) {
        if (t == null) return "unknown error";
        if (t instanceof RtspClientException) return t.getMessage();
        String m = t.getMessage();
        if (m == null) return t.getClass().getSimpleName();
        // Netty appends the address the reason is shown next to ("Connection refused: /10.0.0.7:554"):
        // once is enough in a state reason and a stored gap.
        int addressSuffix = t instanceof java.net.ConnectException ? m.lastIndexOf(": /") : -1;
        return addressSuffix > 0 ? m.substring(0, addressSuffix) : m;
    }
}
