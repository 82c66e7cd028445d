package io.vigil.ingest.rtsp.client;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.vigil.ingest.rtsp.RtspHeaders;
import io.netty.handler.codec.rtsp.RtspMethods;
import io.netty.handler.codec.rtsp.RtspVersions;
import io.netty.util.concurrent.ScheduledFuture;
import io.vigil.config.Transport;
import io.vigil.ingest.rtsp.AudioPolicy;
import io.vigil.ingest.rtsp.RtspPaths;
import io.vigil.ingest.rtsp.RtspProtocolException;
import io.vigil.ingest.rtsp.TransportSpec;
import io.vigil.ingest.rtsp.UdpPortPair;
import io.vigil.ingest.rtsp.auth.AuthHeaderException;
import io.vigil.ingest.rtsp.auth.ClientAuthenticator;
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
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadLocalRandom;
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
 */
public final class RtspPullSession {
    private static final Logger log = LoggerFactory.getLogger(RtspPullSession.class);
    private static final int DEFAULT_SESSION_TIMEOUT_S = 60;

    private final String cameraId;
    private final PullOptions options;
    private final EventLoop loop;
    private final StreamListener listener;
    private final ClientAuthenticator authenticator;
    private final CompletableFuture<VideoTrack> playing = new CompletableFuture<>();
    private final CompletableFuture<String> ended = new CompletableFuture<>();
    private final int ourSsrc = ThreadLocalRandom.current().nextInt();

    private Channel channel;
    private RtspClientHandler connection;
    private String currentUrl;
    private int redirects;
    private String publicMethods = "";
    private String sessionId;
    private int sessionTimeoutSeconds = DEFAULT_SESSION_TIMEOUT_S;
    private VideoTrack track;
    private int rtpChannel = -1;
    private int rtcpChannel = -1;
    private UdpPortPair udp;
    private InetSocketAddress serverRtcp;
    private InetAddress cameraAddress;
    private RtpReceptionStats stats;
    private ScheduledFuture<?> keepAlive;
    private ScheduledFuture<?> receiverReports;
    private boolean started;
    private boolean finished;

    public RtspPullSession(String cameraId, PullOptions options, EventLoopGroup group, StreamListener listener) {
        this.cameraId = cameraId;
        this.options = options;
        this.loop = group.next();
        this.listener = listener;
        this.authenticator = new ClientAuthenticator(options.user(), options.password());
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
        connection = handler;
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
            if (finished || connection != handler) {
                ch.close();
                return;
            }
            channel = ch;
            cameraAddress = ((InetSocketAddress) ch.remoteAddress()).getAddress();
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
        expectOk(r, "DESCRIBE");
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
        stats = new RtpReceptionStats(track.clockRate());
        String transport;
        if (options.transport() == Transport.UDP) {
            try {
                InetAddress local = ((InetSocketAddress) channel.localAddress()).getAddress();
                udp = UdpPortPair.bind(local, loop, new RtpDatagrams(), new RtcpDatagrams());
            } catch (IOException e) {
                throw new RtspClientException("cannot open UDP ports for RTP: " + e.getMessage());
            }
            transport = "RTP/AVP;unicast;client_port=" + udp.rtpPort() + "-" + udp.rtcpPort();
        } else {
            transport = "RTP/AVP/TCP;unicast;interleaved=0-1";
        }
        String t = transport;
        return request(RtspMethods.SETUP, track.control(), h -> h.set(RtspHeaders.TRANSPORT, t));
    }

    private String playUrl;

