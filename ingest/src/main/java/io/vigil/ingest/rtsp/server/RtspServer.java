package io.vigil.ingest.rtsp.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.vigil.config.CameraId;
import io.vigil.ingest.stream.RtpSource;
import io.vigil.ingest.stream.StreamListenerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Vigil's RTSP server. Publishers (encoders, {@code ffmpeg -f rtsp}) push a camera with
 * ANNOUNCE/SETUP/RECORD to {@code rtsp://HOST:PORT/<cameraId>}; players (recorders,
 * ffplay) pull registered {@link RtpSource}s with DESCRIBE/SETUP/PLAY (camera-sim).
 *
 * <p>Status codes: unknown camera 404, missing or wrong credential 401, a second
 * publisher for a camera that is already publishing 455 (Method Not Valid in This State:
 * ANNOUNCE is not valid while the camera's path has a publisher), malformed requests 400
 * and the connection is closed.
 */
public final class RtspServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RtspServer.class);

    /** Told about refused or failed publish attempts for known cameras (metrics). */
    @FunctionalInterface
    public interface ErrorObserver {
        void rtspError(CameraId cameraId, String description);
    }

    private final InetSocketAddress bindAddress;
    private final PublishAuthority authority;
    private final StreamListenerFactory listeners;
    private final RtspServerOptions options;
    private final ErrorObserver errors;
    private final Map<String, RtpSource> sources = new ConcurrentHashMap<>();
    private volatile PlaySessionFactory playSessions;
    private final PublisherRegistry publishers = new PublisherRegistry();
    private final PublishThrottle publishThrottle = new PublishThrottle(System::nanoTime);
    /** Password lookups may read files; they never run on an event loop. */
    private final java.util.concurrent.ExecutorService lookups = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "rtsp-credentials");
        t.setDaemon(true);
        return t;
    });
    private final boolean ownsGroup;
    private EventLoopGroup bossGroup;
    private EventLoopGroup workerGroup;
    private Channel serverChannel;

    public RtspServer(InetSocketAddress bindAddress, PublishAuthority authority, StreamListenerFactory listeners,
                      RtspServerOptions options, ErrorObserver errors) {
        this(bindAddress, authority, listeners, options, errors, null);
    }

    /** @param workers event loops to share (the server does not shut them down), or null for its own */
    public RtspServer(InetSocketAddress bindAddress, PublishAuthority authority, StreamListenerFactory listeners,
                      RtspServerOptions options, ErrorObserver errors, EventLoopGroup workers) {
        this.bindAddress = bindAddress;
        this.authority = authority;
        this.listeners = listeners;
        this.options = options;
        this.errors = errors == null ? (c, d) -> { } : errors;
        this.workerGroup = workers;
        this.ownsGroup = workers == null;
    }

    /** Serves {@code source} to players at rtsp://HOST:PORT/{name}, once {@link #servePlayers} gave the play sessions. */
    public void registerSource(String name, RtpSource source) {
        sources.put(name, source);
    }

    public void unregisterSource(String name) {
        sources.remove(name);
    }

    /**
     * Serves the registered sources to players (DESCRIBE, SETUP, PLAY) with the play
     * sessions {@code factory} makes. Without it the server serves no player: every
     * DESCRIBE is answered 404.
     */
    public void servePlayers(PlaySessionFactory factory) {
        this.playSessions = factory;
    }

    PlaySessionFactory playSessions() {
        return playSessions;
    }

    /** Binds and starts accepting; returns the bound address (port 0 picks a free port). */
    public synchronized InetSocketAddress start() throws InterruptedException {
        if (serverChannel != null) return (InetSocketAddress) serverChannel.localAddress();
        bossGroup = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("rtsp-accept", true), NioIoHandler.newFactory());
        if (ownsGroup) {
            workerGroup = new MultiThreadIoEventLoopGroup(0, new DefaultThreadFactory("rtsp-server", true), NioIoHandler.newFactory());
        }
        ServerBootstrap b = new ServerBootstrap()
                .group(bossGroup, workerGroup)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 128)
                .childOption(ChannelOption.TCP_NODELAY, true)
                // A player's drain writes a whole keyframe (100 KB and more at 4 Mbit/s) before one flush:
                // with Netty's default 64 KiB high-water mark it turned unwritable mid-picture and
                // PlayerOutput dropped packets even for a fast reader on loopback.
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new io.netty.channel.WriteBufferWaterMark(1 << 20, 4 << 20))
                .childHandler(new RtspServerPipeline(this));
        try {
            serverChannel = b.bind(bindAddress).sync().channel();
        } catch (InterruptedException e) {
            shutdownGroups();
            throw e;
        } catch (Exception e) {
            // sync() rethrows the bind failure (e.g. BindException) unchecked: say what could not be bound
            shutdownGroups();
            throw new IllegalStateException("cannot listen for RTSP on " + bindAddress + ": " + e.getMessage(), e);
        }
        InetSocketAddress bound = (InetSocketAddress) serverChannel.localAddress();
        log.info("RTSP server listening on {}", bound);
        return bound;
    }

    public InetSocketAddress address() {
        return serverChannel == null ? null : (InetSocketAddress) serverChannel.localAddress();
    }

    RtspServerOptions options() {
        return options;
    }

    /** The publish password of {@code cameraId} (null: unknown camera), looked up off the event loop. */
    java.util.concurrent.CompletableFuture<char[]> lookupPublishPassword(CameraId cameraId) {
        return java.util.concurrent.CompletableFuture.supplyAsync(() -> authority.publishPassword(cameraId), lookups);
    }

    StreamListenerFactory listeners() {
        return listeners;
    }

    ErrorObserver errors() {
        return errors;
    }

    /** The registered source called {@code name}, or null. */
    public RtpSource source(String name) {
        return name == null ? null : sources.get(name);
    }

    /** Delays after wrong publish credentials (shared by all connections). */
    PublishThrottle publishThrottle() {
        return publishThrottle;
    }

    PublisherRegistry publishers() {
        return publishers;
    }

    /** True while a publisher holds {@code cameraId}. */
    public boolean publishing(CameraId cameraId) {
        return publishers.publishing(cameraId);
    }

    @Override
    public synchronized void close() {
        if (serverChannel != null) {
            serverChannel.close().syncUninterruptibly();
            serverChannel = null;
        }
        shutdownGroups();
    }

    private void shutdownGroups() {
        lookups.shutdown();
        if (bossGroup != null) bossGroup.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
        if (ownsGroup && workerGroup != null) workerGroup.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
        bossGroup = null;
    }
}
