package io.vigil.ingest.rtsp.client;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.rtsp.RtspMethods;
import io.vigil.config.CameraId;
import io.vigil.config.Transport;
import io.vigil.ingest.rtsp.AudioPolicy;
import io.vigil.ingest.rtsp.RtspHeaders;
import io.vigil.ingest.rtsp.RtspPaths;
import io.vigil.ingest.rtsp.codec.InterleavedFrame;
import io.vigil.ingest.stream.StreamListener;
import io.vigil.ingest.stream.VideoTrack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * One pull session with a camera: OPTIONS, DESCRIBE, SETUP (video only, never audio),
 * PLAY, then RTP to the listener, keep-alives and receiver reports, and TEARDOWN on close.
 * It does not reconnect: the supervisor starts a new session after the previous one
 * {@link #ended()}.
 *
 * <p>Invariants: everything runs on one event loop chosen at construction (public methods
 * may be called from any thread); a session ends once, whatever ends it (camera, network,
 * supervisor, a failed step), undoing whatever step was reached, and only then completes
 * {@link #ended()}; the listener hears {@code onEnd} only after {@code onStart}; only the
 * current connection's end ends the session (a redirect replaces the connection).
 *
 * <p>This class is the order of the steps. What each answer means is {@link DescribeAnswer}
 * and {@link SetupAnswer}, the requests (auth, redirects, Session header)
 * {@link CameraRequests}, the media (RTP, RTCP, receiver reports) {@link RtpReception}, the
 * timers while playing {@link SessionUpkeep}.
 */
public final class RtspPullSession {
    private static final Logger log = LoggerFactory.getLogger(RtspPullSession.class);

    /** The session in the log and the receiver reports: the camera's id, with the stream's name when not the recorded one. */
    private final String name;
    private final PullOptions options;
    private final EventLoop loop;
    private final StreamListener listener;
    private final CameraRequests requests;
    private final RtpReception reception;
    private final SessionUpkeep upkeep;
    private final CompletableFuture<VideoTrack> playing = new CompletableFuture<>();
    private final CompletableFuture<String> ended = new CompletableFuture<>();

    private Channel channel;
    private String currentUrl;
    private int redirects;
    private int sessionTimeoutSeconds = SetupAnswer.DEFAULT_TIMEOUT_SECONDS;
    private VideoTrack track;
    private String playUrl;
    private boolean started;
    private boolean finished;
    private volatile RtspClientException.Refusal refusal = RtspClientException.Refusal.NONE;
    private volatile boolean reached;

    /** The session that records {@code camera}'s stream. */
    public RtspPullSession(CameraId camera, PullOptions options, EventLoopGroup group, StreamListener listener) {
        this(camera, null, options, group, listener);
    }

    /**
     * @param stream which of the camera's streams this session pulls when it is not the
     *               recorded one (the live wall's substream: "live"), for the log; null for the recorded one
     */
    public RtspPullSession(CameraId camera, String stream, PullOptions options, EventLoopGroup group, StreamListener listener) {
        this.name = stream == null ? camera.value() : camera.value() + " (" + stream + ")";
        this.options = options;
        this.loop = group.next();
        this.listener = listener;
        this.requests = new CameraRequests(options);
        this.reception = new RtpReception(name, listener);
        this.upkeep = new SessionUpkeep(loop, requests, reception, this::finish);
    }

    /** Connects and negotiates; completes with the video track once PLAY succeeded. */
    public CompletableFuture<VideoTrack> start() {
        loop.execute(() -> connectAndDescribe(RtspPaths.redact(options.url())));
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

    /** Whether a TCP connection to the camera was ever made (false: nothing answered at its address). */
    public boolean reached() {
        return reached;
    }

    /** Ends the session (TEARDOWN when playing); the listener gets {@code onEnd(reason)}. */
    public void close(String reason) {
        loop.execute(() -> finish(reason));
    }

    // ------------------------------------------------------------------ negotiation

    private void connectAndDescribe(String url) {
        if (finished) return;
        currentUrl = url;
        CameraAddress address;
        try {
            address = CameraAddress.of(url);
        } catch (RtspClientException e) {
            finish(e.getMessage());
            return;
        }
        ConnectionEvents events = new ConnectionEvents();
        RtspClientHandler handler = new RtspClientHandler(name, events);
        events.owner = handler;
        requests.connection(handler);
        connect(address, handler).addListener(f -> {
            if (!f.isSuccess()) {
                finish(RtspFailure.of("cannotConnect", "host", address.host(), "port", address.port(), "cause", describe(f.cause())));
                return;
            }
            Channel ch = ((ChannelFuture) f).channel();
            reached = true;
            if (finished || requests.connection() != handler) {
                ch.close();
                return;
            }
            channel = ch;
            reception.cameraAddress(((InetSocketAddress) ch.remoteAddress()).getAddress());
            negotiate(url);
        });
    }

    private ChannelFuture connect(CameraAddress address, RtspClientHandler handler) {
        return new Bootstrap()
                .group(loop)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) options.connectTimeout().toMillis())
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new RtspClientChannelInitializer(name, options.limits(), handler))
                .connect(address.host(), address.port());
    }

    private void negotiate(String url) {
        request(RtspMethods.OPTIONS, url, h -> { })
                .thenCompose(opt -> {
                    upkeep.optionsAnswer(opt);
                    // Some cameras do not implement OPTIONS; DESCRIBE decides.
                    return request(RtspMethods.DESCRIBE, url, h -> h.set(RtspHeaders.ACCEPT, "application/sdp"));
                })
                .thenCompose(this::onDescribe)
                .thenCompose(this::onSetup)
                .thenAccept(this::onPlay)
                .exceptionally(this::onNegotiationFailure);
    }

    private CompletableFuture<RtspResponse> onDescribe(RtspResponse r) {
        DescribeAnswer described = DescribeAnswer.read(r, currentUrl);
        track = described.track();
        playUrl = described.playUrl();
        if (described.hasAudio()) log.info("camera {}: {}", name, AudioPolicy.LOG_LINE);
        reception.track(track);
        String transport = reception.transportRequest(options.transport(), ((InetSocketAddress) channel.localAddress()).getAddress(), loop);
        return request(RtspMethods.SETUP, track.control(), h -> h.set(RtspHeaders.TRANSPORT, transport));
    }

    private CompletableFuture<RtspResponse> onSetup(RtspResponse r) {
        SetupAnswer setup = SetupAnswer.read(r, options.transport());
        requests.sessionId(setup.sessionId());
        sessionTimeoutSeconds = setup.timeoutSeconds();
        reception.agreed(options.transport(), setup.transport(options.transport()));
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
            log.error("camera {}: the recorder failed to start: {}", name, e.toString());
        }
        if (options.transport() == Transport.TCP) requests.connection().paceReads();
        upkeep.start(playUrl, sessionTimeoutSeconds, options.rtcpInterval());
        log.info("camera {}: playing {} over {} (session timeout {} s)", name, track.encoding(), options.transport(), sessionTimeoutSeconds);
        playing.complete(track);
    }

    private Void onNegotiationFailure(Throwable t) {
        Throwable cause = SessionUpkeep.unwrap(t);
        if (cause instanceof CameraRequests.Redirect redirect) {
            followRedirect(redirect.location);
            return null;
        }
        if (cause instanceof RtspClientException e) refusal = e.refusal();
        finish(describe(cause));
        return null;
    }

    private void followRedirect(String location) {
        if (redirects >= options.maxRedirects()) {
            finish(RtspFailure.of("tooManyRedirects", "count", options.maxRedirects()));
            return;
        }
        redirects++;
        log.info("camera {}: redirected to {}", name, RtspPaths.redact(location));
        RtspClientHandler old = requests.connection();
        requests.connection(null);
        Channel oldChannel = channel;
        channel = null;
        if (oldChannel != null) oldChannel.close();
        if (old != null) old.fail(RtspFailure.of("redirected"));
        connectAndDescribe(RtspPaths.redact(location));
    }

    private CompletableFuture<RtspResponse> request(HttpMethod method, String url, Consumer<HttpHeaders> headers) {
        return requests.request(method, url, headers);
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
        upkeep.stop();
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
                log.error("camera {}: recorder failed to end: {}", name, e.toString());
            }
            // A session that never started has nothing to sum up: the supervisor logs the failure
            log.info("camera {}: {}", name, reception.summary(reason));
        }
        playing.completeExceptionally(new RtspClientException(reason));
        ended.complete(reason);
    }

    /** A failure for the camera's state and its stored gap, as an encoded reason ({@link RtspFailure}). */
    static String describe(Throwable t) {
        return RtspFailure.io(t);
    }
}