    private CompletableFuture<RtspResponse> onSetup(RtspResponse r) {
        if (r.status() == 461) {
            throw new RtspClientException("camera does not support RTP over " + options.transport() + " (461 Unsupported Transport)");
        }
        expectOk(r, "SETUP");
        String session = r.header(RtspHeaders.SESSION);
        if (session == null || session.isBlank()) throw new RtspClientException("camera's SETUP answer has no Session header");
        String[] parts = session.split(";");
        sessionId = parts[0].trim();
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
            rtpChannel = spec.interleavedRtp() >= 0 ? spec.interleavedRtp() : 0;
            rtcpChannel = spec.interleavedRtcp() >= 0 ? spec.interleavedRtcp() : rtpChannel + 1;
        } else {
            if (spec.tcp()) throw new RtspClientException("camera answered UDP SETUP with a TCP transport");
            if (spec.serverRtcpPort() > 0) serverRtcp = new InetSocketAddress(cameraAddress, spec.serverRtcpPort());
        }
        return request(RtspMethods.PLAY, playUrl, h -> h.set(RtspHeaders.RANGE, "npt=0.000-"));
    }

    private void onPlay(RtspResponse r) {
        expectOk(r, "PLAY");
        if (finished) return;
        started = true;
        try {
            listener.onStart(track);
        } catch (RuntimeException e) {
            log.error("camera {}: the recorder failed to start: {}", cameraId, e.toString());
        }
        if (options.transport() == Transport.TCP) connection.paceReads();
        long keepAliveMs = sessionTimeoutSeconds * 1000L / 2;
        keepAlive = loop.scheduleAtFixedRate(this::sendKeepAlive, keepAliveMs, keepAliveMs, TimeUnit.MILLISECONDS);
        long rr = options.rtcpInterval().toMillis();
        receiverReports = loop.scheduleAtFixedRate(this::sendReceiverReport, rr, rr, TimeUnit.MILLISECONDS);
        log.info("camera {}: playing {} over {} (session timeout {} s)", cameraId, track.encoding(), options.transport(), sessionTimeoutSeconds);
        playing.complete(track);
    }

    private Void onNegotiationFailure(Throwable t) {
        Throwable cause = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
        if (cause instanceof Redirect redirect) {
            if (redirects >= options.maxRedirects()) {
                finish("camera redirected more than " + options.maxRedirects() + " times");
                return null;
            }
            redirects++;
            log.info("camera {}: redirected to {}", cameraId, RtspPaths.redact(redirect.location));
            RtspClientHandler old = connection;
            connection = null;
            Channel oldChannel = channel;
            channel = null;
            if (oldChannel != null) oldChannel.close();
            if (old != null) old.fail("redirected");
            connectAndDescribe(stripUserInfo(redirect.location));
            return null;
        }
        finish(describe(cause));
        return null;
    }

    // ------------------------------------------------------------------ requests

    /**
     * Sends a request with Session and Authorization as needed; answers a 401 once with
     * credentials; turns 3xx into {@link Redirect}.
     */
    private CompletableFuture<RtspResponse> request(HttpMethod method, String url, Consumer<io.netty.handler.codec.http.HttpHeaders> headers) {
        return send(method, url, headers).thenCompose(r -> {
            if (r.status() == 401) {
                if (options.password() == null && options.user() == null) {
                    throw new RtspClientException("camera requires authentication (401) but no credentials are configured");
                }
                boolean usable;
                try {
                    usable = authenticator.accept(r.all(RtspHeaders.WWW_AUTHENTICATE));
                } catch (AuthHeaderException e) {
                    throw new RtspClientException("camera's authentication challenge is malformed: " + e.getMessage());
                }
                if (!usable) throw new RtspClientException("camera asks for an authentication scheme Vigil does not support");
                return send(method, url, headers).thenApply(again -> {
                    if (again.status() == 401) {
                        throw new RtspClientException("camera refused the credentials (401 on " + method.name() + ")");
                    }
                    return again;
                });
            }
            return CompletableFuture.completedFuture(r);
        }).thenApply(r -> {
            if (r.status() == 301 || r.status() == 302 || r.status() == 303 || r.status() == 307) {
                String location = r.header(RtspHeaders.LOCATION);
                if (location == null) throw new RtspClientException("camera redirected (" + r.status() + ") without a Location");
                throw new Redirect(location);
            }
            return r;
        });
    }

    private CompletableFuture<RtspResponse> send(HttpMethod method, String url, Consumer<io.netty.handler.codec.http.HttpHeaders> headers) {
        RtspClientHandler c = connection;
        if (c == null || finished) return CompletableFuture.failedFuture(new RtspClientException("session is closed"));
        FullHttpRequest req = new DefaultFullHttpRequest(RtspVersions.RTSP_1_0, method, url, Unpooled.EMPTY_BUFFER);
        headers.accept(req.headers());
        if (sessionId != null) req.headers().set(RtspHeaders.SESSION, sessionId);
        String auth = authenticator.authorization(method.name(), url);
        if (auth != null) req.headers().set(RtspHeaders.AUTHORIZATION, auth);
        return c.send(req, options.requestTimeout());
    }

    private static void expectOk(RtspResponse r, String what) {
        if (r.status() < 200 || r.status() > 299) {
            throw new RtspClientException("camera answered " + what + " with " + r.status() + " " + r.reason());
        }
    }

    /** A 3xx answer: start over at {@code location}. */
    private static final class Redirect extends RuntimeException {
        final String location;

        Redirect(String location) {
            super("redirect", null, false, false);
            this.location = location;
        }
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
        if (finished || stats == null) return;
        byte[] rr = stats.receiverReport(ourSsrc, "vigil@" + cameraId, System.nanoTime());
        if (udp != null) {
            if (serverRtcp != null) udp.rtcpChannel().writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(rr), serverRtcp));
        } else if (rtcpChannel >= 0 && connection != null) {
            connection.sendFrame(new InterleavedFrame(rtcpChannel, rr));
        }
    }

    private void onRtp(byte[] packet) {
        if (!started || finished) return;
        stats.onRtp(packet, System.nanoTime());
        try {
            listener.onRtp(packet);
        } catch (RuntimeException e) {
            log.error("camera {}: recorder failed on an RTP packet: {}", cameraId, e.toString());
        }
    }

    private final class ConnectionEvents implements RtspClientHandler.Events {
        RtspClientHandler owner;

        @Override
        public void onFrame(InterleavedFrame frame) {
            if (frame.channel() == rtpChannel) {
                onRtp(frame.payload());
            } else if (frame.channel() == rtcpChannel && stats != null) {
                stats.onRtcp(frame.payload(), System.nanoTime());
            }
        }

        @Override
        public void onConnectionEnd(String reason) {
            // A redirect replaces the connection; only the current one's end ends the session.
            if (owner == connection) finish(reason);
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

    // ------------------------------------------------------------------ ending

    private void finish(String reason) {
        if (finished) return;
        finished = true;
        if (keepAlive != null) keepAlive.cancel(false);
        if (receiverReports != null) receiverReports.cancel(false);
        Channel ch = channel;
        if (ch != null && ch.isActive()) {
            if (sessionId != null && playUrl != null) {
                // Best effort: tell the camera we are gone, then close without waiting for it.
                FullHttpRequest teardown = new DefaultFullHttpRequest(RtspVersions.RTSP_1_0, RtspMethods.TEARDOWN, playUrl, Unpooled.EMPTY_BUFFER);
                teardown.headers().set(RtspHeaders.SESSION, sessionId);
                teardown.headers().set(RtspHeaders.CSEQ, "9999");
                String auth = authenticator.authorization("TEARDOWN", playUrl);
                if (auth != null) teardown.headers().set(RtspHeaders.AUTHORIZATION, auth);
                ch.writeAndFlush(teardown).addListener(f -> ch.close());
            } else {
                ch.close();
            }
        }
        if (udp != null) udp.close();
        if (options.password() != null) Arrays.fill(options.password(), '\0');
        authenticator.destroy();
        if (started) {
            try {
                listener.onEnd(reason);
            } catch (RuntimeException e) {
                log.error("camera {}: recorder failed to end: {}", cameraId, e.toString());
            }
        }
        if (stats != null && stats.hasSource()) {
            log.info("camera {}: session ended after {} RTP packets ({} lost by sequence): {}", cameraId, stats.received(), stats.cumulativeLost(), reason);
        } else {
            log.info("camera {}: session ended: {}", cameraId, reason);
        }
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
