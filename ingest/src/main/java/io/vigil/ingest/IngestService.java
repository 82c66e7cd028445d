package io.vigil.ingest;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.vigil.config.CameraConfig;
import io.vigil.config.CameraId;
import io.vigil.config.VigilConfig;
import io.vigil.ingest.rtsp.server.RtspServer;
import io.vigil.ingest.rtsp.server.RtspServerOptions;
import io.vigil.ingest.stream.StreamListenerFactory;
import io.vigil.ingest.supervisor.CameraState;
import io.vigil.ingest.supervisor.Supervisor;
import io.vigil.ingest.supervisor.SupervisorOptions;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Map;

/**
 * Ingest as the server sees it: records every configured camera — PULL cameras through
 * one isolated recorder each, PUSH cameras through the RTSP server when
 * {@code listen.rtsp} is set — and hands their RTP to the media side's listeners.
 */
public final class IngestService implements AutoCloseable {
    private final VigilConfig config;
    private final Supervisor supervisor;
    private final RtspServerOptions serverOptions;
    private EventLoopGroup group;
    private RtspServer server;

    public IngestService(VigilConfig config, StreamListenerFactory listeners, MeterRegistry meters, Clock clock) {
        this(config, listeners, meters, clock, SupervisorOptions.DEFAULT, RtspServerOptions.DEFAULT);
    }

    public IngestService(VigilConfig config, StreamListenerFactory listeners, MeterRegistry meters, Clock clock,
                         SupervisorOptions options, RtspServerOptions serverOptions) {
        this.config = config;
        this.serverOptions = serverOptions;
        this.supervisor = new Supervisor(config.cameras(), listeners, meters, clock, options);
    }

    /** Starts the recorders and, when configured, the RTSP server for pushed cameras. */
    public synchronized void start() throws InterruptedException {
        if (group != null) return;
        int threads = supervisor.options().eventLoops() > 0 ? supervisor.options().eventLoops() : 0;
        group = new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory("vigil-ingest", true), NioIoHandler.newFactory());
        supervisor.start(group);
        InetSocketAddress rtsp = config.listen() == null ? null : config.listen().rtsp();
        if (rtsp != null) {
            server = new RtspServer(rtsp, supervisor.publishAuthority(), supervisor.pushListeners(), serverOptions,
                    supervisor::rtspError, group);
            try {
                server.start();
            } catch (RuntimeException | InterruptedException e) {
                close();
                throw e;
            }
        }
    }

    /** The address the RTSP server listens on, or null when it is not running. */
    public InetSocketAddress rtspAddress() {
        return server == null ? null : server.address();
    }

    /** Camera id to its current state, for /health and the operator. */
    public Map<CameraId, CameraState> states() {
        return supervisor.states();
    }

    @Override
    public synchronized void close() {
        if (server != null) server.close();
        server = null;
        supervisor.stop();
        if (group != null) group.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
        group = null;
    }
}
